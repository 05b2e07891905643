"""HabariLeo: Tanzanian national news in Swahili."""

from __future__ import annotations

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider, with_spider_language
from tracker.spiders.sources import Sitemap


class HabarileoSpider(NewsSpider):
    """HabariLeo."""

    name = "habarileo"
    publisher = "HabariLeo"
    allowed_domains = ["habarileo.co.tz"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://habarileo.co.tz/sitemap.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "TZ"
    language = "sw"
    # No timezone: the site's clock is UTC (its pages give +00:00 on every date), so a time
    # printed without an offset is UTC too.

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """Its WordPress pages say lang="en-US" (JSON-LD inLanguage en-US); the text is Swahili."""
        return with_spider_language(item, cls.language)
