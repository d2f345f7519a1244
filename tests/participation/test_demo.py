"""The demo's reports: every kecamatan, every status, some late, statistics consistent; loaded once."""

import pytest
from django.utils import timezone

from kotacerdas.demo.loader import load_demo
from kotacerdas.participation.models import AgencyReportStats, Report, ReportCategory
from kotacerdas.regions.models import District, Region


@pytest.mark.django_db
def test_demo_reports_are_complete_and_idempotent(client):
    load_demo()
    region = Region.objects.get(slug="luwu-utara")
    reports = Report.objects.filter(region=region)
    assert ReportCategory.objects.filter(region=region).count() >= 10
    assert set(reports.values_list("district_id", flat=True)) == set(
        District.objects.filter(region=region).values_list("pk", flat=True)
    )
    assert set(reports.values_list("status", flat=True)) == set(Report.Status.values)
    now = timezone.now()
    assert any(r.is_late(now) for r in reports)
    assert sum(s.received for s in AgencyReportStats.objects.filter(region=region)) == reports.count()
    count = reports.count()
    load_demo()
    assert Report.objects.filter(region=region).count() == count
    for path in ("aduan/", "aduan/statistik/", "aduan/baru/", f"aduan/{reports.first().pk}/"):
        assert client.get(f"/r/{region.slug}/{path}").status_code == 200
    assert "late" in client.get(f"/r/{region.slug}/aduan/").content.decode()
