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

    # The <title> appends the channel and the site ("--时政--人民网"); the time of publication
    # is only in the line under the headline ("2024年04月24日23:52 | 来源：新华网"), the meta tag
    # has the date alone; the keywords meta tag separates its keywords with spaces.
    selectors = {
        "title": "h1",
        "published": ".channel .col-1-1",
        "tags": "meta[name=keywords]",
    }
    separators = {"tags": " "}
