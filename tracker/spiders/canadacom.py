"""Canada.com: Canadian news and lifestyle (Postmedia)."""

from __future__ import annotations

from tracker.extract.sites.postmedia import POSTMEDIA
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class CanadacomSpider(NewsSpider):
    """Canada.com."""

    name = "canadacom"
    publisher = "Canada.com"
    allowed_domains = ["canada.com"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://o.canada.com/feed"),
        NewsSitemap("https://o.canada.com/sitemap-news.xml"),
        Sitemap("https://o.canada.com/sitemap-old.xml"),
    ]
    country = "CA"
    language = "en"
    family = POSTMEDIA
