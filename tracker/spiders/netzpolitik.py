"""netzpolitik.org: German journalism on digital rights and digital politics."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class NetzpolitikSpider(NewsSpider):
    """netzpolitik.org."""

    name = "netzpolitik"
    publisher = "netzpolitik.org"
    allowed_domains = ["netzpolitik.org"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://netzpolitik.org/feed/"),
        Sitemap("https://netzpolitik.org/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # WordPress tag links in the article footer ("Schlagworte"); the page has no keywords meta.
    selectors = {"tags": "a[rel=tag]"}
