"""Fox News: US politics, world, science, tech and health news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class FoxnewsSpider(NewsSpider):
    """Fox News."""

    name = "foxnews"
    publisher = "Fox News"
    allowed_domains = ["foxnews.com"]
    sources = [
        Feed("https://moxie.foxnews.com/google-publisher/latest.xml"),
        Feed("https://moxie.foxnews.com/google-publisher/world.xml"),
        Feed("https://moxie.foxnews.com/google-publisher/politics.xml"),
        Feed("https://moxie.foxnews.com/google-publisher/tech.xml"),
        Feed("https://moxie.foxnews.com/google-publisher/science.xml"),
        Feed("https://moxie.foxnews.com/google-publisher/health.xml"),
    ]
    country = "US"
    language = "en"
    deny = [r"/video/", r"/live-news/"]
    # The editors' topic tags; JSON-LD has no keywords.
    selectors = {"tags": "meta[name='classification-tags']"}
    separators = {"tags": ","}
