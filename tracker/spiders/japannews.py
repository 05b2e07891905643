"""The Japan News (japannews.yomiuri.co.jp): the Yomiuri Shimbun's English-language edition."""

from __future__ import annotations

import re

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap

# The byline's closing credit: "By A and B / Yomiuri Shimbun Staff Writers".
_STAFF_CREDIT_RE = re.compile(r"\s*/\s*(The )?(Yomiuri Shimbun|Japan News)\b.*$", re.IGNORECASE)


class JapannewsSpider(NewsSpider):
    """The Japan News."""

    name = "japannews"
    publisher = "The Japan News"
    allowed_domains = ["japannews.yomiuri.co.jp"]
    # The feeds and sitemaps fundus lists for TheJapanNews (publishers_sources.json).
    sources = [
        NewsSitemap("https://japannews.yomiuri.co.jp/sitemap-news.xml"),
        Sitemap("https://japannews.yomiuri.co.jp/sitemap.xml"),
    ]
    country = "JP"
    language = "en"
    timezone = "Asia/Tokyo"

    # "無料記事" (free article) marks the paywall status, not a topic; the JSON-LD keyword
    # carries a position prefix ("(1) 無料記事").
    drop_tags = [r"無料記事"]

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """The staff credit after the last name of the byline is the paper, not a person."""
        authors = [_STAFF_CREDIT_RE.sub("", name) for name in item.authors or []]
        item.authors = [name for name in authors if name]
        return item
