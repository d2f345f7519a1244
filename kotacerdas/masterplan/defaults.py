"""The six dimensions and their elements as the Gerakan Menuju 100 Smart City defines them.

Source: ../shared/domain.md §3. Seeded into each region; a region may rename or add elements.
"""

from django.db import transaction

from .models import Dimension, Element

DIMENSIONS = [
    (
        "governance",
        "Smart Governance",
        "Tata kelola pemerintahan yang cerdas",
        "Smart government and public service",
        [
            ("pelayanan-publik", "Pelayanan publik", "Public service"),
            ("manajemen-birokrasi", "Manajemen birokrasi yang efisien", "Efficient bureaucracy"),
            ("kebijakan-publik", "Efisiensi kebijakan publik", "Efficient public policy"),
        ],
    ),
    (
        "branding",
        "Smart Branding",
        "Citra dan daya tarik daerah",
        "The region's image and attractiveness",
        [
            ("pariwisata", "Ekosistem pariwisata", "Tourism ecosystem"),
            ("bisnis-daerah", "Ekosistem bisnis daerah", "Regional business ecosystem"),
            ("wajah-kota", "Wajah kota", "City appearance"),
        ],
    ),
    (
        "economy",
        "Smart Economy",
        "Ekonomi daerah yang berdaya saing",
        "A competitive regional economy",
        [
            ("industri", "Ekosistem industri yang berdaya saing", "Competitive industry ecosystem"),
            ("kesejahteraan", "Kesejahteraan rakyat", "Welfare of the people"),
            ("transaksi-keuangan", "Ekosistem transaksi keuangan", "Financial transaction ecosystem"),
        ],
    ),
    (
        "living",
        "Smart Living",
        "Lingkungan hidup yang layak dan nyaman",
        "A liveable region",
        [
            ("tata-ruang", "Harmonisasi tata ruang", "Spatial harmony"),
            ("transportasi", "Sarana transportasi", "Mobility"),
            ("kesehatan", "Prasarana kesehatan", "Health facilities"),
        ],
    ),
    (
        "society",
        "Smart Society",
        "Masyarakat yang interaktif dan aman",
        "An interactive and safe society",
        [
            ("interaksi-masyarakat", "Interaksi masyarakat yang efisien", "Efficient community interaction"),
            ("ekosistem-belajar", "Ekosistem belajar yang efisien", "Efficient learning ecosystem"),
            ("keamanan-masyarakat", "Sistem keamanan masyarakat", "Public safety"),
        ],
    ),
    (
        "environment",
        "Smart Environment",
        "Lingkungan yang lestari",
        "A sustainable environment",
        [
            ("proteksi-lingkungan", "Proteksi lingkungan", "Environmental protection"),
            ("sampah-limbah", "Tata kelola sampah dan limbah", "Waste management"),
            ("energi", "Tata kelola energi", "Energy management"),
        ],
    ),
]


@transaction.atomic
def dimensions_seed_defaults(*, region) -> dict[str, Dimension]:
    """Create the six dimensions and their elements for a region where missing. Idempotent."""
    result = {}
    for order, (key, name, description, description_en, elements) in enumerate(DIMENSIONS, start=1):
        dimension, _ = Dimension.objects.get_or_create(
            region=region,
            key=key,
            defaults={
                "name": name,
                "name_en": name,
                "description": description,
                "description_en": description_en,
                "order": order,
            },
        )
        for e_order, (e_key, e_name, e_name_en) in enumerate(elements, start=1):
            Element.objects.get_or_create(
                region=region,
                dimension=dimension,
                key=e_key,
                defaults={"name": e_name, "name_en": e_name_en, "order": e_order},
            )
        result[key] = dimension
    return result
