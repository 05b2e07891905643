"""WorldTruth.TV: American alternative news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class WorldtruthSpider(NewsSpider):
    """WorldTruth.TV."""

    name = "worldtruth"
    publisher = "WorldTruth.TV"
    allowed_domains = ["worldtruth.tv"]
    # fundus lists a FeedBurner copy (feeds.feedburner.com/ConsciousnessTv), a host the offsite
    # filter would drop; the site's own feed, which its pages link, has the same entries.
    sources = [
        Feed("https://worldtruth.tv/feed/"),
    ]
    country = "US"
    language = "en"
    timezone = "America/New_York"
