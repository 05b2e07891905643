"""ScienceDaily: research news in health, medicine, science and technology."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class SciencedailySpider(NewsSpider):
    """ScienceDaily."""

    name = "sciencedaily"
    publisher = "ScienceDaily"
    allowed_domains = ["sciencedaily.com"]
    sources = [
        Feed("https://www.sciencedaily.com/rss/top/science.xml"),
        Feed("https://www.sciencedaily.com/rss/top/health.xml"),
        Feed("https://www.sciencedaily.com/rss/top/technology.xml"),
    ]
    # Its keywords ("Neuroscience", "Perception") rarely name a category word for word.
    default_category = "Science"
    country = "US"
    language = "en"
    allow = [r"/releases/"]
    # No JSON-LD and no article:* tags: the release date and topics are in the page itself
    # (the keywords are separated by semicolons; extraction undoes their double escaping).
    selectors = {"published": "#date_posted", "tags": "meta#metakeywords"}
    separators = {"tags": ";"}
