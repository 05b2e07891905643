"""Kommersant (kommersant.ru): Russian business daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class KommersantSpider(NewsSpider):
    """Kommersant."""

    name = "kommersant"
    publisher = "Kommersant"
    allowed_domains = ["kommersant.ru"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.kommersant.ru/RSS/news.xml"),
        NewsSitemap("https://www.kommersant.ru/sitemaps/sitemap_news.xml"),
        Sitemap("https://www.kommersant.ru/sitemaps/all_docs_sitemap.xml"),
    ]
    country = "RU"
    language = "ru"
    timezone = "Europe/Moscow"
    # The topic links in the story's footer are its tags (the author's link among them is not);
    # meta keywords are the lead's words.
    selectors = {"tags": '.doc_footer a.doc_footer__item_name:not([href*="/authors/"])'}
