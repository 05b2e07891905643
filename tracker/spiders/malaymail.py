"""Malay Mail (malaymail.com): Malaysian English-language news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class MalaymailSpider(NewsSpider):
    """Malay Mail."""

    name = "malaymail"
    publisher = "Malay Mail"
    allowed_domains = ["malaymail.com"]
    # The feeds and sitemaps fundus lists for MalayMail (publishers_sources.json).
    sources = [
        Feed("https://www.malaymail.com/feed/rss/"),
        Sitemap("https://www.malaymail.com/sitemap.xml"),
    ]
    country = "MY"
    language = "en"
    timezone = "Asia/Kuala_Lumpur"
