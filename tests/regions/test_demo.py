"""The demo loads the real Luwu Utara facts and is idempotent."""

from django.core.management import call_command
from django.test import override_settings

from kotacerdas.audit.models import AuditEvent
from kotacerdas.demo.loader import load_demo
from kotacerdas.masterplan.models import Dimension, Indicator, Programme, Target
from kotacerdas.regions.models import Membership, Region


def _counts():
    return [m.objects.count() for m in (Region, Programme, Indicator, Target, Membership, AuditEvent)]


def test_demo_is_idempotent_and_complete(db):
    load_demo()
    first = _counts()
    load_demo()
    assert _counts() == first
    lutra = Region.objects.get(slug="luwu-utara")
    assert lutra.is_demo and lutra.slogan == "BISA"
    programmes = Programme.objects.filter(region=lutra)
    assert programmes.count() == 30 and programmes.filter(is_quick_win=True).count() == 10
    coordinators = dict(Dimension.objects.filter(region=lutra).values_list("key", "coordinator__acronym"))
    assert coordinators == {
        "governance": "Bappelitbangda",
        "branding": "DPUTRPKP2",
        "economy": "Disporapar",
        "living": "Diskominfo SP",
        "society": "BPBD",
        "environment": "DLH",
    }
    roles = set(Membership.objects.filter(region=lutra).values_list("role", flat=True))
    assert roles == {r.value for r in Membership.Role}


def test_load_demo_refuses_without_debug(db):
    import pytest
    from django.core.management import CommandError

    with override_settings(DEBUG=False), pytest.raises(CommandError):
        call_command("load_demo")
    assert not Region.objects.exists()


def test_the_logins_table_says_what_each_role_does_and_where_it_starts(db):
    import io

    from kotacerdas.demo.management.commands.load_demo import ROLE_GUIDE

    assert {r.value for r in Membership.Role} <= set(ROLE_GUIDE)  # every role is explained
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=out)
    lines = {line.split()[0]: line for line in out.getvalue().splitlines() if line.startswith("  ") and line.strip()}
    assert "agency officer — reports progress for an agency — /r/luwu-utara/monev/" in lines["opd.dlh"]
    assert (
        "tim pelaksana — verifies the agencies' progress reports — /r/luwu-utara/monev/verifikasi/" in lines["tp.lutra"]
    )
    assert lines["admin.maros"].endswith("/r/maros/monev/periode/")
    assert lines["timahli"].endswith("/evaluasi/") and lines["admin"].endswith("/admin/")
    assert "TOTP" in out.getvalue()  # the second-factor column stays
