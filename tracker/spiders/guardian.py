"""The Guardian: UK and world news, science, technology, sport and culture."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class GuardianSpider(NewsSpider):
    """The Guardian."""

    name = "guardian"
    publisher = "The Guardian"
    allowed_domains = ["theguardian.com"]
    sources = [
        NewsSitemap("https://www.theguardian.com/sitemaps/news.xml"),
        Feed("https://www.theguardian.com/world/rss"),
        Feed("https://www.theguardian.com/uk/technology/rss"),
        Feed("https://www.theguardian.com/science/rss"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/live/", r"/video/", r"/gallery/", r"/audio/", r"/crosswords/"]
    # Opinion pieces append " | <columnist>" to og:title and the JSON-LD headline; the h1 is
    # the headline alone.
    selectors = {"title": "h1"}
