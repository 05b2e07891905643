"""NRK (nrk.no): Norwegian public broadcaster's news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class NrkSpider(NewsSpider):
    """NRK."""

    name = "nrk"
    publisher = "NRK"
    allowed_domains = ["nrk.no"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.nrk.no/norge/toppsaker.rss"),
        Feed("https://www.nrk.no/urix/toppsaker.rss"),
        Feed("https://www.nrk.no/sport/toppsaker.rss"),
        Feed("https://www.nrk.no/kultur/toppsaker.rss"),
        Feed("https://www.nrk.no/livsstil/toppsaker.rss"),
        Feed("https://www.nrk.no/viten/toppsaker.rss"),
        Feed("https://www.nrk.no/dokumentar/toppsaker.rss"),
        Sitemap("https://www.nrk.no/sitemap.xml"),
    ]
    country = "NO"
    language = "nb"
    timezone = "Europe/Oslo"
