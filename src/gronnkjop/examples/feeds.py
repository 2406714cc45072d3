"""The Atom feed of new and updated examples: ``/eksempler/feed.atom``."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors


class LatestExamplesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Grønnkjøp example bank")
    subtitle = _("New and updated examples of green and smart public procurement.")
    link = reverse_lazy("examples:list")

    def items(self):
        return selectors.example_feed()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return reverse("examples:detail", args=[item.slug])

    def item_guid(self, item):
        return f"gronnkjop:eksempel:{item.slug}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [item.get_category_display()]
