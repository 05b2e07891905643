"""AFP Faktencheck: the German fact-checking service of Agence France-Presse."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class AfpfaktencheckSpider(NewsSpider):
    """AFP Faktencheck."""

    name = "afpfaktencheck"
    publisher = "AFP Faktencheck"
    allowed_domains = ["faktencheck.afp.com"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Sitemap("https://faktencheck.afp.com/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The page names AFP's German desk as "Übersetzung und Adaptierung" next to the reporters.
    drop_authors = [r"^AFP( Deutschland)?$"]
    # Topic links above the headline (no keywords meta; the JSON-LD is a ClaimReview).
    selectors = {"tags": "article .top-header a[href*='/list/'] .tag-like"}
    exclude = [".list-informations", ".mentions-copyright"]
