"""Financial Post: Canadian business, markets and personal finance (Postmedia)."""

from __future__ import annotations

from scrapy.http import Response

from tracker.extract.sites.postmedia import postmedia_tags
from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class FinancialpostSpider(NewsSpider):
    """Financial Post."""

    name = "financialpost"
    publisher = "Financial Post"
    allowed_domains = ["financialpost.com"]
    sources = [
        Feed("https://financialpost.com/feed"),
        NewsSitemap("https://financialpost.com/sitemap-news.xml"),
    ]
    default_category = "Business"
    language = "en"
    deny = [r"/video/"]

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        item.tags = postmedia_tags(item.tags)
        return item
