"""WDR (wdr.de): news of Westdeutscher Rundfunk, the ARD broadcaster for North Rhine-Westphalia."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class WDRSpider(NewsSpider):
    """WDR."""

    name = "wdr"
    publisher = "WDR"
    allowed_domains = ["wdr.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www1.wdr.de/uebersicht-100.feed"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
