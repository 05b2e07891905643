"""Motorsport-Magazin.com (motorsport-magazin.com): German motorsport news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class MotorSportMagazinSpider(NewsSpider):
    """Motorsport-Magazin.com."""

    name = "motorsportmagazin"
    publisher = "Motorsport-Magazin.com"
    allowed_domains = ["motorsport-magazin.com"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.motorsport-magazin.com/rss/alle-rennserien.xml"),
        Sitemap("https://www.motorsport-magazin.com/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Sports"
