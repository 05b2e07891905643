"""Wochenblatt: German-language news from Paraguay."""

from __future__ import annotations

import re

from scrapy.http import Response, TextResponse

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap

# The closing credit line: "Wochenblatt / <source>" (a short name, not a sentence).
_CREDIT_RE = re.compile(r"^Wochenblatt\s*/\s*([^/.!?]{2,60})$")


class WochenblattSpider(NewsSpider):
    """Wochenblatt."""

    name = "wochenblatt"
    publisher = "Wochenblatt"
    allowed_domains = ["wochenblatt.cc"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://wochenblatt.cc/sitemap_index.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "PY"
    language = "de"
    timezone = "America/Asuncion"
    # Articles are posted from a desk account named after the section ("Nachrichten"); the
    # text ends with a credit line naming the source, "Wochenblatt / Última Hora".
    drop_authors = [r"^Nachrichten$"]

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """The source the closing credit line names ("Wochenblatt / Última Hora") as the
        author when no person is named."""
        if item.authors or not isinstance(response, TextResponse):
            return item
        last = " ".join(response.css(".entry-content > p:last-of-type ::text").getall())
        credit = _CREDIT_RE.match(" ".join(last.split()))
        if credit:
            item.authors = [credit.group(1)]
            item.provenance["authors"] = "text"
        return item
