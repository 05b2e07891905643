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
    # The article text is the page's div.content (both the 2024 and the 2026 layout); around it
    # are the issue line, subscription boxes and a rating widget.
    selectors = {"body": "div.content"}

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """Bylines end in a dateline ("Anna Martel und Lea Wagner, Nairobi"): the one word
        after the last comma is the place, not a person."""
        item.authors = [_DATELINE_RE.sub("", author) for author in item.authors]
        return item
