"""Illustrative citizen ideas for the Luwu Utara demo: invented citizens (example.org addresses), ideas in
every status, supports, comments with a reply, an official reply, a comment hidden by a moderator, one idea
linked to the quick win it became and one to a programme that runs in the current years (BRD-04, so the
public pages show the loop from idea to verified progress). Written through the services, once (a region
with ideas is left alone)."""

from django.contrib.auth import get_user_model

from kotacerdas.ideas import services, signup
from kotacerdas.ideas.models import Idea
from kotacerdas.masterplan.models import Dimension, Programme

from .data import DEMO_PASSWORD

CITIZENS = [
    ("contoh.andi@example.org", "Andi (contoh)"),
    ("contoh.sitti@example.org", "Sitti (contoh)"),
    ("+6281200000001", "Rahmat (contoh)"),
    ("+6281200000002", "Nurul (contoh)"),
]

# title, dimension, description, author index (-1 = warga.lutra), status, reason, linked programme code
IDEAS = [
    (
        "Layanan adminduk keliling ke desa terpencil",
        "governance",
        "Warga Seko dan Rampi harus menempuh perjalanan jauh untuk mengurus KTP dan KK. Mobil layanan "
        "adminduk dengan perekaman KTP-el bisa datang ke desa sebulan sekali, jadwalnya diumumkan di portal.",
        -1,
        "adopted",
        "",
        "GOV-01",
    ),
    (
        "Peta digital jalur wisata Sungai Rongkong",
        "branding",
        "Peta daring jalur arung jeram dan air terjun di sepanjang Sungai Rongkong, lengkap dengan kontak "
        "pemandu lokal dan homestay, supaya wisatawan mudah merencanakan kunjungan.",
        0,
        "accepted",
        "",
        None,
    ),
    (
        "Pasar daring hasil kebun kakao dan kopi",
        "economy",
        "Petani kakao dan kopi bisa memasang hasil panen dan harga di satu aplikasi bersama koperasi, "
        "sehingga pembeli dari luar daerah langsung menghubungi petani tanpa tengkulak.",
        1,
        "under_review",
        "",
        None,
    ),
    (
        "Titik wifi gratis di balai desa",
        "society",
        "Pelajar di desa sering kesulitan sinyal untuk belajar daring. Wifi gratis di balai desa pada jam "
        "tertentu akan membantu mereka dan pelaku UMKM desa.",
        2,
        "new",
        "",
        None,
    ),
    (
        "Pengingat jadwal posyandu lewat WhatsApp",
        "living",
        "Kader posyandu mengirim pengingat jadwal imunisasi dan penimbangan balita lewat pesan WhatsApp "
        "otomatis, agar lebih banyak ibu datang tepat waktu.",
        3,
        "under_review",
        "",
        None,
    ),
    (
        "Lampu jalan tenaga surya di jalan poros desa",
        "environment",
        "Jalan poros antar desa gelap di malam hari. Lampu jalan tenaga surya hemat biaya listrik dan "
        "membuat perjalanan malam lebih aman.",
        0,
        "rejected",
        "Sudah dianggarkan oleh Dinas Perhubungan melalui program penerangan jalan umum 2024.",
        None,
    ),
    (  # adopted into a programme that runs in the current years, so the loop shows verified progress
        "Homestay warga dan paket budaya di desa wisata Rongkong",
        "branding",
        "Warga Rongkong siap menerima tamu di rumah mereka. Pelatihan homestay dan paket kunjungan budaya "
        "(tenun, kopi, ritual adat) yang dipesan lewat portal akan membuka pendapatan baru bagi desa.",
        1,
        "adopted",
        "",
        "BRD-04",
    ),
]

STEPS = {
    "new": [],
    "under_review": ["under_review"],
    "accepted": ["under_review", "accepted"],
    "adopted": ["under_review", "accepted"],
    "rejected": ["under_review", "rejected"],
}


def _citizens(region):
    User = get_user_model()
    people = []
    for identifier, name in CITIZENS:
        user = User.objects.filter(username=identifier).first()
        if user is None:
            user = signup.citizen_register(
                region=region, identifier=identifier, password=DEMO_PASSWORD, name=name, welcome=False
            )
        people.append(user)
    return people


def load_demo_ideas(*, region, admin) -> None:
    """Write the demo rows through the services, once (a region that already has them is left alone)."""
    if Idea.objects.filter(region=region).exists():
        return
    User = get_user_model()
    warga = User.objects.filter(username="warga.lutra").first() or admin
    tp = User.objects.filter(username="tp.lutra").first() or admin
    dewan = User.objects.filter(username="dewan.lutra").first() or admin
    people = _citizens(region)
    dimensions = {d.key: d for d in Dimension.objects.filter(region=region)}
    programmes = {p.code: p for p in Programme.objects.filter(region=region)}
    supporters = [warga, dewan, *people]
    for index, (title, dim_key, description, author_index, status, reason, code) in enumerate(IDEAS):
        author = warga if author_index < 0 else people[author_index]
        idea = services.idea_create(
            actor=author, region=region, title=title, description=description, dimension=dimensions[dim_key]
        )
        for supporter in supporters[: max(1, 6 - index)]:
            if supporter != author:
                services.idea_support(actor=supporter, idea=idea)
        for step in STEPS[status]:
            services.idea_set_status(actor=tp, idea=idea, status=step, reason=reason if step == "rejected" else "")
        if code and code in programmes:
            services.idea_link_programme(actor=admin, idea=idea, programme=programmes[code])
        if index == 0:
            first = services.comment_create(
                actor=people[0], idea=idea, body="Setuju sekali, orang tua saya di Seko sangat terbantu."
            )
            services.comment_create(
                actor=people[1], idea=idea, body="Semoga jadwalnya juga diumumkan lewat desa.", parent=first
            )
            services.comment_create(
                actor=tp,
                idea=idea,
                parent=first,
                official=True,
                body="Terima kasih. Gagasan ini kini menjadi bagian dari quick win Mal Pelayanan Publik Digital.",
            )
            spam = services.comment_create(actor=people[2], idea=idea, body="Jual pulsa murah, hubungi nomor saya!")
            services.flag_create(actor=people[3], idea=idea, comment=spam, reason="Iklan")
            services.comment_hide(actor=tp, comment=spam, reason="Iklan, tidak terkait gagasan")
        elif index == 2:
            services.comment_create(
                actor=tp,
                idea=idea,
                official=True,
                body="Sedang kami kaji bersama Dinas KUKM dan koperasi petani.",
            )
            services.comment_create(actor=dewan, idea=idea, body="Perlu juga pelatihan foto produk untuk petani.")
