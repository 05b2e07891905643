"""The Intercept: investigative reporting on politics and national security."""

from __future__ import annotations

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class TheinterceptSpider(NewsSpider):
    """The Intercept."""

    name = "theintercept"
    publisher = "The Intercept"
    allowed_domains = ["theintercept.com"]
    sources = [
        Feed("https://theintercept.com/feed/?lang=en"),
    ]
    language = "en"
    deny = [r"/podcasts?/", r"/video/"]

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        # The JSON-LD keywords are "Label: value" facets (day, word count, partners); the
        # article's topics are the "Subject:" ones.
        subjects = [t.split(":", 1)[1].strip() for t in item.tags if t.startswith("Subject:")]
        if subjects:
            item.tags = subjects
        return item
