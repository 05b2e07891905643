"""Lesotho Times: news from Lesotho."""

from __future__ import annotations

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider, with_bold_byline
from tracker.spiders.sources import Sitemap


class LesothotimesSpider(NewsSpider):
    """Lesotho Times."""

    name = "lesothotimes"
    publisher = "Lesotho Times"
    allowed_domains = ["lestimes.com"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://lestimes.com/sitemap_index.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "LS"
    language = "en"
    timezone = "Africa/Maseru"
    # Stories are posted from one account named after the paper; the reporters' names are the
    # first bold line of the text (bylines.bold_byline_names).
    drop_authors = [r"^Lesotho Times$"]

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """The bold byline at the top of the text when no person is named elsewhere."""
        return with_bold_byline(item, response, ".entry-content")
