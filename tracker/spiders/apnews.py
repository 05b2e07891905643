"""AP News (apnews.com): US and world wire stories."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class ApnewsSpider(NewsSpider):
    """Associated Press."""

    name = "apnews"
    publisher = "Associated Press"
    allowed_domains = ["apnews.com"]
    sources = [
        NewsSitemap("https://apnews.com/news-sitemap-content.xml"),
    ]
    country = "US"
    language = "en"
    deny = [r"/live/", r"/video/", r"/gallery/"]
    # AP's keywords mix topics with its distribution desks ("PA State Wire", "AP Top News"),
    # letters and the URL slug's words in lower case ("trump harris presidential election");
    # only the topics are tags.
    drop_tags = [
        r"(?i)State Wire$",
        r"(?i)^(AP Top News|General news|Domestic News|Washington news|U\.S\. news|World news"
        r"|Business|Sports|Entertainment|Health|Science|Technology|Lifestyle)$",
        r"^.{1,2}$",
        r"^[a-z0-9]+( [a-z0-9]+){2,}$",
    ]
