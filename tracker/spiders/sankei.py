"""Sankei Shimbun (sankei.com): Japanese national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class SankeiSpider(NewsSpider):
    """Sankei Shimbun."""

    name = "sankei"
    publisher = "Sankei Shimbun"
    allowed_domains = ["sankei.com"]
    # The feeds and sitemaps fundus lists for SankeiShimbun (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.sankei.com/feeds/sitemapindex-category/?outputType=xml"),
    ]
    country = "JP"
    language = "ja"
    timezone = "Asia/Tokyo"

    # news_keywords is the same site-wide list on every page; the article's sections are the
    # links in its footer.
    selectors = {"tags": ".article-footer-wrapper .section-list a"}
