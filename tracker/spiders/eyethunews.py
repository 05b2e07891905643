"""Eyethu News: South African news in isiZulu."""

from __future__ import annotations

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider, with_spider_language
from tracker.spiders.sources import Sitemap


class EyethunewsSpider(NewsSpider):
    """Eyethu News."""

    name = "eyethunews"
    publisher = "Eyethu News"
    allowed_domains = ["eyethunews.co.za"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://eyethunews.co.za/sitemap.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "ZA"
    language = "zu"
    timezone = "Africa/Johannesburg"

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """Its WordPress pages say lang="en-GB" (og:locale en_GB); the text is isiZulu."""
        return with_spider_language(item, cls.language)
