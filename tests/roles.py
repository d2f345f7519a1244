"""Names of the users the `world` fixture (tests/conftest.py) provides."""

# Every kind of visitor the `world` fixture provides: one per role in the home region, the other region's
# admin and officer, the national evaluator and an anonymous visitor. Permission tables sweep all of them.
ALL_USERS = [
    "region_admin",
    "tim_pelaksana",
    "dewan",
    "agency_officer",
    "partner",
    "citizen",
    "other_admin",
    "other_officer",
    "evaluator",
    "anonymous",
]
