"""TechCrunch: startups, venture capital and technology news."""

from __future__ import annotations

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class TechcrunchSpider(NewsSpider):
    """TechCrunch."""

    name = "techcrunch"
    publisher = "TechCrunch"
    allowed_domains = ["techcrunch.com"]
    sources = [
        Feed("https://techcrunch.com/feed/"),
        NewsSitemap("https://techcrunch.com/news-sitemap.xml"),
    ]
    default_category = "Technology"
    language = "en"
    deny = [r"/video/", r"/podcast/", r"/events/"]
    # og:title carries the headline as written by the editor (plain quotes); the JSON-LD and
    # the h1 are typographically rewritten.
    selectors = {"title": "meta[property='og:title']"}
    title_suffixes = [" | TechCrunch"]

    def post_process_item(self, item: ArticleItem, response: Response) -> ArticleItem | None:
        # Older pages put the site name first ("TechCrunch | Headline").
        if item.title and item.title.startswith("TechCrunch | "):
            item.title = item.title.removeprefix("TechCrunch | ").strip()
        return item
