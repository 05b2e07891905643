"""Frankfurter Allgemeine Zeitung (faz.net): German national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class FazSpider(NewsSpider):
    """Frankfurter Allgemeine Zeitung."""

    name = "faz"
    publisher = "Frankfurter Allgemeine Zeitung"
    allowed_domains = ["faz.net"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.faz.net/rss/aktuell"),
        Feed("https://www.faz.net/rss/aktuell/politik"),
        Feed("https://www.faz.net/rss/aktuell/sport"),
        Feed("https://www.faz.net/rss/aktuell/wirtschaft/"),
        Feed("https://www.faz.net/rss/aktuell/gesellschaft/"),
        NewsSitemap("https://www.faz.net/sitemap-news.xml"),
        Sitemap("https://www.faz.net/sitemap-index.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    selectors = {
        # The JSON-LD headline can be an SEO variant ("Pendler sparen 60 Prozent bei Bus und
        # Bahn" for the shown "Pendler zahlen 60 Prozent weniger").
        "title": "h1",
        # Keywords meta (to 2023), then the "Schlagworte" links under the article (2024 on).
        "tags": (
            "meta[name='keywords'], .footer-links a[href*='/thema/'], a[rel='tag'][href*='/thema/']"
        ),
    }
    separators = {"tags": ","}
