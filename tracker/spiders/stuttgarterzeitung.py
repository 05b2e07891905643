"""Stuttgarter Zeitung (stuttgarter-zeitung.de): regional daily of Stuttgart."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class StuttgarterZeitungSpider(NewsSpider):
    """Stuttgarter Zeitung."""

    name = "stuttgarterzeitung"
    publisher = "Stuttgarter Zeitung"
    allowed_domains = ["stuttgarter-zeitung.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.stuttgarter-zeitung.de/sitemap-news.xml"),
        Sitemap("https://www.stuttgarter-zeitung.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # og:title is the headline as shown, kicker and headline (span.article-kicker +
    # span.article-headline); JSON-LD joins them with a dash, the <h1> is the breadcrumb.
    selectors = {"title": "meta[property='og:title']"}
