"""BR24 (br.de/nachrichten): news of Bayerischer Rundfunk, the ARD broadcaster for Bavaria."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class BRSpider(NewsSpider):
    """BR24."""

    name = "br"
    publisher = "BR24"
    allowed_domains = ["br.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.br.de/nachrichten/sitemaps/news.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The news desk signs agency-based stories ("BR24 Redaktion"): not a person.
    drop_authors = [r"(?i)^BR24( Redaktion)?$"]
