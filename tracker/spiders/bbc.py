"""BBC News: UK and world news, with sport, health, science and technology feeds."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class BbcSpider(NewsSpider):
    """BBC News."""

    name = "bbc"
    publisher = "BBC News"
    allowed_domains = ["bbc.com", "bbc.co.uk", "bbci.co.uk"]
    sources = [
        Feed("https://feeds.bbci.co.uk/news/rss.xml"),
        Feed("https://feeds.bbci.co.uk/news/world/rss.xml"),
        Feed("https://feeds.bbci.co.uk/news/technology/rss.xml"),
        Feed("https://feeds.bbci.co.uk/news/science_and_environment/rss.xml"),
        Feed("https://feeds.bbci.co.uk/news/health/rss.xml"),
        Feed("https://feeds.bbci.co.uk/sport/rss.xml"),
        NewsSitemap("https://www.bbc.co.uk/sitemaps/https-index-uk-news.xml"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/live/", r"/videos?/", r"/av/", r"/iplayer/", r"/sounds/", r"/programmes/"]
    # Topics are the "Related topics" links (JSON-LD has no keywords).
    selectors = {"tags": "a[href*='/topics/']"}
