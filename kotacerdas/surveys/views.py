"""Survey pages (filled in below)."""

from django.http import HttpResponse

from kotacerdas.regions.views import with_region


@with_region
def results(request, *, region, pk):
    return HttpResponse("")
