"""Hankook Ilbo (hankookilbo.com): South Korean national daily."""

from __future__ import annotations

import re

from scrapy.http import Response

from tracker.items import ArticleItem
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap, Sitemap

# "...-정치ㅣ한국일보": the section and the outlet after the headline in the meta titles.
_TITLE_SUFFIX_RE = re.compile(r"\s*-\s*[^-ㅣ|]{1,20}\s*[ㅣ|]\s*한국일보$")
# "신현주 기자": the name, then the word for reporter.
_REPORTER_RE = re.compile(r"\s+기자$")
_DEPLOY_RE = re.compile(r"(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2})")


class HankookilboSpider(NewsSpider):
    """Hankook Ilbo."""

    name = "hankookilbo"
    publisher = "Hankook Ilbo"
    allowed_domains = ["hankookilbo.com"]
    # The feeds and sitemaps fundus lists for HankookIlbo (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.hankookilbo.com/sitemap/latest-articles"),
        Sitemap("https://www.hankookilbo.com/sitemap/daily-articles/2020"),
    ]
    country = "KR"
    language = "ko"
    timezone = "Asia/Seoul"

    # The JSON-LD of the 2025 layout names the reporter and the time; the 2026 layouts' meta
    # tags add the outlet and "기자" (reporter) to the byline.
    drop_authors = [r"^한국일보$"]

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """Pages of the early-2026 layout are rendered from a data sheet: no JSON-LD article,
        no headline tag. The title then comes from the meta tags with the section and the
        outlet appended ("...-정치ㅣ한국일보"), the byline as "이름 기자", and the time of
        publication is only in the sheet's ``data-deploy-dt`` ("2026.01.29 18:40", Seoul
        time); the date alone is what the other layers find."""
        if item.title:
            item.title = _TITLE_SUFFIX_RE.sub("", item.title)
        item.authors = [_REPORTER_RE.sub("", name) for name in item.authors]
        if item.published and "T" not in item.published:
            deployed = response.css("[data-deploy-dt]::attr(data-deploy-dt)").get() or ""
            match = _DEPLOY_RE.fullmatch(deployed.strip())
            if match and item.published == "{}-{}-{}".format(*match.groups()[:3]):
                item.published = "{}-{}-{}T{}:{}:00".format(*match.groups())
                item.provenance["published"] = "selector"
        return item
