"""NDR (ndr.de): news of Norddeutscher Rundfunk, the ARD broadcaster for northern Germany."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class NDRSpider(NewsSpider):
    """NDR."""

    name = "ndr"
    publisher = "NDR"
    allowed_domains = ["ndr.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.ndr.de/news-102~news.xml"),
        Sitemap("https://www.ndr.de/index~sitemap_f-sitemap--ndr--info--100.xml"),
        Sitemap("https://www.ndr.de/index~sitemap_f-sitemap--ndr--niedersachsen--100.xml"),
        Sitemap("https://www.ndr.de/index~sitemap_f-sitemap--ndr--schleswig--holstein--100.xml"),
        Sitemap(
            "https://www.ndr.de/index~sitemap_f-sitemap--ndr--mecklenburg--vorpommern--100.xml"
        ),
        Sitemap("https://www.ndr.de/index~sitemap_f-sitemap--ndr--hamburg--100.xml"),
        Sitemap("https://www.ndr.de/index~sitemap_f-sitemap--ndr--sport--100.xml"),
        Sitemap("https://www.ndr.de/index~sitemap_f-sitemap--ndr--kultur--100.xml"),
        Sitemap("https://www.ndr.de/index~sitemap_f-sitemap--ndr--geschichte--100.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
