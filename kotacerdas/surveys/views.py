"""Survey pages (being written)."""

from django.http import HttpResponse

from kotacerdas.regions.views import with_region


@with_region
def _stub(request, *, region, pk=None):
    return HttpResponse("")


survey_list = survey_answer = results = staff_list = staff_create = staff_edit = staff_close = _stub
