"""Rheinische Post (rp-online.de): regional daily of the Lower Rhine, based in Duesseldorf."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap


class RheinischePostSpider(NewsSpider):
    """Rheinische Post."""

    name = "rheinischepost"
    publisher = "Rheinische Post"
    allowed_domains = ["rp-online.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://rp-online.de/feed.rss"),
        NewsSitemap("https://rp-online.de/sitemap-news.xml"),
        Sitemap("https://rp-online.de/sitemap.xml"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # og:title is the headline as shown, kicker and headline (data-cy="kicker" +
    # data-cy="article_headline"); JSON-LD headline and <h1> are a shorter SEO title.
    selectors = {"title": "meta[property='og:title']"}
