"""Público (publico.es): Spanish online daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class PublicoSpider(NewsSpider):
    """Público."""

    name = "publico"
    publisher = "Público"
    allowed_domains = ["publico.es"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    # fundus lists one news sitemap a month (sitemap-noticias-YYYYMM.xml); the newest two.
    sources = [
        Sitemap("https://www.publico.es/sitemap-noticias-202611.xml"),
        Sitemap("https://www.publico.es/sitemap-noticias-202610.xml"),
    ]
    country = "ES"
    language = "es"
    timezone = "Europe/Madrid"
    # article:tag holds the topics; meta and JSON-LD keywords are the URL's words.
    selectors = {"tags": "meta[property='article:tag']"}
