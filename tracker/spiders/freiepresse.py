"""Freie Presse: regional daily of Chemnitz and south-west Saxony."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class FreiepresseSpider(NewsSpider):
    """Freie Presse."""

    name = "freiepresse"
    publisher = "Freie Presse"
    allowed_domains = ["freiepresse.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.freiepresse.de/rss/rss_chemnitz.php"),
        Feed("https://www.freiepresse.de/rss/rss_erzgebirge.php"),
        Feed("https://www.freiepresse.de/rss/rss_mittelsachsen.php"),
        Feed("https://www.freiepresse.de/rss/rss_vogtland.php"),
        Feed("https://www.freiepresse.de/rss/rss_zwickau.php"),
        Feed("https://www.freiepresse.de/rss/rss_politik.php"),
        Feed("https://www.freiepresse.de/rss/rss_wirtschaft.php"),
        Feed("https://www.freiepresse.de/rss/rss_kultur.php"),
        Feed("https://www.freiepresse.de/rss/rss_sport.php"),
        Feed("https://www.freiepresse.de/rss/rss_sachsen.php"),
        Feed("https://www.freiepresse.de/rss/rss_regional.php"),
        Sitemap("https://www.freiepresse.de/sitemaps/articles_last2years.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
