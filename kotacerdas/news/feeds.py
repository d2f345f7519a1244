"""RSS and Atom feeds of a region's published news (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from kotacerdas.common.i18n import localized
from kotacerdas.common.text import strip_xml_illegal
from kotacerdas.regions.access import active_region

from . import selectors

FEED_SIZE = 20


class NewsRss(Feed):
    """Every text goes through strip_xml_illegal: a control character stored before input was cleaned would
    otherwise stop the feed (Django refuses to write it), for every reader."""

    def get_object(self, request, region_slug):
        return active_region(region_slug)

    def title(self, region):
        return strip_xml_illegal(_("News · %(region)s smart city") % {"region": region.display_name})

    def link(self, region):
        return reverse("news:list", kwargs={"region_slug": region.slug})

    def description(self, region):
        return strip_xml_illegal(_("News of the smart city programme of %(region)s.") % {"region": region.display_name})

    def items(self, region):
        return selectors.published(region=region).select_related("region")[:FEED_SIZE]

    def item_title(self, item):
        return strip_xml_illegal(localized(item, "title"))

    def item_description(self, item):
        return strip_xml_illegal(localized(item, "summary"))

    def item_link(self, item):
        return reverse("news:detail", kwargs={"region_slug": item.region.slug, "slug": item.slug})

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [strip_xml_illegal(t.name) for t in item.tags.all()]


class NewsAtom(NewsRss):
    feed_type = Atom1Feed

    def subtitle(self, region):
        return self.description(region)
