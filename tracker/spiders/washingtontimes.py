"""The Washington Times: US politics and national news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class WashingtontimesSpider(NewsSpider):
    """The Washington Times."""

    name = "washingtontimes"
    publisher = "The Washington Times"
    allowed_domains = ["washingtontimes.com"]
    sources = [
        Feed("https://www.washingtontimes.com/rss/headlines/news/politics/"),
        Sitemap("https://www.washingtontimes.com/sitemap-stories.xml"),
    ]
    country = "US"
    language = "en"
    deny = [r"/multimedia/", r"/video/"]
