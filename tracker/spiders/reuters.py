"""Reuters: world, business, markets and technology news."""

from __future__ import annotations

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class ReutersSpider(NewsSpider):
    """Reuters."""

    name = "reuters"
    publisher = "Reuters"
    allowed_domains = ["reuters.com"]
    sources = [
        NewsSitemap("https://www.reuters.com/arc/outboundfeeds/news-sitemap-index/?outputType=xml"),
    ]
    language = "en"
    deny = [r"/video/", r"/pictures/", r"/graphics/"]
    # Reuters' keywords are internal codes (RSBI:..., MTVID); its topic channels are listed,
    # separated by semicolons, in a WebTrends meta tag.
    selectors = {"tags": "meta[name='DCSext.ChannelList']"}

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        item.tags = [part.strip() for tag in item.tags for part in tag.split(";") if part.strip()]
        return item
