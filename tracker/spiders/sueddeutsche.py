"""Süddeutsche Zeitung (sueddeutsche.de): national daily based in Munich."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class SueddeutscheSpider(NewsSpider):
    """Süddeutsche Zeitung."""

    name = "sueddeutsche"
    publisher = "Süddeutsche Zeitung"
    allowed_domains = ["sueddeutsche.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://rss.sueddeutsche.de/alles"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
