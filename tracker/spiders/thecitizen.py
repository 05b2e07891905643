"""The Citizen (citizen.co.za): South African news, business and sport."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class ThecitizenSpider(NewsSpider):
    """The Citizen."""

    name = "thecitizen"
    publisher = "The Citizen"
    allowed_domains = ["citizen.co.za"]
    sources = [
        Sitemap("https://www.citizen.co.za/sitemap_index.xml"),
        Feed("https://www.citizen.co.za/feed/"),
    ]
    country = "ZA"
    language = "en"
    deny = [r"/video/", r"/galleries/"]
