"""Reuters: world, business, markets and technology news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class ReutersSpider(NewsSpider):
    """Reuters."""

    name = "reuters"
    publisher = "Reuters"
    allowed_domains = ["reuters.com"]
    sources = [
        NewsSitemap("https://www.reuters.com/arc/outboundfeeds/news-sitemap-index/?outputType=xml"),
    ]
    country = "US"
    language = "en"
    deny = [r"/video/", r"/pictures/", r"/graphics/"]
    # Reuters' keywords are internal codes (RSBI:..., MTVID); its topic channels are listed,
    # separated by semicolons, in a WebTrends meta tag.
    selectors = {"tags": "meta[name='DCSext.ChannelList']"}
    separators = {"tags": ";"}
