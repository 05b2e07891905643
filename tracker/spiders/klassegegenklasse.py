"""Klasse Gegen Klasse: German socialist news site."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class KlassegegenklasseSpider(NewsSpider):
    """Klasse Gegen Klasse."""

    name = "klassegegenklasse"
    publisher = "Klasse Gegen Klasse"
    allowed_domains = ["klassegegenklasse.org"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.klassegegenklasse.org/feed/"),
        Sitemap("https://www.klassegegenklasse.org/wp-sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The WordPress tag list under the article.
    selectors = {"tags": ".singleTagList a"}
