"""Los Angeles Times: California, US and world news, entertainment and sports."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class LatimesSpider(NewsSpider):
    """Los Angeles Times."""

    name = "latimes"
    publisher = "Los Angeles Times"
    allowed_domains = ["latimes.com"]
    sources = [
        NewsSitemap("https://www.latimes.com/news-sitemap.xml"),
    ]
    country = "US"
    language = "en"
    deny = [r"/video/", r"/podcasts?/"]
    # The JSON-LD headline is an SEO variant; og:title is the headline as published.
    selectors = {"title": "meta[property='og:title']"}
