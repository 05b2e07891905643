"""WIRED: technology, science and culture."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class WiredSpider(NewsSpider):
    """WIRED."""

    name = "wired"
    publisher = "WIRED"
    allowed_domains = ["wired.com"]
    sources = [
        Feed("https://www.wired.com/feed/rss"),
        NewsSitemap("https://www.wired.com/feed/google-latest-news/sitemap-google-news"),
    ]
    default_category = "Technology"
    country = "US"
    language = "en"
    deny = [r"/video/", r"/gallery/"]
    # meta keywords is the editors' tag list; JSON-LD keywords add layout and paywall flags.
    selectors = {"tags": "meta[name='keywords']"}
    separators = {"tags": ","}
