"""The Intercept: investigative reporting on politics and national security."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class TheinterceptSpider(NewsSpider):
    """The Intercept."""

    name = "theintercept"
    publisher = "The Intercept"
    allowed_domains = ["theintercept.com"]
    sources = [
        Feed("https://theintercept.com/feed/?lang=en"),
    ]
    country = "US"
    language = "en"
    deny = [r"/podcasts?/", r"/video/"]
    # The JSON-LD keywords are "Label: value" facets (day, word count, partners); the
    # article's topics are the "Subject:" ones.
    keep_tags = [r"^Subject:"]
    tag_labels = ["Subject:"]
