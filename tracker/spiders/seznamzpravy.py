"""Seznam Zprávy (seznamzpravy.cz): Czech news site."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class SeznamzpravySpider(NewsSpider):
    """Seznam Zprávy."""

    name = "seznamzpravy"
    publisher = "Seznam Zprávy"
    allowed_domains = ["seznamzpravy.cz"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        Feed("https://www.seznamzpravy.cz/rss"),
        NewsSitemap("https://www.seznamzpravy.cz/sitemaps/sitemap_news.xml"),
        Sitemap("https://www.seznamzpravy.cz/sitemaps/sitemap_articles.xml"),
    ]
    country = "CZ"
    language = "cs"
    timezone = "Europe/Prague"
    # An accessibility heading ("Článek") opens the story; post cards inside it are background
    # boxes on related stories; each embed has skip links ("Následuje obsah vložený z jiného
    # webu...") around it.
    exclude = ["#accessibility-article", ".mol-post-card__body", "a[id^='embed-'][href^='#embed-']"]
