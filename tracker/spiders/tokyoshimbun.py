"""Tokyo Shimbun (tokyo-np.co.jp): Tokyo daily of the Chunichi group."""

from __future__ import annotations

from tracker.extract.sites.chunichi import CHUNICHI
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import NewsSitemap


class TokyoshimbunSpider(NewsSpider):
    """Tokyo Shimbun."""

    name = "tokyoshimbun"
    publisher = "Tokyo Shimbun"
    allowed_domains = ["tokyo-np.co.jp"]
    # The feeds and sitemaps fundus lists for TokyoShimbun (publishers_sources.json).
    sources = [
        NewsSitemap("https://www.tokyo-np.co.jp/sitemap.xml"),
    ]
    country = "JP"
    language = "ja"
    timezone = "Asia/Tokyo"
    family = CHUNICHI
