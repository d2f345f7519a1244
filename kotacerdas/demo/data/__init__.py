"""The Luwu Utara demo. Real facts come from ../shared/domain.md; programmes and figures are illustrative.

Every region loaded from here carries `is_demo=True`, which makes the UI say so on every page.

Plain data, no Django: split by part (the region, its programmes by smart city dimension, the logins); every
name stays importable from `kotacerdas.demo.data`.
"""

from . import programmes_economy_living, programmes_governance_branding, programmes_society_environment
from .people import DEMO_PASSWORD, NATIONAL_EVALUATOR, SECOND_REGION_ADMIN, USERS
from .region import AGENCIES, COORDINATORS, MASTERPLAN, SLOGAN
from .years import ThisYear, resolve

# (code, dimension, element, owner, supporting, horizon, start, end, budget (Rp), funding, quick-win year,
#  title, title_en, indicators: [(name, name_en, unit, baseline, direction, final target)]); start, end and the
# quick-win year may be a ThisYear (years.py): two 2024 quick wins run until after this year, in today's open period.
PROGRAMMES = [
    *programmes_governance_branding.PROGRAMMES,
    *programmes_economy_living.PROGRAMMES,
    *programmes_society_environment.PROGRAMMES,
]

__all__ = [
    "AGENCIES",
    "COORDINATORS",
    "DEMO_PASSWORD",
    "MASTERPLAN",
    "NATIONAL_EVALUATOR",
    "PROGRAMMES",
    "SECOND_REGION_ADMIN",
    "SLOGAN",
    "USERS",
    "ThisYear",
    "resolve",
]
