"""The Portugal News (theportugalnews.com): English-language news from Portugal."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class TheportugalnewsSpider(NewsSpider):
    """The Portugal News."""

    name = "theportugalnews"
    publisher = "The Portugal News"
    allowed_domains = ["theportugalnews.com"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://www.theportugalnews.com/sitemap-news.xml"),
    ]
    country = "PT"
    language = "en"
    timezone = "Europe/Lisbon"
    # Desk stories are signed "By TPN, in <section>" (the byline reads "TPN, in"): the outlet's
    # initials, not a person.
    drop_authors = [r"^TPN\b"]
