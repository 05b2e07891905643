"""n-tv (n-tv.de): news of the German news channel ntv."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class NTVSpider(NewsSpider):
    """n-tv."""

    name = "ntv"
    publisher = "n-tv"
    allowed_domains = ["n-tv.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.n-tv.de/news.xml"),
        Sitemap("https://www.n-tv.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The headline as shown, without its kicker (<h2><span kicker><span headline>); the JSON-LD
    # headline and <h1> prefix the kicker. og:title holds the same headline.
    selectors = {
        "title": [
            ".article__headline",
            "[class*='article-detail-head_headline__']",
            "meta[property='og:title']",
        ]
    }
