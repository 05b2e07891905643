"""TechRadar: consumer technology news and reviews."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class TechradarSpider(NewsSpider):
    """TechRadar."""

    name = "techradar"
    publisher = "TechRadar"
    allowed_domains = ["techradar.com"]
    sources = [
        Feed("https://www.techradar.com/rss"),
        NewsSitemap("https://www.techradar.com/sitemap-news.xml"),
    ]
    default_category = "Technology"
    country = "GB"
    language = "en"
    deny = [r"/deals/", r"/live/"]
    # Author biography, newsletter boxes and pop-ups, the comments widget.
    exclude = [
        ".slice-author-bio",
        ".newsletter-form__wrapper",
        "#newsletter-capture-modal",
        "#membershipSignUpPopupCard",
        "#clubPopup",
        ".viafoura-twig-component",
    ]
