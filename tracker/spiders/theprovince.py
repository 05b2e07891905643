"""The Province: Vancouver and British Columbia news (Postmedia)."""

from __future__ import annotations

from tracker.extract.sites.postmedia import POSTMEDIA
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class TheprovinceSpider(NewsSpider):
    """The Province."""

    name = "theprovince"
    publisher = "The Province"
    allowed_domains = ["theprovince.com"]
    sources = [
        Feed("https://theprovince.com/feed"),
        NewsSitemap("https://theprovince.com/sitemap-news.xml"),
    ]
    country = "CA"
    language = "en"
    deny = [r"/video/"]
    family = POSTMEDIA
