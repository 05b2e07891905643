"""Luxemburger Wort (wort.lu): Luxembourg daily newspaper."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class LuxemburgerwortSpider(NewsSpider):
    """Luxemburger Wort."""

    name = "luxemburgerwort"
    publisher = "Luxemburger Wort"
    allowed_domains = ["wort.lu"]
    # The feeds and sitemaps fundus lists for LuxemburgerWort (publishers_sources.json).
    sources = [
        Feed("https://www.wort.lu/de/rss"),
        NewsSitemap("https://www.wort.lu/sitemap-news.xml"),
        Sitemap("https://www.wort.lu/sitemap.xml"),
    ]
    country = "LU"
    language = "de"
    timezone = "Europe/Luxembourg"
    selectors = {"tags": "[data-testid=article-tag]"}
