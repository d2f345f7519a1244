"""Illustrative news for the Luwu Utara demo: two articles summarising (not copying) the seed reports on
Bimtek IV of September 2022, with their sources named, and one illustrative article linking an innovation
and a literacy class. Written through the services, once."""

import datetime

from django.utils import timezone

from kotacerdas.innovation.models import Innovation
from kotacerdas.literacy.models import Activity
from kotacerdas.masterplan.models import Dimension, Programme
from kotacerdas.news import services
from kotacerdas.news.models import Article

ARTICLES = [
    {
        "title": "Bimtek IV, tahap terakhir penyusunan masterplan smart city Luwu Utara, digelar di Makassar",
        "title_en": "Bimtek IV, the last round of Luwu Utara's smart city masterplan, held in Makassar",
        "summary": "Tim Pelaksana Luwu Utara BISA Smart City mengikuti Bimtek tahap IV; Tim Ahli Kemkominfo "
        "menekankan inovasi, partisipasi masyarakat, literasi dan kemitraan.",
        "summary_en": "The implementation team attended the fourth and last guidance round; the ministry's expert "
        "team stressed innovation, citizen participation, literacy and partnerships.",
        "body": (
            "<p>Bimbingan Teknis (Bimtek) tahap IV, tahap terakhir penyusunan masterplan smart city Kabupaten "
            "Luwu Utara, berlangsung di Hotel Grand Town, Makassar, pada Rabu, 21 September 2022. Pesertanya "
            "Tim Pelaksana Luwu Utara BISA Smart City: para sekretaris perangkat daerah bersama kepala subbagian "
            "perencanaannya. Kegiatan dibuka oleh Kepala Diskominfo SP.</p>"
            "<p>Ketua Tim Ahli Smart City Kemkominfo mengapresiasi partisipasi tim daerah sejak Bimtek pertama "
            "dan mengingatkan bahwa smart city hanya berhasil lewat sinergi banyak pihak, termasuk masyarakat. "
            "Menurutnya ada empat hal yang perlu diperhatikan: inovasi untuk menyelesaikan masalah, pelibatan "
            "dan partisipasi masyarakat, literasi agar program berkesinambungan, serta kerja sama dengan "
            "mitra.</p>"
            "<p><em>Ringkasan demo dari pemberitaan media daring tentang Bimtek IV (21/9/2022).</em></p>"
        ),
        "body_en": (
            "<p>The fourth technical guidance round (Bimtek IV), the last step in drafting Luwu Utara's smart "
            "city masterplan, took place at Hotel Grand Town, Makassar, on Wednesday 21 September 2022, "
            "attended by the implementation team (agency secretaries and their planning heads).</p>"
            "<p>The head of the ministry's expert team thanked the region for taking part since the first round "
            "and named four things smart city needs: innovation, citizen participation, literacy to keep the "
            "programme going, and partnerships.</p>"
            "<p><em>Demo summary of an online news report on Bimtek IV (21/9/2022).</em></p>"
        ),
        "source_name": "Pemberitaan media daring, 21/9/2022",
        "tags": "Bimtek, masterplan, smart city",
        "published": "2022-09-21T17:00:00",
        "activities": ["Bimtek IV Penyusunan Masterplan Smart City"],
        "dimensions": ["governance"],
    },
    {
        "title": "Bupati Luwu Utara: mewujudkan BISA Smart City tanggung jawab semua pihak",
        "title_en": "Luwu Utara's regent: BISA Smart City is everybody's responsibility",
        "summary": "Menutup Bimtek IV, Bupati Indah Putri Indriani menegaskan pentingnya kolaborasi multipihak "
        "dan menyebut quick win sebagai inovasi yang manfaatnya cepat dirasakan warga.",
        "summary_en": "Closing Bimtek IV, the regent stressed multi-party collaboration and described quick wins "
        "as innovations whose benefits citizens feel quickly.",
        "body": (
            "<p>Bupati Luwu Utara, Indah Putri Indriani, menutup Bimtek tahap IV penyusunan masterplan Luwu Utara "
            "BISA Smart City di Makassar pada Kamis, 22 September 2022. Ia menegaskan bahwa smart city bukan "
            "tugas Dinas Kominfo semata, melainkan tanggung jawab seluruh perangkat daerah, ASN, dunia usaha, "
            "perbankan, perguruan tinggi, media, dan masyarakat.</p>"
            "<p>Bupati menjelaskan quick win sebagai program unggulan: inovasi yang mudah dilakukan dan "
            "manfaatnya cepat dirasakan masyarakat, yang pelaksanaannya akan dievaluasi setahun ke depan. "
            "Empat tahap Bimtek dalam empat bulan menghasilkan dokumen masterplan 2022–2032. Kepala Dinas "
            "Kominfo Sulawesi Selatan menyebut Luwu Utara, bersama Maros, sebagai percontohan smart city di "
            "provinsi itu.</p>"
            "<p>Acara ditutup dengan penandatanganan komitmen bersama dan konferensi pers.</p>"
            "<p><em>Ringkasan demo dari berita INPUTSULSEL.COM (rilis).</em></p>"
        ),
        "body_en": (
            "<p>Closing the fourth guidance round in Makassar on Thursday 22 September 2022, regent Indah Putri "
            "Indriani said smart city is not the communications agency's job alone but that of every agency, "
            "civil servant, business, bank, university, the media and citizens.</p>"
            "<p>She described quick wins as flagship innovations that are easy to do and quickly felt by "
            "citizens, to be evaluated after a year. Four rounds in four months produced the 2022–2032 "
            "masterplan. The event closed with the signing of a joint commitment.</p>"
            "<p><em>Demo summary of a report by INPUTSULSEL.COM (press release).</em></p>"
        ),
        "source_name": "INPUTSULSEL.COM",
        "tags": "Bimtek, quick win, kolaborasi, smart city",
        "published": "2022-09-22T18:00:00",
        "activities": ["Bimtek IV Penyusunan Masterplan Smart City"],
        "dimensions": ["governance"],
    },
    {
        "title": "Lapor Sampah Lutra diterapkan, kelas literasi digital menjangkau pelajar Bone Bone (contoh)",
        "title_en": "Lapor Sampah Lutra applied; digital literacy classes reach students in Bone Bone (example)",
        "summary": "Berita contoh: inovasi pelaporan sampah memasuki tahap penerapan, dan 80 pelajar serta guru "
        "mengikuti kelas literasi digital.",
        "summary_en": "Example article: the waste-reporting innovation is now applied, and 80 students and "
        "teachers attended a digital literacy class.",
        "body": (
            "<p>Inovasi Lapor Sampah Lutra kini diterapkan setelah uji coba: warga melaporkan tumpukan sampah "
            "dan petugas menindaklanjutinya. Di Bone Bone, 80 pelajar dan guru mengikuti kelas literasi digital "
            "tentang aplikasi layanan publik dan keamanan daring.</p>"
            "<p><em>Berita contoh untuk demo; angka bersifat ilustratif.</em></p>"
        ),
        "source_name": "",
        "tags": "inovasi, literasi digital",
        "published": "2023-09-01T09:00:00",
        "activities": ["Kelas Literasi Digital Pelajar (contoh)"],
        "innovations": ["Lapor Sampah Lutra (contoh)"],
        "programmes": ["ENV-01"],
        "dimensions": ["environment", "society"],
    },
]


def load_demo_news(*, region, admin) -> None:
    """Write the demo rows through the services, once (a region that already has them is left alone)."""
    if Article.objects.filter(region=region).exists():
        return
    for row in ARTICLES:
        article = services.article_create(
            actor=admin,
            region=region,
            title=row["title"],
            title_en=row["title_en"],
            summary=row["summary"],
            summary_en=row["summary_en"],
            body=row["body"],
            body_en=row.get("body_en", ""),
            source_name=row["source_name"],
            tags=row["tags"],
            activities=list(Activity.objects.filter(region=region, title__in=row.get("activities", []))),
            innovations=list(Innovation.objects.filter(region=region, title__in=row.get("innovations", []))),
            programmes=list(Programme.objects.filter(region=region, code__in=row.get("programmes", []))),
            dimensions=list(Dimension.objects.filter(region=region, key__in=row.get("dimensions", []))),
        )
        published = timezone.make_aware(datetime.datetime.fromisoformat(row["published"]))
        services.article_publish(actor=admin, article=article, published_at=published)
