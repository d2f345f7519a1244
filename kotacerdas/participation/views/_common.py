"""What the public and the staff report lists share: the filters read from the query string."""

from ..models import Report


def _filters(request, region) -> dict:
    def as_int(name):
        try:
            return int(request.GET.get(name, ""))
        except ValueError:
            return None

    status = request.GET.get("status", "")
    return {
        "status": status if status in Report.Status.values else "",
        "category": as_int("kategori"),
        "district": as_int("kecamatan"),
        "agency": as_int("pd"),
        "late": request.GET.get("terlambat") == "1",
    }
