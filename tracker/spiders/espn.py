"""ESPN: sports news, features and analysis."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class EspnSpider(NewsSpider):
    """ESPN."""

    name = "espn"
    publisher = "ESPN"
    allowed_domains = ["espn.com"]
    sources = [
        Feed("https://www.espn.com/espn/rss/news"),
        Feed("https://www.espn.com/espn/rss/nfl/news"),
        Feed("https://www.espn.com/espn/rss/nba/news"),
        Feed("https://www.espn.com/espn/rss/soccer/news"),
    ]
    default_category = "Sports"
    country = "US"
    language = "en"
    deny = [r"/video/", r"/watch/", r"/fantasy/", r"/gamecast/", r"/boxscore"]
    # Magazine features have no JSON-LD: their byline and date sit in the story metadata
    # block (news stories carry JSON-LD, which these selectors do not match).
    selectors = {
        # og:title is the headline as published; the feature's <h1> drops the kicker.
        "title": "meta[property='og:title']",
        "authors": ".story-metadata .credit > span:not(.artist)",
        "published": ".story-metadata time",
    }
