"""Taipei Times (taipeitimes.com): Taiwanese English-language daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class TaipeitimesSpider(NewsSpider):
    """Taipei Times."""

    name = "taipeitimes"
    publisher = "Taipei Times"
    allowed_domains = ["taipeitimes.com"]
    # The feeds and sitemaps fundus lists for TaipeiTimes (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.taipeitimes.com/sitemap/sitemap.xml"),
        Sitemap("https://www.taipeitimes.com/sitemapIndex.xml"),
    ]
    country = "TW"
    language = "en"
    timezone = "Asia/Taipei"

    # The JSON-LD author and the keywords are the paper's own names on every page.
    drop_authors = [r"^(台北時報|(The )?Taipei Times)$"]
    drop_tags = [r"^(台北時報|(The )?Taipei Times)$"]
