"""Official Kemendagri codes come from a maintained package or a CSV; importing twice changes nothing."""

import pytest
from django.core.management import CommandError, call_command

from kotacerdas.regions.models import District, Region, Village


def test_import_luwu_utara_from_package_is_idempotent(db, capsys):
    call_command("import_region_codes", "73.22", "--slug", "luwu-utara")
    region = Region.objects.get(code="73.22")
    assert region.display_name == "Kabupaten Luwu Utara" and region.slug == "luwu-utara"
    assert region.province == "Sulawesi Selatan"
    districts = set(District.objects.filter(region=region).values_list("name", flat=True))
    assert {"Masamba", "Sabbang", "Seko", "Rampi", "Bone Bone", "Tana Lili"} <= districts
    assert len(districts) == 15
    villages = Village.objects.filter(region=region)
    assert villages.count() > 150
    assert villages.filter(kind=Village.Kind.KELURAHAN).exists()
    counts = (District.objects.count(), Village.objects.count())
    call_command("import_region_codes", "73.22")
    assert (District.objects.count(), Village.objects.count()) == counts
    assert "already present" in capsys.readouterr().out


def test_import_a_second_region_from_csv(db, tmp_path):
    csv_file = tmp_path / "kode.csv"
    csv_file.write_text(
        "kode,nama\n99,PROVINSI CONTOH\n99.01,KOTA CONTOH\n99.01.01,Kecamatan Satu\n"
        "99.01.01.1001,Kelurahan A\n99.01.01.2002,Desa B\n",
        encoding="utf-8",
    )
    call_command("import_region_codes", "99.01", "--csv", str(csv_file))
    region = Region.objects.get(code="99.01")
    assert region.kind == Region.Kind.CITY and region.name == "Contoh" and region.slug == "contoh"
    assert [v.kind for v in Village.objects.filter(region=region).order_by("code")] == ["kelurahan", "desa"]
    # A renamed village in a newer list is updated, not duplicated.
    csv_file.write_text(csv_file.read_text().replace("Desa B", "Desa Baru"), encoding="utf-8")
    call_command("import_region_codes", "99.01", "--csv", str(csv_file))
    assert Village.objects.get(code="99.01.01.2002").name == "Desa Baru"
    assert Village.objects.filter(region=region).count() == 2


def test_unknown_code_is_a_clear_error(db):
    with pytest.raises(CommandError, match=r"99\.99"):
        call_command("import_region_codes", "99.99")
    assert not Region.objects.exists()
