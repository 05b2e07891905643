"""rbb24 (rbb24.de): news of Rundfunk Berlin-Brandenburg, the ARD broadcaster of the region."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Listing


class RBB24Spider(NewsSpider):
    """rbb24."""

    name = "rbb24"
    publisher = "rbb24"
    allowed_domains = ["rbb24.de"]
    # fundus does not register rbb24, so publishers_sources.json lists nothing for it, and its
    # article page links no feed (<link rel=alternate>) and no sitemap (its "RSS-Feeds" link is a
    # help page). The page's <link rel="start"> is the home page: its teasers are the listing.
    sources = [Listing("https://www.rbb24.de/")]
    # Articles live under /<section>/beitrag/YYYY/MM/; everything else on the home page is a
    # section, programme or service page.
    allow = [r"/beitrag/\d{4}/\d{2}/"]
    country = "DE"
    language = "de"
    timezone = "Europe/Berlin"
    # The dateline above the text, "Do 25.04.24 | 14:07 Uhr | Von <author>", is the only place
    # the page gives the time of publication.
    selectors = {"published": ".technicalline .lineinfo"}
