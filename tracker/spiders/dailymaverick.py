"""Daily Maverick: South African news and analysis."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class DailymaverickSpider(NewsSpider):
    """Daily Maverick."""

    name = "dailymaverick"
    publisher = "Daily Maverick"
    allowed_domains = ["dailymaverick.co.za"]
    sources = [
        NewsSitemap("https://www.dailymaverick.co.za/news-sitemap.xml"),
        Feed("https://www.dailymaverick.co.za/dmrss/"),
    ]
    country = "ZA"
    language = "en"
