"""MDR (mdr.de): news of Mitteldeutscher Rundfunk, the ARD broadcaster of central Germany."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class MDRSpider(NewsSpider):
    """MDR."""

    name = "mdr"
    publisher = "MDR"
    allowed_domains = ["mdr.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.mdr.de/nachrichten/index-rss.xml"),
        NewsSitemap("https://www.mdr.de/news-sitemap.xml"),
        Sitemap("https://www.mdr.de/sitemap-index-100.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The <h1> is the headline as shown (with its kicker in span.dachzeile in older pages); the
    # JSON-LD headline is an SEO variant.
    selectors = {"title": ["h1 .headline", "h1"]}
    # The regional desks sign next to the reporter ("MDR SACHSEN-ANHALT", "MDR THÜRINGEN").
    drop_authors = [r"(?i)^MDR\b"]
