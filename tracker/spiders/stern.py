"""stern (stern.de): German weekly news magazine."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class SternSpider(NewsSpider):
    """stern."""

    name = "stern"
    publisher = "stern"
    allowed_domains = ["stern.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.stern.de/feed/standard/alle-nachrichten/"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The headline as shown, without its kicker (span.title__kicker); JSON-LD headline and the
    # breadcrumb <h1> are the SEO title.
    selectors = {"title": ".title__headline"}
