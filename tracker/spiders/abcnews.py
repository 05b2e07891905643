"""ABC News (abcnews.go.com): US and world news, politics, health and technology."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class AbcnewsSpider(NewsSpider):
    """ABC News."""

    name = "abcnews"
    publisher = "ABC News"
    allowed_domains = ["abcnews.go.com"]
    sources = [
        Feed("https://abcnews.go.com/abcnews/topstories"),
        Feed("https://abcnews.go.com/abcnews/internationalheadlines"),
        Feed("https://abcnews.go.com/abcnews/healthheadlines"),
        Feed("https://abcnews.go.com/abcnews/technologyheadlines"),
    ]
    country = "US"
    language = "en"
    # Stories live under /<Section>/.../story?id=N; videos, live blogs and galleries do not.
    deny = [r"/video/", r"/live/", r"/photos/", r"/[Ll]ive-?[Uu]pdates/"]

    # The JSON-LD keywords hold the page type and the story id, not topics.
    drop_tags = [r"^(Article|Story|Video|\d+)$"]
