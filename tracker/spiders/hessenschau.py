"""hessenschau (hessenschau.de): news of Hessischer Rundfunk, the ARD broadcaster for Hesse."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class HessenschauSpider(NewsSpider):
    """hessenschau."""

    name = "hessenschau"
    publisher = "hessenschau"
    allowed_domains = ["hessenschau.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.hessenschau.de/index.rss"),
        Sitemap("https://www.hessenschau.de/indexsitemap.nc.xml"),
        Sitemap("https://www.hessenschau.de/sitemap.nc.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
