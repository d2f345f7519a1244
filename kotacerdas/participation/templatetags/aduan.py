from django import template

register = template.Library()


@register.filter
def late(report, now) -> bool:
    """Whether the report missed its SP4N-LAPOR deadline (first response or resolution) at `now`."""
    return report.is_late(now)


@register.filter
def hours(value) -> str:
    """A duration in hours as '5 h' or '2.5 d'."""
    if value is None:
        return "–"
    return f"{value:.0f} h" if value < 48 else f"{value / 24:.1f} d"
