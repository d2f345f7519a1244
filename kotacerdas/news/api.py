"""News API: published articles (the region admin also sees drafts). Bodies are sanitised HTML."""

from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound

from kotacerdas.common.api import OptionalUrlField, PublicRead
from kotacerdas.regions.access import RegionScopedMixin

from . import selectors
from .models import Article


class ArticleSerializer(serializers.ModelSerializer):
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "slug", "title", "title_en", "summary", "summary_en", "status", "published_at", "tags", "url"]

    def get_url(self, obj) -> str:
        from django.urls import reverse

        request = self.context.get("request")
        path = reverse("news:detail", kwargs={"region_slug": self.context["region_slug"], "slug": obj.slug})
        return request.build_absolute_uri(path) if request else path


class ArticleDetailSerializer(ArticleSerializer):
    source_url = OptionalUrlField()
    dimensions = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    programmes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    innovations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    activities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [
            *ArticleSerializer.Meta.fields,
            "body",
            "body_en",
            "source_name",
            "source_url",
            "dimensions",
            "programmes",
            "innovations",
            "activities",
        ]


class _Context:
    def get_serializer_context(self):
        return {**super().get_serializer_context(), "region_slug": self.kwargs.get("region_slug", "")}


class ArticleList(_Context, RegionScopedMixin, generics.ListAPIView):
    permission_classes = [PublicRead]
    serializer_class = ArticleSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Article.objects.none()
        region = self.get_region()
        if self.request.user.has_perm("news.manage", region):
            return selectors.staff_list(region=region).prefetch_related("tags")
        return selectors.published(region=region)


class ArticleDetail(_Context, RegionScopedMixin, generics.RetrieveAPIView):
    permission_classes = [PublicRead]
    serializer_class = ArticleDetailSerializer

    def get_object(self):
        region = self.get_region()
        try:
            return selectors.article_detail(
                region=region,
                slug=self.kwargs["slug"],
                published_only=not self.request.user.has_perm("news.manage", region),
            )
        except Article.DoesNotExist:
            raise NotFound from None
