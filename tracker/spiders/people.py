"""People's Daily Online (people.com.cn): Chinese state news site."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class PeopleSpider(NewsSpider):
    """People's Daily."""

    name = "people"
    publisher = "People's Daily"
    allowed_domains = ["people.com.cn", "people.cn"]
    # The feeds and sitemaps fundus lists for People (publishers_sources.json).
    sources = [
        Feed("http://www.people.com.cn/rss/politics.xml"),
        Feed("http://www.people.com.cn/rss/society.xml"),
        Feed("http://www.people.com.cn/rss/legal.xml"),
        Feed("http://www.people.com.cn/rss/world.xml"),
        Feed("http://www.people.com.cn/rss/haixia.xml"),
        Feed("http://www.people.com.cn/rss/military.xml"),
        Feed("http://www.people.com.cn/rss/ywkx.xml"),
        Sitemap("http://www.people.cn/sitemap_index.xml"),
    ]
    country = "CN"
    language = "zh"
    timezone = "Asia/Shanghai"
