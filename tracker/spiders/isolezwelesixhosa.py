"""Isolezwe lesiXhosa: South African news in isiXhosa (Independent Media)."""

from __future__ import annotations

from scrapy.http import Response

from tracker.extract.sites.independentmedia import INDEPENDENT_MEDIA
from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider, with_spider_language
from tracker.spiders.sources import Sitemap


class IsolezwelesixhosaSpider(NewsSpider):
    """Isolezwe lesiXhosa."""

    name = "isolezwelesixhosa"
    publisher = "Isolezwe lesiXhosa"
    allowed_domains = ["isolezwelesixhosa.co.za"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://isolezwelesixhosa.co.za/sitemap/"),
    ]
    country = "ZA"
    language = "xh"
    timezone = "Africa/Johannesburg"
    family = INDEPENDENT_MEDIA

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """The platform writes lang="en" and og:locale en-ZA on every page; the text is isiXhosa."""
        return with_spider_language(item, cls.language)
