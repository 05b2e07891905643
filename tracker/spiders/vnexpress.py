"""VnExpress (vnexpress.net): Vietnamese online newspaper."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed


class VnexpressSpider(NewsSpider):
    """VnExpress."""

    name = "vnexpress"
    publisher = "VnExpress"
    allowed_domains = ["vnexpress.net"]
    # The feeds and sitemaps fundus lists for VnExpress (publishers_sources.json).
    sources = [
        Feed("https://vnexpress.net/rss/tin-moi-nhat.rss"),
        Feed("https://vnexpress.net/rss/the-gioi.rss"),
        Feed("https://vnexpress.net/rss/thoi-su.rss"),
        Feed("https://vnexpress.net/rss/kinh-doanh.rss"),
        Feed("https://vnexpress.net/rss/giai-tri.rss"),
        Feed("https://vnexpress.net/rss/the-thao.rss"),
        Feed("https://vnexpress.net/rss/phap-luat.rss"),
        Feed("https://vnexpress.net/rss/giao-duc.rss"),
        Feed("https://vnexpress.net/rss/tin-noi-bat.rss"),
        Feed("https://vnexpress.net/rss/suc-khoe.rss"),
        Feed("https://vnexpress.net/rss/gia-dinh.rss"),
        Feed("https://vnexpress.net/rss/du-lich.rss"),
        Feed("https://vnexpress.net/rss/khoa-hoc-cong-nghe.rss"),
        Feed("https://vnexpress.net/rss/oto-xe-may.rss"),
        Feed("https://vnexpress.net/rss/y-kien.rss"),
        Feed("https://vnexpress.net/rss/tam-su.rss"),
    ]
    country = "VN"
    language = "vi"
    timezone = "Asia/Ho_Chi_Minh"

    # The author signs at the end of the text, in bold, right-aligned (or in an "author_mail"
    # paragraph); the meta author is the outlet. The keywords tag holds every topic, the
    # article:tag meta the first only.
    selectors = {
        "authors": ["p.author_mail strong", "p.Normal[style*='text-align:right'] strong"],
        "tags": "meta[name=keywords]",
    }
    separators = {"tags": ","}
    drop_authors = [r"(?i)^vnexpress"]
