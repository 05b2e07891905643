"""DER SPIEGEL (spiegel.de): German national news magazine."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class SpiegelSpider(NewsSpider):
    """DER SPIEGEL."""

    name = "spiegel"
    publisher = "DER SPIEGEL"
    allowed_domains = ["spiegel.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.spiegel.de/schlagzeilen/index.rss"),
        NewsSitemap("https://www.spiegel.de/sitemaps/news-de.xml"),
        Sitemap("https://www.spiegel.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The outlet signs stories without a person's byline.
    drop_authors = [r"(?i)^(DER )?SPIEGEL$"]
