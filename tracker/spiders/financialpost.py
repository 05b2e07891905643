"""Financial Post: Canadian business, markets and personal finance (Postmedia)."""

from __future__ import annotations

from tracker.extract.sites.postmedia import POSTMEDIA
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
    country = "CA"
    language = "en"
    deny = [r"/video/"]
    family = POSTMEDIA
