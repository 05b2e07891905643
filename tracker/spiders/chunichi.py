"""Chunichi Shimbun (chunichi.co.jp): Nagoya-based Japanese daily."""

from __future__ import annotations

from tracker.extract.sites.chunichi import CHUNICHI
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class ChunichiSpider(NewsSpider):
    """Chunichi Shimbun."""

    name = "chunichi"
    publisher = "Chunichi Shimbun"
    allowed_domains = ["chunichi.co.jp"]
    # The feeds and sitemaps fundus lists for ChunichiShimbun (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.chunichi.co.jp/sitemap.xml"),
    ]
    country = "JP"
    language = "ja"
    timezone = "Asia/Tokyo"
    family = CHUNICHI
