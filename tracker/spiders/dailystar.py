"""Daily Star (dailystar.co.uk): UK news, sport and entertainment."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class DailystarSpider(NewsSpider):
    """Daily Star."""

    name = "dailystar"
    publisher = "Daily Star"
    allowed_domains = ["dailystar.co.uk"]
    sources = [
        NewsSitemap("https://www.dailystar.co.uk/map_news.xml"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/video/"]
