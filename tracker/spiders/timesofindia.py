"""The Times of India: Indian national, city and world news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class TimesofindiaSpider(NewsSpider):
    """The Times of India."""

    name = "timesofindia"
    publisher = "The Times of India"
    allowed_domains = ["timesofindia.indiatimes.com"]
    sources = [
        Feed("https://timesofindia.indiatimes.com/rssfeedstopstories.cms"),
        Feed("https://timesofindia.indiatimes.com/rssfeedmostrecent.cms"),
        NewsSitemap("https://timesofindia.indiatimes.com/sitemap/today"),
    ]
    default_category = "India"
    country = "IN"
    language = "en"
    # Only story pages: photo stories, videos and live blogs use other routes.
    allow = [r"/articleshow/"]

    # Desk stories are credited to the outlet itself, which is not an author.
    drop_authors = [
        r"(?i)^(the )?times ?of ?india( online)?$",
        r"(?i)^timesofindia(\.com)?$",
        r"(?i)^(toi( online| city)?|tnn)$",
    ]
