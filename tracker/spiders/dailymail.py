"""Daily Mail / DailyMail.com: UK and US news."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, NewsSitemap


class DailymailSpider(NewsSpider):
    """Daily Mail."""

    name = "dailymail"
    publisher = "Daily Mail"
    allowed_domains = ["dailymail.co.uk"]
    sources = [
        NewsSitemap("https://www.dailymail.co.uk/google-news-sitemap.xml"),
        Feed("https://www.dailymail.co.uk/articles.rss"),
    ]
    country = "GB"
    language = "en"
    deny = [r"/video/", r"/live/"]
    # The JSON-LD headline is an SEO variant; og:title is the headline as published.
    # Topics: the "topics" buttons under the article.
    selectors = {"title": "meta[property='og:title']", "tags": ".articleTopicsRow a"}
    # The "key points" bullets at the top and fact-box bullet lists repeat the article.
    exclude = ["ul.mol-bullets-with-font"]
