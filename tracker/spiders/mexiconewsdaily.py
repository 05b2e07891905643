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
    country = "MX"
    language = "en"
    timezone = "America/Mexico_City"
