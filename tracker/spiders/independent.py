"""The Independent: UK and world news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class IndependentSpider(NewsSpider):
    """The Independent."""

    name = "independent"
    publisher = "The Independent"
    allowed_domains = ["independent.co.uk"]
    sources = [
        NewsSitemap("https://www.independent.co.uk/sitemaps/googlenews"),
        Feed("https://www.independent.co.uk/news/world/rss"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/tv/", r"/live-"]
    # The header (headline variant, standfirst, lead caption) and the comments teaser.
    exclude = ["#articleHeader", ".show-comments"]
