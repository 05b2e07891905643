"""AP News (apnews.com): US and world wire stories."""

from __future__ import annotations

import re

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class ApnewsSpider(NewsSpider):
    """Associated Press."""

    name = "apnews"
    publisher = "Associated Press"
    allowed_domains = ["apnews.com"]
    sources = [
        NewsSitemap("https://apnews.com/news-sitemap-content.xml"),
    ]
    language = "en"
    deny = [r"/live/", r"/video/", r"/gallery/"]

    # AP's keywords mix topics with its distribution desks ("PA State Wire", "AP Top News") and
    # stray fragments of the URL slug; only the topics are tags.
    _NOT_TOPICS = re.compile(
        r"State Wire$|^(AP Top News|General news|Domestic News|Washington news|U\.S\. news|"
        r"World news|Business|Sports|Entertainment|Health|Science|Technology|Lifestyle)$|^.{1,2}$",
        re.IGNORECASE,
    )

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        slug = response.url.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").lower()
        item.tags = [
            t
            for t in item.tags
            if not self._NOT_TOPICS.search(t) and not slug.startswith(t.lower())
        ]
        return item
