"""Ideas API (read-only): the public list of a region's ideas and one idea with its visible comments.
Another region's idea, or a hidden one, answers 404 (moderators see hidden ideas)."""

from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound

from kotacerdas.common.api import PublicRead
from kotacerdas.regions.access import RegionScopedMixin

from . import selectors
from .models import Idea


class ProgrammeRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()


class IdeaSerializer(serializers.ModelSerializer):
    dimension = serializers.CharField(source="dimension.key")
    author = serializers.SerializerMethodField()
    became = ProgrammeRefSerializer(source="programme", allow_null=True)

    class Meta:
        model = Idea
        fields = [
            "id",
            "title",
            "description",
            "dimension",
            "status",
            "status_reason",
            "author",
            "support_count",
            "comment_count",
            "became",
            "created_at",
        ]

    def get_author(self, idea) -> str:
        return selectors.display_name(idea.author)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    is_official = serializers.BooleanField()
    is_hidden = serializers.BooleanField()
    hidden_reason = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_author(self, comment) -> str:
        return "" if comment.is_hidden else selectors.display_name(comment.author)

    def get_body(self, comment) -> str:
        return "" if comment.is_hidden else comment.body


class IdeaDetailSerializer(IdeaSerializer):
    comments = serializers.SerializerMethodField()

    class Meta(IdeaSerializer.Meta):
        fields = [*IdeaSerializer.Meta.fields, "comments"]

    def get_comments(self, idea) -> list[dict]:
        rows = []
        for top in selectors.comment_threads(idea=idea):
            rows.append(CommentSerializer(top).data)
            rows.extend(CommentSerializer(reply).data for reply in top.replies.all())
        return rows


class IdeaList(RegionScopedMixin, generics.ListAPIView):
    """Visible ideas; `?dimension=<key>&status=<status>&sort=supports|newest`."""

    permission_classes = [PublicRead]
    serializer_class = IdeaSerializer

    def get_queryset(self):
        params = self.request.query_params
        sort = "dukungan" if params.get("sort") == "supports" else "terbaru"
        return selectors.idea_list(
            region=self.get_region(),
            dimension_key=params.get("dimension", ""),
            status=params.get("status", ""),
            sort=sort,
        )


class IdeaDetail(RegionScopedMixin, generics.RetrieveAPIView):
    permission_classes = [PublicRead]
    serializer_class = IdeaDetailSerializer

    def get_object(self):
        region = self.get_region()
        try:
            idea = selectors.idea_detail(region=region, pk=self.kwargs["pk"])
        except Idea.DoesNotExist:
            raise NotFound from None
        if idea.is_hidden and not self.request.user.has_perm("ideas.moderate", region):
            raise NotFound
        return idea
