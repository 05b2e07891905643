"""Maeil Business Newspaper (mk.co.kr): South Korean business daily (fundus id MBN)."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class MbnSpider(NewsSpider):
    """Maeil Business Newspaper."""

    name = "mbn"
    publisher = "Maeil Business Newspaper"
    allowed_domains = ["mk.co.kr"]
    # The feeds and sitemaps fundus lists for MBN (publishers_sources.json).
    sources = [
        Sitemap("https://www.mk.co.kr/sitemap/latest-articles/"),
        Sitemap("https://www.mk.co.kr/sitemap/daily-articles/"),
    ]
    country = "KR"
    language = "ko"
    timezone = "Asia/Seoul"
