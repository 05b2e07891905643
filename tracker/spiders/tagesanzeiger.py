"""Tages-Anzeiger (tagesanzeiger.ch): Swiss daily newspaper from Zurich."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class TagesanzeigerSpider(NewsSpider):
    """Tages-Anzeiger."""

    name = "tagesanzeiger"
    publisher = "Tages-Anzeiger"
    allowed_domains = ["tagesanzeiger.ch"]
    # The feeds and sitemaps fundus lists for TagesAnzeiger (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.tagesanzeiger.ch/sitemaps/news.xml"),
        Sitemap("https://www.tagesanzeiger.ch/sitemaps/sitemapindex.xml"),
    ]
    country = "CH"
    language = "de"
    timezone = "Europe/Zurich"
    # The <h1> is an SEO title in the breadcrumbs (kicker included, or a different wording); the
    # headline readers see is the content title.
    selectors = {"title": "[data-testid=content-title]"}
    # JSON-LD keywords hold CMS markers ("stats-reach-team-all-articles", "facts").
    drop_tags = [r"^stats-", r"^facts$"]
