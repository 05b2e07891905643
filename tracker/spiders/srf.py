"""SRF (srf.ch): Swiss public broadcaster's German-language news."""

from __future__ import annotations

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class SrfSpider(NewsSpider):
    """SRF."""

    name = "srf"
    publisher = "SRF"
    allowed_domains = ["srf.ch"]
    # The feeds and sitemaps fundus lists for SRF (publishers_sources.json).
    sources = [
        Feed("https://www.srf.ch/news/bnf/rss/1646"),
        NewsSitemap("https://www.srf.ch/sitemaps/newsmap/news/index.xml"),
        Sitemap("https://www.srf.ch/new-news-sitemap"),
    ]
    country = "CH"
    language = "de"
    timezone = "Europe/Zurich"
    # The <h1> holds a kicker ("Eskalation im Nahen Osten - ") before the headline proper.
    selectors = {"title": ".article-title__text"}

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """Without the reporter's location that SRF bylines end with ("Monika Bolliger und Anna
        Trechsel, Sweidah"): names are joined with "und", the place follows the last comma."""
        byline = " ".join(response.css("[itemprop=author] [itemprop=name]::text").getall())
        place = byline.rpartition(",")[2].strip() if "," in byline else ""
        if place:
            # The raw byline may still be one string: take the place off its end.
            names = [name.removesuffix(place).rstrip(" ,") for name in item.authors]
            item.authors = [name for name in names if name]
        return item
