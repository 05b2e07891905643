"""Sermitsiaq (sermitsiaq.ag): Greenland's news site, in Danish and Greenlandic."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class SermitsiaqSpider(NewsSpider):
    """Sermitsiaq."""

    name = "sermitsiaq"
    publisher = "Sermitsiaq"
    allowed_domains = ["sermitsiaq.ag"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://www.sermitsiaq.ag/sitemap.xml"),
    ]
    country = "GL"
    language = "da"
    timezone = "America/Nuuk"
    # The kicker over the headline ("MENINGSMÅLING:") is not part of the story.
    exclude = [".articleHeader .kicker"]
