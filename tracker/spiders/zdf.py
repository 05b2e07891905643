"""ZDFheute (zdfheute.de, formerly zdf.de/nachrichten): the news of the broadcaster ZDF."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class ZDFSpider(NewsSpider):
    """ZDFheute."""

    name = "zdf"
    publisher = "ZDFheute"
    allowed_domains = ["zdf.de", "zdfheute.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.zdf.de/rss/zdf/nachrichten"),
        NewsSitemap("https://www.zdf.de/news-sitemap.xml"),
        Sitemap("https://www.zdf.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The "Themen" box under the article: its topic links are the page's only tags (no keywords
    # meta, none in JSON-LD).
    selectors = {"tags": "[data-testid=topic-tags] a span"}
