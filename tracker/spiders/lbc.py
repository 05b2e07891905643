"""LBCI (lbcgroup.tv): Lebanese broadcaster's news site, in Arabic and English."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class LbcSpider(NewsSpider):
    """LBCI."""

    name = "lbc"
    publisher = "LBCI"
    allowed_domains = ["lbcgroup.tv"]
    # The feeds and sitemaps fundus lists for LBCGroup (publishers_sources.json).
    sources = [
        Feed("https://www.lbcgroup.tv/Rss/latest-news/ar"),
        Feed("https://www.lbcgroup.tv/Rss/NewsHighlights/ar"),
        Feed("https://www.lbcgroup.tv/Rss/latest-news/en"),
        Feed("https://www.lbcgroup.tv/Rss/NewsHighlights/en"),
        NewsSitemap("https://www.lbcgroup.tv/newssitemap.xml"),
    ]
    country = "LB"
    language = "ar"
    timezone = "Asia/Beirut"

    # The meta author is the channel, and the keywords tag is the same on every page.
    drop_authors = [r"(?i)^lbci?$"]
    drop_tags = [r"(?i)^(news|lbci?|أخبار)$"]
