"""Público (publico.es): Spanish online daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import DatedSitemap


class PublicoSpider(NewsSpider):
    """Público."""

    name = "publico"
    publisher = "Público"
    allowed_domains = ["publico.es"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    # fundus lists one news sitemap a month (sitemap-noticias-YYYYMM.xml): this month's and the
    # last one's.
    sources = [
        DatedSitemap("https://www.publico.es/sitemap-noticias-%Y%m.xml"),
    ]
    country = "ES"
    language = "es"
    timezone = "Europe/Madrid"
    # article:tag holds the topics; meta and JSON-LD keywords are the URL's words.
    selectors = {"tags": "meta[property='article:tag']"}
