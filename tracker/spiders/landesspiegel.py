"""Landesspiegel (landesspiegel.li): Liechtenstein news site."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class LandesspiegelSpider(NewsSpider):
    """Landesspiegel."""

    name = "landesspiegel"
    publisher = "Landesspiegel"
    allowed_domains = ["landesspiegel.li"]
    # The feeds and sitemaps fundus lists for Landesspiegel (publishers_sources.json).
    sources = [
        NewsSitemap("https://landesspiegel.li/sitemap-news.xml"),
        Sitemap("https://landesspiegel.li/sitemap-posttype-post.xml"),
    ]
    country = "LI"
    language = "de"
    timezone = "Europe/Vaduz"
    # JSON-LD gives the day only; the post's WordPress <time> has the minute and the offset.
    selectors = {"published": "time.entry-date.published"}
    # Staff posts are credited to the outlet (JSON-LD author "Landesspiegel").
    drop_authors = [r"^Landesspiegel$"]
