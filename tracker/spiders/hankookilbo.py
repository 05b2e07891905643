"""Hankook Ilbo (hankookilbo.com): South Korean national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class HankookilboSpider(NewsSpider):
    """Hankook Ilbo."""

    name = "hankookilbo"
    publisher = "Hankook Ilbo"
    allowed_domains = ["hankookilbo.com"]
    # The feeds and sitemaps fundus lists for HankookIlbo (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.hankookilbo.com/sitemap/latest-articles"),
        Sitemap("https://www.hankookilbo.com/sitemap/daily-articles/2020"),
    ]
    country = "KR"
    language = "ko"
    timezone = "Asia/Seoul"
