"""t-online (t-online.de): German news portal."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class TOnlineSpider(NewsSpider):
    """t-online."""

    name = "tonline"
    publisher = "t-online"
    allowed_domains = ["t-online.de"]
    # The sources fundus lists for this publisher (publishers_sources.json).
    sources = [
        Feed("https://www.t-online.de/nachrichten/feed.rss"),
        Feed("https://www.t-online.de/nachrichten/ukraine/feed.rss"),
        Feed("https://www.t-online.de/themen/corona/feed.rss"),
        Feed("https://www.t-online.de/nachrichten/panorama/feed.rss"),
        Feed("https://www.t-online.de/sport/feed.rss"),
        Feed("https://www.t-online.de/sport/fussball/feed.rss"),
        Feed("https://www.t-online.de/unterhaltung/feed.rss"),
        Feed("https://www.t-online.de/digital/feed.rss"),
        Feed("https://www.t-online.de/finanzen/feed.rss"),
        Feed("https://www.t-online.de/mobilitaet/feed.rss"),
        Feed("https://www.t-online.de/gesundheit/feed.rss"),
        Feed("https://www.t-online.de/leben/feed.rss"),
        Feed("https://www.t-online.de/heim-garten/feed.rss"),
        Feed("https://www.t-online.de/klima/feed.rss"),
    ]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The headline as shown, without its kicker (data-external-article-kicker); JSON-LD headline
    # and the breadcrumb <h1> are the SEO title.
    selectors = {"title": "[data-external-article-headline]"}
    # The outlet named next to the author.
    drop_authors = [r"(?i)^t-online$"]
