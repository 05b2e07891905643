"""El País (elpais.com): Spanish national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import DatedSitemap, Feed


class ElpaisSpider(NewsSpider):
    """El País."""

    name = "elpais"
    publisher = "El País"
    allowed_domains = ["elpais.com"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    # fundus lists one sitemap a month (sitemaps/YYYY/MM/sitemap_0.xml): this month's and the
    # last one's.
    sources = [
        Feed("https://feeds.elpais.com/mrss-s/pages/ep/site/elpais.com/portada"),
        DatedSitemap("https://elpais.com/sitemaps/%Y/%m/sitemap_0.xml"),
    ]
    country = "ES"
    language = "es"
    timezone = "Europe/Madrid"
    # The "subscription in use on another device" dialog is in every article's markup.
    exclude = ["#me-dis"]
