"""Business Insider: business, tech and personal-finance news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class BusinessinsiderSpider(NewsSpider):
    """Business Insider."""

    name = "businessinsider"
    publisher = "Business Insider"
    allowed_domains = ["businessinsider.com"]
    sources = [
        NewsSitemap("https://www.businessinsider.com/sitemap/google-news.xml"),
    ]
    default_category = "Business"
    country = "US"
    language = "en"
    # The JSON-LD headline is an SEO variant; og:title is the headline as published.
    selectors = {"title": "meta[property='og:title']"}
