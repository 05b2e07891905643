"""Israel Nachrichten (israel-nachrichten.org): German-language news from Israel."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap


class IsraelnachrichtenSpider(NewsSpider):
    """Israel Nachrichten."""

    name = "israelnachrichten"
    publisher = "Israel Nachrichten"
    allowed_domains = ["israel-nachrichten.org"]
    # The feeds and sitemaps fundus lists for IsraelNachrichten (publishers_sources.json).
    sources = [
        Sitemap("https://www.israel-nachrichten.org/wp-sitemap.xml"),
    ]
    country = "IL"
    language = "de"
    timezone = "Asia/Jerusalem"

    # Stories are signed by the desk ("IN-Redaktion"), which is not a person.
    drop_authors = [r"(?i)^IN-Redaktion$", r"(?i)^israel[ -]?(news|nachrichten)$"]
