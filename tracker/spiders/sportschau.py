"""Sportschau (sportschau.de): the ARD's sports news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class SportschauSpider(NewsSpider):
    """Sportschau."""

    name = "sportschau"
    publisher = "Sportschau"
    allowed_domains = ["sportschau.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.sportschau.de/index~rss2.xml"),
        NewsSitemap("https://www.sportschau.de/kompakt-sp-100~news.xml"),
        Sitemap("https://www.sportschau.de/index~sitemap_p-0.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    default_category = "Sports"
    # The source line at the end of the text is the byline ("Quelle: sid/dpa"); JSON-LD names
    # only the site.
    selectors = {"authors": ".backlink__author"}
    separators = {"authors": "/"}
