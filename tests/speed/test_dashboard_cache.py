"""The staff dashboard is cached under the region's version: it must still show every verification at once."""

from decimal import Decimal

from kotacerdas.monitoring import services
from tests.factories import IndicatorFactory, TargetFactory


def test_dashboard_shows_a_new_verification_immediately(world, client_for, django_capture_on_commit_callbacks):
    admin, officer, tim = (world["users"][r] for r in ("region_admin", "agency_officer", "tim_pelaksana"))
    with django_capture_on_commit_callbacks(execute=True):
        period = services.reporting_periods_create_year(actor=admin, region=world["home"], year=2024)[0]
        period = services.reporting_period_set_status(actor=admin, period=period, status="open")
    programme = world["home_programme"]
    programme.indicators.all().delete()
    TargetFactory(indicator=IndicatorFactory(programme=programme), year=2024, value=Decimal(80))
    client = client_for(tim)
    before = client.get("/r/luwu-utara/monev/").content.decode()
    assert 'data-testid="overall-achievement"' not in before  # nothing verified yet
    with django_capture_on_commit_callbacks(execute=True):
        report = services.progress_report_start(actor=officer, programme=programme, period=period)
        indicator = programme.indicators.get()
        services.progress_report_save(actor=officer, report=report, values={indicator.pk: "60"})
        services.evidence_add(actor=officer, report=report, kind="link", url="https://example.org/bukti")
        services.progress_report_submit(actor=officer, report=report)
        services.progress_report_verify(actor=tim, report=report)
    after = client.get("/r/luwu-utara/monev/").content.decode()
    assert 'data-testid="overall-achievement">75' in after


def test_dashboard_hit_costs_only_the_request_floor(world, client_for, django_assert_max_num_queries):
    client = client_for(world["users"]["tim_pelaksana"])
    client.get("/r/luwu-utara/monev/")
    with django_assert_max_num_queries(5):  # session, user, region, memberships, agency check at most
        client.get("/r/luwu-utara/monev/")


def test_my_programmes_list_is_fresh_and_its_cached_forms_pass_csrf(world, django_capture_on_commit_callbacks):
    """The cached list holds no CSRF token; the one form its "Start report" buttons post (outside the cached
    part) carries this session's, which must be accepted."""
    import re

    from django.test import Client

    admin, officer = world["users"]["region_admin"], world["users"]["agency_officer"]
    with django_capture_on_commit_callbacks(execute=True):
        period = services.reporting_periods_create_year(actor=admin, region=world["home"], year=2024)[0]
        period = services.reporting_period_set_status(actor=admin, period=period, status="open")
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    url = "/r/luwu-utara/monev/program-saya/"
    client.get(url)
    html = client.get(url).content.decode()  # the second answer comes from the fragment cache
    action = f"/r/luwu-utara/monev/laporan/mulai/{world['home_programme'].pk}/{period.pk}/"
    assert action in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and "/monev/laporan/" in response["Location"]
    assert "Open report" in client.get(url).content.decode() or "Buka laporan" in client.get(url).content.decode()
