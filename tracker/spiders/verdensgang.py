"""VG, Verdens Gang (vg.no): Norwegian national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class VerdensgangSpider(NewsSpider):
    """VG."""

    name = "verdensgang"
    publisher = "VG"
    allowed_domains = ["vg.no"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.vg.no/sitemap/files/articles-48hrs.xml"),
        Sitemap("https://www.vg.no/sitemap.xml"),
    ]
    country = "NO"
    language = "nb"
    timezone = "Europe/Oslo"
    # The AI-written "Kortversjonen" summary box (a CSS module: "_summary_<hash>") is not the
    # story.
    exclude = ["section.article-body [class^='_summary_']"]
