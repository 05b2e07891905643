"""Aftonbladet (aftonbladet.se): Swedish national tabloid."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class AftonbladetSpider(NewsSpider):
    """Aftonbladet."""

    name = "aftonbladet"
    publisher = "Aftonbladet"
    allowed_domains = ["aftonbladet.se"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://rss.aftonbladet.se/rss2/small/pages/sections/senastenytt/"),
        NewsSitemap("https://www.aftonbladet.se/sitemaps/files/articles-48hrs.xml"),
        Sitemap("https://www.aftonbladet.se/sitemap.xml"),
    ]
    country = "SE"
    language = "sv"
    timezone = "Europe/Stockholm"
