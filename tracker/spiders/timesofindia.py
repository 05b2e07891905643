"""The Times of India: Indian national, city and world news."""

from __future__ import annotations

import re

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class TimesofindiaSpider(NewsSpider):
    """The Times of India."""

    name = "timesofindia"
    publisher = "The Times of India"
    allowed_domains = ["timesofindia.indiatimes.com"]
    sources = [
        Feed("https://timesofindia.indiatimes.com/rssfeedstopstories.cms"),
        Feed("https://timesofindia.indiatimes.com/rssfeedmostrecent.cms"),
        NewsSitemap("https://timesofindia.indiatimes.com/sitemap/today"),
    ]
    default_category = "India"
    language = "en"
    # Only story pages: photo stories, videos and live blogs use other routes.
    allow = [r"/articleshow/"]

    # Desk stories are credited to the outlet itself, which is not an author.
    _OUTLET_BYLINE = re.compile(
        r"^(the )?times ?of ?india( online)?$|^timesofindia(\.com)?$|^toi( online| city)?$|^tnn$",
        re.IGNORECASE,
    )

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        item.authors = [a for a in item.authors if not self._OUTLET_BYLINE.match(a.strip())]
        return item
