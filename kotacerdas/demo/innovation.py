"""Illustrative innovation registry for the Luwu Utara demo (filled in by its issue)."""


def load_demo_innovation(*, region, admin) -> None:
    """Write the demo rows through the services, once (a region that already has them is left alone)."""
    return None
