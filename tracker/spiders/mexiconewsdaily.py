"""Mexico News Daily: English-language news about Mexico."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class MexiconewsdailySpider(NewsSpider):
    """Mexico News Daily."""

    name = "mexiconewsdaily"
    publisher = "Mexico News Daily"
    allowed_domains = ["mexiconewsdaily.com"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://mexiconewsdaily.com/sitemap_index.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "MX"
    language = "en"
    timezone = "America/Mexico_City"
