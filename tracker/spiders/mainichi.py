"""Mainichi Shimbun (mainichi.jp): Japanese national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class MainichiSpider(NewsSpider):
    """Mainichi Shimbun."""

    name = "mainichi"
    publisher = "Mainichi Shimbun"
    allowed_domains = ["mainichi.jp"]
    # The feeds and sitemaps fundus lists for MainichiShimbun (publishers_sources.json).
    sources = [
        Feed("https://mainichi.jp/rss/etc/mainichi-flash.rss"),
    ]
    country = "JP"
    language = "ja"
    timezone = "Asia/Tokyo"

    # The reporters' tags under the article; the JSON-LD author is the outlet.
    selectors = {"authors": "a.articletag-author"}
    drop_authors = [r"^毎日新聞"]
    # A flag on breaking stories, not a topic.
    drop_tags = [r"^速報$"]
