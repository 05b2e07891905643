"""Yomiuri Shimbun (yomiuri.co.jp): Japanese national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class YomiuriSpider(NewsSpider):
    """Yomiuri Shimbun."""

    name = "yomiuri"
    publisher = "Yomiuri Shimbun"
    allowed_domains = ["yomiuri.co.jp"]
    # The feeds and sitemaps fundus lists for YomiuriShimbun (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.yomiuri.co.jp/sitemap-news-latest.xml"),
        Sitemap("https://www.yomiuri.co.jp/sitemap.xml"),
    ]
    country = "JP"
    language = "ja"
    timezone = "Asia/Tokyo"

    # The story's text column; a "saved" confirmation dialog ("完了しました") sits above it.
    selectors = {"body": ".p-main-contents", "tags": ".p-related-tags a"}
    # Related keywords are shown as hashtags ("#北朝鮮").
    tag_labels = ["#"]
    drop_authors = [r"^読売新聞"]
