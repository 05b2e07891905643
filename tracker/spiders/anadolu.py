"""Anadolu Ajansı (aa.com.tr): Turkish state news agency, Turkish service."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class AnadoluSpider(NewsSpider):
    """Anadolu Ajansı."""

    name = "anadolu"
    publisher = "Anadolu Ajansı"
    allowed_domains = ["aa.com.tr"]
    # The feeds and sitemaps fundus lists for AnadoluAjansi (publishers_sources.json).
    sources = [
        Feed("https://www.aa.com.tr/tr/rss/default?cat=guncel"),
    ]
    country = "TR"
    language = "tr"
    timezone = "Europe/Istanbul"

    # Pages of the older layout (no JSON-LD article) name the reporter in the line under the
    # headline and the standfirst, beside the date ("Sehernur Karsu |  05.04.2025").
    selectors = {"authors": "h1 ~ div.row > span:not(.tarih)"}
    separators = {"authors": "|"}
    # The agency's own name closes its keywords.
    drop_tags = [r"^Anadolu Ajansı$"]
