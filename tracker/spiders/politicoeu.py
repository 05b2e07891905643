"""Politico Europe (politico.eu): European edition of Politico, from Brussels."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class PoliticoeuSpider(NewsSpider):
    """Politico Europe."""

    name = "politicoeu"
    publisher = "Politico Europe"
    allowed_domains = ["politico.eu"]
    # The feeds and sitemaps fundus lists for PoliticoEu (publishers_sources.json).
    sources = [
        Feed("https://www.politico.eu/feed/"),
        NewsSitemap("https://www.politico.eu/news-sitemap.xml"),
        Sitemap("https://www.politico.eu/sitemap.xml"),
    ]
    country = "BE"
    language = "en"
    timezone = "Europe/Brussels"
    # JSON-LD keywords are a lower-cased subset; the keywords meta tag has every topic. The text
    # comes in several .article__content blocks, one per grid row between ad and sidebar slots,
    # and the generic extractor keeps only one of them: the body is the whole <article>.
    selectors = {"body": "article.article", "tags": "meta[name=keywords]"}
    separators = {"tags": ","}
    exclude = [".article__header", ".article__footer-inline", "aside", ".sidebar-grid__sidebar"]
