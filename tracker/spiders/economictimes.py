"""The Economic Times: Indian business, markets, economy and technology news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class EconomictimesSpider(NewsSpider):
    """The Economic Times."""

    name = "economictimes"
    publisher = "The Economic Times"
    allowed_domains = ["economictimes.indiatimes.com"]
    sources = [Feed("https://economictimes.indiatimes.com/rssfeedstopstories.cms")]
    default_category = "Business"
    country = "IN"
    language = "en"
    # Only story pages: slideshows, videos and live blogs use other routes.
    allow = [r"/articleshow/"]

    # Desk stories are credited to the outlet or one of its desks, which are not authors.
    drop_authors = [r"^(ET ?(Bureau|Online|Markets|Now|Tech|Spotlight)|ETMarkets\.com)$"]
