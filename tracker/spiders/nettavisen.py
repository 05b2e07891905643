"""Nettavisen (nettavisen.no): Norwegian online newspaper."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class NettavisenSpider(NewsSpider):
    """Nettavisen."""

    name = "nettavisen"
    publisher = "Nettavisen"
    allowed_domains = ["nettavisen.no"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.nettavisen.no/service/rich-rss"),
    ]
    country = "NO"
    language = "nb"
    timezone = "Europe/Oslo"
    # Fact boxes (Amedia's <amedia-factbox>) are background, not the story.
    exclude = ["amedia-factbox"]
