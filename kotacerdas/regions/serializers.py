"""API shapes of the region's own rows that other apps' serializers nest."""

from rest_framework import serializers

from .models import Agency


# An agency as other objects refer to it (owner, coordinator, organiser); a comment, not a docstring, so the
# API schema stays as it was.
class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "acronym", "name"]
