"""El País (elpais.com): Spanish national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class ElpaisSpider(NewsSpider):
    """El País."""

    name = "elpais"
    publisher = "El País"
    allowed_domains = ["elpais.com"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    # fundus lists one sitemap a month (sitemaps/YYYY/MM/sitemap_0.xml); the newest it lists.
    sources = [
        Feed("https://feeds.elpais.com/mrss-s/pages/ep/site/elpais.com/portada"),
        Sitemap("https://elpais.com/sitemaps/2026/11/sitemap_0.xml"),
    ]
    country = "ES"
    language = "es"
    timezone = "Europe/Madrid"
    # The "subscription in use on another device" dialog is in every article's markup.
    exclude = ["#me-dis"]
