"""El Mundo (elmundo.es): Spanish national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class ElmundoSpider(NewsSpider):
    """El Mundo."""

    name = "elmundo"
    publisher = "El Mundo"
    # Its feeds are served from its CDN host.
    allowed_domains = ["elmundo.es", "e00-elmundo.uecdn.es"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://e00-elmundo.uecdn.es/elmundo/rss/portada.xml"),
        Feed("https://e00-elmundo.uecdn.es/elmundo/rss/espana.xml"),
    ]
    country = "ES"
    language = "es"
    timezone = "Europe/Madrid"
