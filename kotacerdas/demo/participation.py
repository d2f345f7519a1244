"""Illustrative citizen reports and open311 for the Luwu Utara demo (filled in by its issue)."""


def load_demo_participation(*, region, admin) -> None:
    """Write the demo rows through the services, once (a region that already has them is left alone)."""
    return None
