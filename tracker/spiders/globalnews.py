"""Global News: Canadian national and world news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class GlobalnewsSpider(NewsSpider):
    """Global News."""

    name = "globalnews"
    publisher = "Global News"
    allowed_domains = ["globalnews.ca"]
    sources = [
        NewsSitemap("https://globalnews.ca/news-sitemap.xml"),
    ]
    country = "CA"
    language = "en"
    deny = [r"/video/", r"/gallery/"]
