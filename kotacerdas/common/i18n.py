from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """`obj.<field>_en` when the active language is English and it is filled, else `obj.<field>`."""
    if (get_language() or "id").startswith("en"):
        value = getattr(obj, f"{field}_en", "")
        if value:
            return value
    return getattr(obj, field)
