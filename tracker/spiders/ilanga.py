"""Ilanga: South African news in isiZulu."""

from __future__ import annotations

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider, with_bold_byline, with_spider_language
from tracker.spiders.sources import Sitemap


class IlangaSpider(NewsSpider):
    """Ilanga."""

    name = "ilanga"
    publisher = "Ilanga"
    allowed_domains = ["ilanganews.co.za"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://ilanganews.co.za/wp-sitemap.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "ZA"
    language = "zu"
    timezone = "Africa/Johannesburg"
    # Articles are posted from the admin account ("Ilanga D"); the reporter's name is the
    # first bold line of the text (bylines.bold_byline_names).
    drop_authors = [r"^Ilanga D$"]

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """The bold byline at the top of the text when no person is named elsewhere; the
        language is isiZulu whatever the page says (lang="en-ZA", og:locale en_US)."""
        item = with_bold_byline(item, response, ".et_pb_post_content")
        return with_spider_language(item, cls.language)
