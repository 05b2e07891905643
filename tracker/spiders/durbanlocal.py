"""Durban Local (Your eThekwini): Durban community news (Independent Media)."""

from __future__ import annotations

from tracker.extract.sites.independentmedia import INDEPENDENT_MEDIA
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class DurbanlocalSpider(NewsSpider):
    """Durban Local."""

    name = "durbanlocal"
    publisher = "Durban Local"
    allowed_domains = ["durbanlocal.co.za"]
    # The sources fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://durbanlocal.co.za/sitemap/"),
    ]
    country = "ZA"
    language = "en"
    timezone = "Africa/Johannesburg"
    family = INDEPENDENT_MEDIA
