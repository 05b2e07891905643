"""The Globe and Mail: Canadian news, business and politics."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class GlobeandmailSpider(NewsSpider):
    """The Globe and Mail."""

    name = "globeandmail"
    publisher = "The Globe and Mail"
    allowed_domains = ["theglobeandmail.com"]
    sources = [
        NewsSitemap(
            "https://www.theglobeandmail.com/arc/outboundfeeds/news-sitemap-index/?outputType=xml"
        ),
    ]
    country = "CA"
    language = "en"
    deny = [r"/video/", r"/podcasts?/"]
