"""National Post: Canadian national news (Postmedia)."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class NationalpostSpider(NewsSpider):
    """National Post."""

    name = "nationalpost"
    publisher = "National Post"
    allowed_domains = ["nationalpost.com"]
    sources = [
        Feed("https://nationalpost.com/feed"),
        NewsSitemap("https://nationalpost.com/sitemap-news.xml"),
    ]
    language = "en"
    deny = [r"/video/"]
    # meta keywords is the editors' tag list; JSON-LD keywords add CMS ids and NLP labels.
    selectors = {"tags": "meta[name='keywords']"}
