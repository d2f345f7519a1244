from django.urls import path

from . import views

app_name = "collaboration"
urlpatterns = [
    # public
    path("mitra/", views.partners_public, name="partners_public"),
    path("komitmen/<int:pk>/", views.commitment_public, name="commitment_public"),
    path("komitmen/<int:pk>/verifikasi/", views.commitment_verify, name="commitment_verify"),
    path("komitmen/<int:pk>/pdf/", views.commitment_pdf, name="commitment_pdf"),
    path("tanda-tangan/<str:token>/", views.sign_link, name="sign_link"),
    # staff
    path("kolaborasi/", views.dashboard, name="dashboard"),
    path("kolaborasi/organisasi-saya/", views.my_organisation, name="my_organisation"),
    path("kolaborasi/mitra/", views.partner_list, name="partners"),
    path("kolaborasi/mitra/baru/", views.partner_create, name="partner_create"),
    path("kolaborasi/mitra/<int:pk>/", views.partner_detail, name="partner"),
    path("kolaborasi/mitra/<int:pk>/ubah/", views.partner_edit, name="partner_edit"),
    path("kolaborasi/mitra/<int:pk>/kontak/", views.contact_add, name="contact_add"),
    path("kolaborasi/mitra/<int:pk>/kontak/<int:contact_pk>/hapus/", views.contact_remove, name="contact_remove"),
    path("kolaborasi/komitmen/", views.commitment_list, name="commitments"),
    path("kolaborasi/komitmen/baru/", views.commitment_create, name="commitment_create"),
    path("kolaborasi/komitmen/<int:pk>/", views.commitment_detail, name="commitment"),
    path("kolaborasi/komitmen/<int:pk>/teks/", views.commitment_edit_text, name="commitment_edit_text"),
    path("kolaborasi/komitmen/<int:pk>/terbitkan/", views.commitment_publish, name="commitment_publish"),
    path("kolaborasi/komitmen/<int:pk>/penandatangan/", views.signatory_add, name="signatory_add"),
    path(
        "kolaborasi/komitmen/<int:pk>/penandatangan/<int:signatory_pk>/tanda-tangani/",
        views.commitment_sign,
        name="commitment_sign",
    ),
    path(
        "kolaborasi/komitmen/<int:pk>/penandatangan/<int:signatory_pk>/tautan/",
        views.signing_link_send,
        name="signing_link_send",
    ),
    path("kolaborasi/perjanjian/", views.agreement_list, name="agreements"),
    path("kolaborasi/perjanjian/baru/", views.agreement_create, name="agreement_create"),
    path("kolaborasi/perjanjian/<int:pk>/", views.agreement_detail, name="agreement"),
    path("kolaborasi/perjanjian/<int:pk>/dokumen/", views.agreement_document, name="agreement_document"),
    path("kolaborasi/kontribusi/", views.contribution_list, name="contributions"),
    path("kolaborasi/kontribusi/<int:pk>/status/", views.contribution_status, name="contribution_status"),
    path("kolaborasi/kontribusi/<int:pk>/bukti/", views.contribution_evidence, name="contribution_evidence"),
    path("kolaborasi/badan/", views.body_list, name="bodies"),
    path("kolaborasi/badan/<int:pk>/", views.body_detail, name="body"),
    path("kolaborasi/badan/<int:pk>/anggota/<int:member_pk>/akhiri/", views.body_member_end, name="body_member_end"),
]
