"""Focus Online: German news site of the Focus magazine."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class FocusSpider(NewsSpider):
    """Focus Online."""

    name = "focus"
    publisher = "Focus Online"
    allowed_domains = ["focus.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.focus.de/sitemap_news_ressorts.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # Unsigned pieces name the outlet as their author.
    drop_authors = [r"(?i)^focus online$"]
    # The affiliate-link disclosure shopping pieces carry inside the article text.
    exclude = [".affiliate_info"]
