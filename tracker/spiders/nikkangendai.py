"""Nikkan Gendai (nikkan-gendai.com): Japanese evening tabloid (fundus id NikkanGeadai)."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class NikkangendaiSpider(NewsSpider):
    """Nikkan Gendai."""

    name = "nikkangendai"
    publisher = "Nikkan Gendai"
    allowed_domains = ["nikkan-gendai.com"]
    # The feeds and sitemaps fundus lists for NikkanGeadai (publishers_sources.json).
    sources = [
        Sitemap("https://www.nikkan-gendai.com/sitemap.xml"),
    ]
    country = "JP"
    language = "ja"
    timezone = "Asia/Tokyo"

    # The keywords meta tag is the same site-wide list on every page; the article's own
    # keywords are the "関連キーワード" links under it.
    selectors = {"tags": ".m-keyword-list2 a"}
    # The JSON-LD author is the paper itself.
    drop_authors = [r"^日刊(現代|ゲンダイ)"]
