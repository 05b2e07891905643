"""Dizindaba: South African news in isiXhosa."""

from __future__ import annotations

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider, with_spider_language
from tracker.spiders.sources import Sitemap


class DizindabaSpider(NewsSpider):
    """Dizindaba."""

    name = "dizindaba"
    publisher = "Dizindaba"
    allowed_domains = ["dizindaba.co.za"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://dizindaba.co.za/sitemap_index.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "ZA"
    language = "xh"
    timezone = "Africa/Johannesburg"

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """Its WordPress pages say lang="en-US" (og:locale en_US); the text is isiXhosa."""
        return with_spider_language(item, cls.language)
