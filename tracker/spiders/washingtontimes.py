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
    # No timezone: its JSON-LD datePublished has no offset ("2023-04-28T13:53:25") but is UTC
    # (cXenseParse:publishtime on the same page: "2023-04-28T13:53:25Z"); a US zone would
    # move every article by four or five hours.
    deny = [r"/multimedia/", r"/video/"]
