"""ScienceDaily: research news in health, medicine, science and technology."""

from __future__ import annotations

import html

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class SciencedailySpider(NewsSpider):
    """ScienceDaily."""

    name = "sciencedaily"
    publisher = "ScienceDaily"
    allowed_domains = ["sciencedaily.com"]
    sources = [
        Feed("https://www.sciencedaily.com/rss/top/science.xml"),
        Feed("https://www.sciencedaily.com/rss/top/health.xml"),
        Feed("https://www.sciencedaily.com/rss/top/technology.xml"),
    ]
    # Its keywords ("Neuroscience", "Perception") rarely name a category word for word.
    default_category = "Science"
    language = "en"
    allow = [r"/releases/"]
    # No JSON-LD and no article:* tags: the release date and topics are in the page itself
    # (the keywords are separated by semicolons and HTML-escaped twice).
    selectors = {"published": "#date_posted", "tags": "meta#metakeywords"}

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        joined = html.unescape(html.unescape(";".join(item.tags)))
        item.tags = [t.strip() for t in joined.split(";") if t.strip()]
        return item
