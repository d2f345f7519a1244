from django.urls import path

from kotacerdas.common.cache import public_api

from . import api

prefix = "regions/<slug:region_slug>/collaboration/"
urlpatterns = [
    path(prefix + "partners/", public_api(api.PartnerList.as_view()), name="collaboration-partners"),
    path(prefix + "commitments/", public_api(api.CommitmentList.as_view()), name="collaboration-commitments"),
    path(
        prefix + "commitments/<int:pk>/",
        public_api(api.CommitmentDetail.as_view()),
        name="collaboration-commitment-detail",
    ),
    path(prefix + "agreements/", api.AgreementList.as_view(), name="collaboration-agreements"),
]
