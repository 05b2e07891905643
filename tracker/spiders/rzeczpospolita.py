"""Rzeczpospolita (rp.pl): Polish national daily."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap


class RzeczpospolitaSpider(NewsSpider):
    """Rzeczpospolita."""

    name = "rzeczpospolita"
    publisher = "Rzeczpospolita"
    allowed_domains = ["rp.pl"]
    # The feeds and sitemaps fundus lists for it (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.rp.pl/sitemaps/news-sitemap.xml"),
        Sitemap("https://www.rp.pl/sitemaps/sitemap.xml"),
    ]
    country = "PL"
    language = "pl"
    timezone = "Europe/Warsaw"
    # The story is split into several `.articleBody` blocks between adverts; the paywall wrapper
    # holds them all. The topic links under the story (old and new layout) are its tags; the
    # JSON-LD keywords only repeat the section.
    selectors = {
        "body": ".paywallAccessWrapper",
        "tags": ["a.tag--comp", "#tagsTab a.btn--tag"],
    }
    # "Czytaj więcej" teasers and adverts sit between the blocks.
    exclude = [".content--excerpt", ".advert--outer", ".ad--wrapper", ".desktopStickyElement"]
