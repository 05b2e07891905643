"""NTV (ntv.com.tr): Turkish news channel and site (fundus id NTVTR)."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class NtvtrSpider(NewsSpider):
    """NTV."""

    name = "ntvtr"
    publisher = "NTV"
    allowed_domains = ["ntv.com.tr"]
    # The feeds and sitemaps fundus lists for NTVTR (publishers_sources.json).
    sources = [
        Feed("https://www.ntv.com.tr/gundem.rss"),
        NewsSitemap("https://www.ntv.com.tr/sitemaps/news-sitemap.xml"),
        Sitemap("https://www.ntv.com.tr/sitemaps"),
    ]
    country = "TR"
    language = "tr"
    timezone = "Europe/Istanbul"

    # The JSON-LD author is the channel ("NTV", "ntv.com.tr") or a news agency, not a person.
    # The JSON-LD keywords of older pages are lower-cased search terms; dmp:tags holds the
    # article's topics as shown.
    selectors = {"tags": "meta[property='dmp:tags']"}
    separators = {"tags": ","}
    drop_authors = [r"(?i)^ntv(\.com\.tr)?$", r"(?i)^(anadolu ajansı|aa|dha|iha)$"]
