"""Salzburger Nachrichten (sn.at): Austrian daily newspaper from Salzburg."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class SalzburgernachrichtenSpider(NewsSpider):
    """Salzburger Nachrichten."""

    name = "salzburgernachrichten"
    publisher = "Salzburger Nachrichten"
    allowed_domains = ["sn.at"]
    # The feeds and sitemaps fundus lists for SalzburgerNachrichten (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.sn.at/news-artikel.sitemap.xml"),
        Sitemap("https://www.sn.at/portal-artikel.sitemap.xml"),
    ]
    country = "AT"
    language = "de"
    timezone = "Europe/Vienna"
    # article:tag holds CMS flags ("_Prio_3"), not topics.
    drop_tags = [r"^_"]
    # The author meta tag names the outlet on every page; the byline ("von APA") names the writer.
    drop_authors = [r"^Salzburger Nachrichten$"]
