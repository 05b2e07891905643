"""elDiario.es: Spanish online daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class EldiarioSpider(NewsSpider):
    """elDiario.es."""

    name = "eldiario"
    publisher = "elDiario.es"
    allowed_domains = ["eldiario.es"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.eldiario.es/rss/"),
        NewsSitemap("https://www.eldiario.es/sitemap_google_news_25b87.xml"),
        Sitemap("https://www.eldiario.es/sitemap_index_25b87.xml"),
    ]
    country = "ES"
    language = "es"
    timezone = "Europe/Madrid"
    # The topic links under the story are its tags: meta keywords are the URL's words and
    # article:tag one English machine label.
    selectors = {"tags": ".tags-wrapper a.tag-link"}
