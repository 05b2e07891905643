"""Ottawa Citizen: Ottawa, federal public service and Canadian news (Postmedia)."""

from __future__ import annotations

from tracker.extract.sites.postmedia import POSTMEDIA
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class OttawacitizenSpider(NewsSpider):
    """Ottawa Citizen."""

    name = "ottawacitizen"
    publisher = "Ottawa Citizen"
    allowed_domains = ["ottawacitizen.com"]
    sources = [
        NewsSitemap("https://ottawacitizen.com/sitemap-news.xml"),
        Feed("https://ottawacitizen.com/feed"),
    ]
    country = "CA"
    language = "en"
    deny = [r"/video/"]
    family = POSTMEDIA
