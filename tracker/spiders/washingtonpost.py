"""The Washington Post: US politics, world news and weather."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class WashingtonpostSpider(NewsSpider):
    """The Washington Post."""

    name = "washingtonpost"
    publisher = "The Washington Post"
    allowed_domains = ["washingtonpost.com"]
    sources = [
        Feed("https://feeds.washingtonpost.com/rss/world"),
        Feed("https://feeds.washingtonpost.com/rss/national"),
        NewsSitemap("https://www.washingtonpost.com/sitemaps/news-sitemap.xml.gz"),
    ]
    country = "US"
    language = "en"
    deny = [r"/video/", r"/podcasts?/", r"/live-updates/"]
