"""Deutsche Welle (dw.com): Germany's international broadcaster, German edition."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class DwSpider(NewsSpider):
    """Deutsche Welle."""

    name = "dw"
    publisher = "Deutsche Welle"
    allowed_domains = ["dw.com"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://rss.dw.com/xml/rss-de-all"),
        Feed("https://rss.dw.com/xml/rss-en-all"),
        NewsSitemap("https://www.dw.com/de/news-sitemap.xml"),
        NewsSitemap("https://www.dw.com/en/news-sitemap.xml"),
        Sitemap("https://www.dw.com/de/article-sitemap.xml"),
        Sitemap("https://www.dw.com/en/article-sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    selectors = {
        # Topic links (2023 layout: "related-topics"; 2024: the kicker above the headline); the
        # oldest layout has keywords metas, which the generic layers read.
        "tags": (
            "[data-tracking-name='related-topics'] a,"
            " [data-tracking-name='content-detail-kicker'] > span"
        ),
        # The oldest layout (to early 2023) has no JSON-LD: "Datum" and "Autorin/Autor" rows of
        # the list under the article.
        "published": "ul.smallList > li:first-child",
        "authors": "ul.smallList > li:nth-child(2)",
    }
