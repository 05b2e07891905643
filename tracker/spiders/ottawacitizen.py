"""Ottawa Citizen: Ottawa, federal public service and Canadian news (Postmedia)."""

from __future__ import annotations

from scrapy.http import Response

from tracker.extract.sites.postmedia import postmedia_tags
from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class OttawacitizenSpider(NewsSpider):
    """Ottawa Citizen."""

    name = "ottawacitizen"
    publisher = "Ottawa Citizen"
    allowed_domains = ["ottawacitizen.com"]
    sources = [
        NewsSitemap("https://ottawacitizen.com/sitemap-news.xml"),
        Feed("https://ottawacitizen.com/feed"),
    ]
    language = "en"
    deny = [r"/video/"]

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        item.tags = postmedia_tags(item.tags)
        return item
