"""NASA (www.nasa.gov): WordPress with NASA's Horizon Design System theme.

Markup notes (from real pages; see tests/fixtures/nasa/SOURCES.md): Rank Math meta tags with a
" - NASA" title suffix and no article:published_time; Parse.ly meta carries the publication time,
authors and tags; the body is ``div.entry-content`` followed by credits, "Explore More" and
topic-card blocks that are boilerplate. Cross-posted science.nasa.gov stories appear in the feed.
"""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class NasaSpider(NewsSpider):
    """NASA."""

    name = "nasa"
    publisher = "NASA"
    allowed_domains = ["nasa.gov"]
    sources = [Feed("https://www.nasa.gov/feed/"), Feed("https://www.nasa.gov/news-release/feed/")]
    country = "US"
    default_category = "Science"
    # Attachment pages (/image-detail/) are single images, not articles.
    deny = [r"/image-detail/", r"/wp-content/", r"/podcasts?/"]
    selectors = {
        "title": "meta[name=parsely-title]",
        "authors": "div.article-meta-item h3.hds-meta-heading",
        "published": "meta[name=parsely-pub-date]",
        "tags": "meta[name=keywords]",
        "body": "div.usa-article-content div.entry-content",
    }
    exclude = [
        ".wp-block-nasa-blocks-article-intro",
        ".wp-block-nasa-blocks-credits-and-details",
        ".wp-block-nasa-blocks-related-articles",
        ".hds-topic-cards",
        ".hds-about-the-author",
        ".hds-share",
    ]
    title_suffixes = [" - NASA"]
    separators = {"tags": ","}
    # WordPress attachment pages (one image and its caption) share the article template.
    not_article = ["meta[name=searchgov_custom3][content=attachment]"]
