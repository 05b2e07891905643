"""Isolezwe: South African news in isiZulu (Independent Media)."""

from __future__ import annotations

from scrapy.http import Response

from tracker.extract.sites.independentmedia import INDEPENDENT_MEDIA
from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider, with_spider_language
from tracker.spiders.sources import Sitemap


class IsolezweSpider(NewsSpider):
    """Isolezwe."""

    name = "isolezwe"
    publisher = "Isolezwe"
    allowed_domains = ["isolezwe.co.za"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://isolezwe.co.za/sitemap/"),
    ]
    country = "ZA"
    language = "zu"
    timezone = "Africa/Johannesburg"
    family = INDEPENDENT_MEDIA

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """The platform writes lang="en" and og:locale en-ZA on every page; the text is isiZulu."""
        return with_spider_language(item, cls.language)
