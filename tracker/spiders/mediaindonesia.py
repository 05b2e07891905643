"""Media Indonesia (mediaindonesia.com): Indonesian national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class MediaindonesiaSpider(NewsSpider):
    """Media Indonesia."""

    name = "mediaindonesia"
    publisher = "Media Indonesia"
    allowed_domains = ["mediaindonesia.com"]
    # The feeds and sitemaps fundus lists for MediaIndonesia (publishers_sources.json).
    sources = [
        Sitemap("https://mediaindonesia.com/sitemap.xml"),
    ]
    country = "ID"
    language = "id"
    timezone = "Asia/Jakarta"

    # The reporter is named under the headline; the JSON-LD author is the editor (shown as
    # "Editor : ..." at the end).
    selectors = {"authors": ".post-header .info [class^=author]"}
