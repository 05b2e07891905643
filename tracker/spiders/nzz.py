"""Neue Zürcher Zeitung (nzz.ch): Swiss daily newspaper from Zurich."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class NzzSpider(NewsSpider):
    """Neue Zürcher Zeitung."""

    name = "nzz"
    publisher = "Neue Zürcher Zeitung"
    allowed_domains = ["nzz.ch"]
    # The feeds and sitemaps fundus lists for NZZ (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.nzz.ch/sitemap/news0.xml"),
        Sitemap("https://www.nzz.ch/sitemap.xml"),
    ]
    country = "CH"
    language = "de"
    timezone = "Europe/Zurich"
    # news_keywords repeat the headline and add the outlet, the desk and "Live".
    drop_tags = [r"^(Live|Nachrichten|NZZ|International|Schweiz)$", r"^(\S+\s+){7,}"]
