"""Morgunblaðið (mbl.is): Icelandic national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class MorgunbladidSpider(NewsSpider):
    """Morgunblaðið."""

    name = "morgunbladid"
    publisher = "Morgunblaðið"
    allowed_domains = ["mbl.is"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.mbl.is/feeds/fp/"),
        Feed("https://www.mbl.is/feeds/innlent/"),
        Feed("https://www.mbl.is/feeds/erlent/"),
        Feed("https://www.mbl.is/feeds/english/"),
        Feed("https://www.mbl.is/feeds/helst/"),
        Sitemap("https://www.mbl.is/mm/sitemap.xml"),
    ]
    country = "IS"
    language = "is"
    timezone = "Atlantic/Reykjavik"
    # Unsigned stories name the outlet as JSON-LD author.
    drop_authors = [r"^mbl\.is$"]
