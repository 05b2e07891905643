"""Rolling Stone: music, film, TV and culture."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class RollingstoneSpider(NewsSpider):
    """Rolling Stone."""

    name = "rollingstone"
    publisher = "Rolling Stone"
    allowed_domains = ["rollingstone.com"]
    sources = [
        Feed("https://www.rollingstone.com/feed/"),
        NewsSitemap("https://www.rollingstone.com/news-sitemap.xml"),
    ]
    default_category = "Entertainment"
    country = "US"
    language = "en"
    deny = [r"/video/", r"/gallery/", r"/lists/"]
    # The "Culture Council" contributor disclaimer.
    exclude = [".culture-council-disclaimer"]
