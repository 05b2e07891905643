"""Daily News: Tanzanian national news in English."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class DailynewstzSpider(NewsSpider):
    """Daily News."""

    name = "dailynewstz"
    publisher = "Daily News"
    allowed_domains = ["dailynews.co.tz"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://dailynews.co.tz/sitemap_index.xml"),
    ]
    # WordPress sitemap indexes list category, tag and author archives beside the posts.
    deny = [r"/category/", r"/tag/", r"/author/"]
    country = "TZ"
    language = "en"
    # No timezone: the site's clock is UTC (its pages give +00:00 on every date), so a time
    # printed without an offset is UTC too.
