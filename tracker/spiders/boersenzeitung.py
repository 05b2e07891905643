"""Börsen-Zeitung: German financial daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class BoersenzeitungSpider(NewsSpider):
    """Börsen-Zeitung."""

    name = "boersenzeitung"
    publisher = "Börsen-Zeitung"
    allowed_domains = ["boersen-zeitung.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.boersen-zeitung.de/sitemap/news.xml.gz"),
        Sitemap("https://www.boersen-zeitung.de/sitemap/index.xml.gz"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Business"
    selectors = {
        # The topic buttons under the article (its 2024 layout has no JSON-LD and no keywords).
        "tags": "button.tag a[href^='/thema/'], button.tag[data-href^='/thema/']",
        # The 2024 layout spells the property "article:published:time".
        "published": [
            "meta[property='article:published_time']",
            "meta[property='article:published:time']",
        ],
    }
