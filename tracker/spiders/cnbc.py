"""CNBC: markets, business and personal finance."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class CnbcSpider(NewsSpider):
    """CNBC."""

    name = "cnbc"
    publisher = "CNBC"
    allowed_domains = ["cnbc.com"]
    sources = [
        Feed("https://www.cnbc.com/id/100003114/device/rss/rss.html"),
        NewsSitemap("https://www.cnbc.com/sitemap_news.xml"),
    ]
    default_category = "Business"
    country = "US"
    language = "en"
    deny = [r"/video/", r"/quotes/"]
    # meta keywords is the editors' tag list; JSON-LD keywords add internal labels.
    selectors = {"tags": "meta[name='keywords']"}
    separators = {"tags": ","}
