"""La Vanguardia (lavanguardia.com): Barcelona daily, in Spanish."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class LavanguardiaSpider(NewsSpider):
    """La Vanguardia."""

    name = "lavanguardia"
    publisher = "La Vanguardia"
    allowed_domains = ["lavanguardia.com"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.lavanguardia.com/rss/home.xml"),
        Feed("https://www.lavanguardia.com/rss/internacional.xml"),
        NewsSitemap("https://www.lavanguardia.com/sitemap-google-news.xml"),
        NewsSitemap("https://www.lavanguardia.com/sitemap-news-agencias.xml"),
    ]
    country = "ES"
    language = "es"
    timezone = "Europe/Madrid"
    # The topic links under the story, where it shows them, are its tags: meta keywords and
    # article:tag are the URL's words.
    selectors = {"tags": ".tags-container a.tag-name"}
