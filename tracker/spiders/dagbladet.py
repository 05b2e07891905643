"""Dagbladet (dagbladet.no): Norwegian national tabloid."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class DagbladetSpider(NewsSpider):
    """Dagbladet."""

    name = "dagbladet"
    publisher = "Dagbladet"
    allowed_domains = ["dagbladet.no", "db.no"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.dagbladet.no/sitemap"),
        Sitemap("https://www.dagbladet.no/app/jw-api-proxy/sitemap/index/dagbladet.xml"),
    ]
    country = "NO"
    language = "nb"
    timezone = "Europe/Oslo"
    # JSON-LD headline and <title> carry a kicker ("«Evnukkmakeren»: ") the headline shown (the
    # main article's h1) does not. JSON-LD names only the first byline; the main article's byline
    # block names all (a story appended under it has its own).
    selectors = {
        "title": ["main > article h1", "meta[property='og:title']"],
        "authors": [
            "main > article .bylines .lab-hidden-byline-name",
            "main > article .bylines address.name a[rel=author]",
        ],
    }
    # The AI-written "Kort fortalt" summary over the story is not the story.
    exclude = [".aiArticleSummary"]
