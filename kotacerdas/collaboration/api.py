"""Collaboration API: partners (public list of consenting partners; the region's staff see all, with contact
people), joint commitments with each signature's verification, and agreements (staff only).

Another region's objects answer 404; a missing rule answers 403 (anonymous callers too).
"""

from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, PermissionDenied

from kotacerdas.common.api import OptionalUrlField, PublicRead
from kotacerdas.regions.access import RegionScopedMixin

from . import selectors
from .models import Agreement, Commitment, Partner, PartnerContact


class PartnerProgrammeSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnerContact
        fields = ["name", "position", "email", "phone"]


class PartnerSerializer(serializers.ModelSerializer):
    programmes = PartnerProgrammeSerializer(many=True, read_only=True)
    website = OptionalUrlField()

    class Meta:
        model = Partner
        fields = ["id", "name", "acronym", "category", "subkind", "description", "website", "programmes"]


class StaffPartnerSerializer(PartnerSerializer):
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta(PartnerSerializer.Meta):
        fields = [*PartnerSerializer.Meta.fields, "public_consent", "contacts"]


class SignatureSerializer(serializers.Serializer):
    signatory = serializers.CharField(source="signatory.name")
    position = serializers.CharField(source="signatory.position")
    on_behalf_of = serializers.CharField(source="signatory.on_behalf_of")
    signed_at = serializers.DateTimeField()
    method = serializers.CharField()
    text_hash = serializers.CharField()
    valid = serializers.BooleanField()


class CommitmentSerializer(serializers.ModelSerializer):
    text_hash = serializers.CharField(read_only=True)
    signatures = serializers.SerializerMethodField()
    valid_signatures = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = [
            "id",
            "title",
            "text",
            "event_date",
            "event_place",
            "is_published",
            "text_hash",
            "signatures",
            "valid_signatures",
        ]

    def _rows(self, obj):
        if not hasattr(obj, "_rows"):
            obj._rows = selectors.commitment_verification(obj)
        return obj._rows

    def get_signatures(self, obj) -> list[dict]:
        out = []
        for row in self._rows(obj):
            for signature, ok in row.signatures:
                signature.valid = ok
                out.append(SignatureSerializer(signature).data)
        return out

    def get_valid_signatures(self, obj) -> int:
        return sum(1 for row in self._rows(obj) if row.has_signed)


class AgreementSerializer(serializers.ModelSerializer):
    agencies = serializers.SlugRelatedField(slug_field="acronym", many=True, read_only=True)
    partners = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    programmes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "number",
            "kind",
            "title",
            "scope",
            "signed_on",
            "starts_on",
            "ends_on",
            "agencies",
            "partners",
            "programmes",
            "has_document",
        ]

    def get_has_document(self, obj) -> bool:
        return bool(obj.document)


def _is_staff(request, region) -> bool:
    return request.user.has_perm("collaboration.view_internal", region)


class PartnerList(RegionScopedMixin, generics.ListAPIView):
    """Partners of the region. Anonymous and outside callers get consenting partners only, never contacts."""

    permission_classes = [PublicRead]

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request, no region
            return StaffPartnerSerializer
        return StaffPartnerSerializer if _is_staff(self.request, self.get_region()) else PartnerSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Partner.objects.none()
        region = self.get_region()
        if _is_staff(self.request, region):
            return selectors.partner_list(region=region).prefetch_related("contacts").order_by("category", "name")
        return (
            Partner.objects.filter(region=region, public_consent=True)
            .prefetch_related("programmes")
            .order_by("category", "name")
        )


class CommitmentList(RegionScopedMixin, generics.ListAPIView):
    """Joint commitments with every signature and whether it still matches the text (`valid`)."""

    permission_classes = [PublicRead]
    serializer_class = CommitmentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Commitment.objects.none()
        region = self.get_region()
        from django.db.models import Prefetch

        from .models import Signatory

        qs = Commitment.objects.filter(region=region).prefetch_related(
            Prefetch(
                "signatories",
                queryset=Signatory.objects.select_related("agency", "partner").prefetch_related("signatures"),
            )
        )
        return qs if _is_staff(self.request, region) else qs.filter(is_published=True)


class CommitmentDetail(RegionScopedMixin, generics.RetrieveAPIView):
    permission_classes = [PublicRead]
    serializer_class = CommitmentSerializer

    def get_object(self):
        region = self.get_region()
        try:
            return selectors.commitment_detail(
                region=region, pk=self.kwargs["pk"], published_only=not _is_staff(self.request, region)
            )
        except Commitment.DoesNotExist:
            raise NotFound from None


class AgreementList(RegionScopedMixin, generics.ListAPIView):
    """Agreements (MoU/PKS): the region's staff and national evaluators only."""

    serializer_class = AgreementSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Agreement.objects.none()
        region = self.get_region()
        if not _is_staff(self.request, region):
            raise PermissionDenied
        return selectors.agreement_list(region=region).order_by("ends_on", "number")
