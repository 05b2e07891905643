"""TechCrunch: startups, venture capital and technology news."""

from __future__ import annotations

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
    country = "US"
    language = "en"
    deny = [r"/video/", r"/podcast/", r"/events/"]
    # og:title carries the headline as written by the editor (plain quotes); the JSON-LD and
    # the h1 are typographically rewritten.
    selectors = {"title": "meta[property='og:title']"}
    title_suffixes = [" | TechCrunch"]
    # Older pages put the site name first ("TechCrunch | Headline").
    title_prefixes = ["TechCrunch | "]
