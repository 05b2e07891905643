"""Legal Tribune Online (lto.de): German legal news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class LtoSpider(NewsSpider):
    """Legal Tribune Online."""

    name = "lto"
    publisher = "Legal Tribune Online"
    allowed_domains = ["lto.de"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.lto.de/rss/feed.xml"),
        NewsSitemap("https://www.lto.de/googlenews-sitemap.xml"),
        Sitemap("https://www.lto.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    selectors = {
        # The author meta names the outlet ("LTO"); the byline under the headline names people.
        "authors": ".reader__meta-info a[href*='/autoren/']",
        # Fields of law and topics under the article (the keywords meta is site-wide).
        "tags": ".tags__item a",
    }
    drop_authors = [r"^LTO$"]
