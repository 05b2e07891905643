"""Asahi Shimbun (asahi.com): Japanese national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class AsahiSpider(NewsSpider):
    """Asahi Shimbun."""

    name = "asahi"
    publisher = "Asahi Shimbun"
    allowed_domains = ["asahi.com"]
    # The feeds and sitemaps fundus lists for AsahiShimbun (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.asahi.com/sitemap.xml"),
    ]
    country = "JP"
    language = "ja"
    timezone = "Asia/Tokyo"

    # The JSON-LD author is the outlet; the reporter is named in the writer profile under the
    # article (JSON-LD `creator` names the same person).
    selectors = {
        "authors": "[x-component-name=WriterProfile] figure + dl > dt",
        # Lists of places (earthquake intensities) are paragraphs of topic links, which a
        # generic extractor drops as link lists: the paragraphs' own container is the body.
        "body": "main > div:has(> p)",
    }
    # Ad slots inside the text ("[PR]").
    exclude = [".AdMod"]
    drop_authors = [r"^朝日新聞"]
    # The keywords meta tag opens and closes with the site's own names.
    drop_tags = [r"^(朝日新聞(デジタル)?|ニュース|新聞)$"]
