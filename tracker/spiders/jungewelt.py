"""junge Welt: left-wing German daily."""

from __future__ import annotations

import re

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed

_DATELINE_RE = re.compile(r",\s*[^\s,]+$")


class JungeweltSpider(NewsSpider):
    """junge Welt."""

    name = "jungewelt"
    publisher = "junge Welt"
    allowed_domains = ["jungewelt.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.jungewelt.de/feeds/newsticker.rss"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """Bylines end in a dateline ("Anna Martel und Lea Wagner, Nairobi"): the one word
        after the last comma is the place, not a person."""
        item.authors = [_DATELINE_RE.sub("", author) for author in item.authors]
        return item
