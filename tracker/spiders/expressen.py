"""Expressen (expressen.se): Swedish national tabloid."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class ExpressenSpider(NewsSpider):
    """Expressen."""

    name = "expressen"
    publisher = "Expressen"
    allowed_domains = ["expressen.se"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://feeds.expressen.se/nyheter/"),
        Feed("https://feeds.expressen.se/gt"),
        Feed("https://feeds.expressen.se/kvp/"),
        Feed("https://feeds.expressen.se/sport/"),
        Feed("https://feeds.expressen.se/fotboll/"),
        Feed("https://feeds.expressen.se/hockey/"),
        Feed("https://feeds.expressen.se/noje/"),
        Feed("https://feeds.expressen.se/debatt/"),
        Feed("https://feeds.expressen.se/ledare/"),
        Feed("https://feeds.expressen.se/kultur/"),
        Feed("https://feeds.expressen.se/dinapengar/"),
        Feed("https://feeds.expressen.se/halsoliv/"),
        Feed("https://feeds.expressen.se/levabo/"),
        Feed("https://feeds.expressen.se/motor/"),
        Feed("https://feeds.expressen.se/allt-om-resor/"),
        Sitemap("https://www.expressen.se/sitemap.xml"),
    ]
    country = "SE"
    language = "sv"
    timezone = "Europe/Stockholm"
    # JSON-LD keywords are "kind/value" facets: sections/sverige, organization/lundsberg, ...
    tag_labels = ["sections/", "organization/", "topic/", "person/", "location/", "place/"]
