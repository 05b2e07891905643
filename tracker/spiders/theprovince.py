"""The Province: Vancouver and British Columbia news (Postmedia)."""

from __future__ import annotations

from scrapy.http import Response

from tracker.extract.sites.postmedia import postmedia_tags
from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class TheprovinceSpider(NewsSpider):
    """The Province."""

    name = "theprovince"
    publisher = "The Province"
    allowed_domains = ["theprovince.com"]
    sources = [
        Feed("https://theprovince.com/feed"),
        NewsSitemap("https://theprovince.com/sitemap-news.xml"),
    ]
    language = "en"
    deny = [r"/video/"]

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        item.tags = postmedia_tags(item.tags)
        return item
