"""Dainik Bhaskar (bhaskar.com): Hindi-language Indian daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class BhaskarSpider(NewsSpider):
    """Dainik Bhaskar."""

    name = "bhaskar"
    publisher = "Dainik Bhaskar"
    allowed_domains = ["bhaskar.com"]
    # The feeds and sitemaps fundus lists for Bhaskar (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.bhaskar.com/sitemaps-v1--sitemap-google-news-index.xml"),
    ]
    country = "IN"
    language = "hi"
    timezone = "Asia/Kolkata"

    # The JSON-LD author is the paper (a NewsMediaOrganization) on desk stories.
    drop_authors = [r"^दैनिक भास्कर$", r"(?i)^dainik bhaskar$"]
