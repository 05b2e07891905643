"""National Post: Canadian national news (Postmedia)."""

from __future__ import annotations

from scrapy.http import Response

from tracker.extract.sites.postmedia import postmedia_tags
from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class NationalpostSpider(NewsSpider):
    """National Post."""

    name = "nationalpost"
    publisher = "National Post"
    allowed_domains = ["nationalpost.com"]
    sources = [
        Feed("https://nationalpost.com/feed"),
        NewsSitemap("https://nationalpost.com/sitemap-news.xml"),
    ]
    language = "en"
    deny = [r"/video/"]

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        item.tags = postmedia_tags(item.tags)
        return item
