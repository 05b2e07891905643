"""WinFuture (winfuture.de): German technology news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class WinFutureSpider(NewsSpider):
    """WinFuture."""

    name = "winfuture"
    publisher = "WinFuture"
    allowed_domains = ["winfuture.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://static.winfuture.de/feeds/WinFuture-News-rss2.0.xml"),
        NewsSitemap("https://winfuture.de/sitemap-latest-news.xml.gz"),
        Sitemap("https://winfuture.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Technology"
    # The article text sits in #news_content (text and <br>s, no paragraphs).
    selectors = {"body": "#news_content"}
