"""Die Neue Südtiroler Tageszeitung (tageszeitung.it): German-language daily from South Tyrol."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class TageszeitungSpider(NewsSpider):
    """Die Neue Südtiroler Tageszeitung."""

    name = "tageszeitung"
    publisher = "Die Neue Südtiroler Tageszeitung"
    allowed_domains = ["tageszeitung.it"]
    # The feeds and sitemaps fundus lists for Tageszeitung (publishers_sources.json).
    sources = [
        Sitemap("https://www.tageszeitung.it/sitemap.xml"),
    ]
    country = "IT"
    language = "de"
    timezone = "Europe/Rome"
    # WordPress related-articles box and comment form after the article text.
    exclude = [".related_box", "#comments", "#respond"]
