"""A spider's declaration is data, checked when its class is created, and applied the same way by
every spider: site rules (tracker.extract.rules), families, the hook's contract, the hints the
pipelines get, and -a urls= off the allowed domains.

Declarations below are hand-made test spiders (never registered with the spider loader); pages are
real fixture pages.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from tools.fixtures import fixture_pages
from tracker.extract import extract_article
from tracker.extract.rules import RulesError, SiteRules
from tracker.extract.sites.postmedia import POSTMEDIA
from tracker.items import ArticleItem
from tracker.pipelines import NormalisePipeline
from tracker.signals import article_rejected
from tracker.spiders.base import NewsSpider
from tracker.spiders.declaration import DeclarationError
from tracker.spiders.sources import DatedSitemap, Feed
from tracker.state import close_store

CNBC = fixture_pages(spider="cnbc")[0]
BBC = fixture_pages(spider="bbc")[0]


def declare(**attributes: Any) -> type[NewsSpider]:
    return type(
        "ExampleSpider", (NewsSpider,), {"name": "example", "publisher": "Ex", **attributes}
    )


# --- checked when the class is created -----------------------------------------------------------


def test_an_unknown_selector_field_is_an_error_naming_the_spider() -> None:
    with pytest.raises(DeclarationError, match=r"spider 'example' .*unknown field 'author'"):
        declare(selectors={"author": ".byline"})


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"tag_filter": [r"^x$"]}, "unknown attribute 'tag_filter'"),
        ({"deny": r"/video/"}, r"deny: expected Sequence\[str\], got '/video/'"),
        ({"exclude": ".share"}, r"exclude: expected Sequence\[str\]"),
        ({"drop_tags": ["("]}, "drop_tags: regular expression '\\(' does not compile"),
        ({"selectors": {"title": "h1[[["}}, "CSS selector 'h1\\[\\[\\[' does not compile"),
        ({"separators": {"title": ";"}}, "separators: 'title' is not a list field"),
        ({"timezone": "Europe/Berln"}, "timezone 'Europe/Berln'"),
        ({"country": "UK"}, "country 'UK'"),
        ({"language": "English"}, "language 'English'"),
        ({"allowed_domains": ["https://example.com/"]}, "is not a lower-case host name"),
        (
            {"allowed_domains": ["example.com"], "sources": [Feed("https://other.org/rss")]},
            "is not on allowed_domains",
        ),
        (
            {"sources": [DatedSitemap("https://example.com/sitemap-2026-11.xml")]},
            "has no date in it",
        ),
        (
            {"post_process_item": lambda self, item, response: item},
            "post_process_item must be a @classmethod",
        ),
    ],
)
def test_declarations_that_cannot_work_stop_the_import(
    attributes: dict[str, Any], message: str
) -> None:
    with pytest.raises(DeclarationError, match=message):
        declare(**attributes)


def test_every_project_spider_passes_and_declares_its_country() -> None:
    from tracker.spiders import publisher_spiders

    for name, cls in publisher_spiders().items():
        assert cls.country and cls.language, name
        cls.site_rules()  # built and checked once, cached


def test_a_dated_sitemap_is_this_months_and_last_months_in_the_publishers_time_zone(
    tmp_path: Path,
) -> None:
    # El País, Público and la Repubblica publish one sitemap a month; the spiders named
    # November 2026's and went stale in December. Now the URL is filled in when the crawl starts.
    from tracker.spiders.larepubblica import LarepubblicaSpider

    monthly = DatedSitemap("https://www.repubblica.it/sitemap-%Y-%m.xml")
    assert monthly.urls_at(datetime(2027, 1, 3)) == [
        "https://www.repubblica.it/sitemap-2027-01.xml",
        "https://www.repubblica.it/sitemap-2026-12.xml",
    ]
    yearly = DatedSitemap("https://www.tagesspiegel.de/sitemap-index_%Y.xml")
    assert yearly.urls_at(datetime(2026, 6, 1)) == [
        "https://www.tagesspiegel.de/sitemap-index_2026.xml"
    ]
    assert len(yearly.urls_at(datetime(2027, 1, 1))) == 2

    crawler = get_crawler(
        LarepubblicaSpider,
        {
            "TRACKER_OUTPUT_DIR": str(tmp_path),
            "EXTENSIONS": {"tracker.state.StateStoreExtension": 50},
        },
    )
    spider = LarepubblicaSpider.from_crawler(crawler)
    crawler.spider = spider

    async def requests() -> list[str]:
        return [request.url async for request in spider.start()]

    now = datetime.now(ZoneInfo("Europe/Rome"))
    try:
        urls = asyncio.run(requests())
    finally:
        close_store(crawler)
    assert f"https://www.repubblica.it/sitemap-{now:%Y-%m}.xml" in urls


# --- rules are data extraction applies ------------------------------------------------------------


def test_a_list_value_is_split_only_on_the_declared_separator() -> None:
    # CNBC's real keywords tag: "Bitcoin,Personal finance,...,Lee Baker, CFP,business news".
    keywords = SiteRules(selectors={"tags": "meta[name='keywords']"})
    whole = extract_article(CNBC.html(), CNBC.url, rules=keywords).fields["tags"]
    assert len(whole) == 1 and whole[0].startswith("Bitcoin,Personal finance")
    split = SiteRules(selectors={"tags": "meta[name='keywords']"}, separators={"tags": ","})
    tags = extract_article(CNBC.html(), CNBC.url, rules=split).fields["tags"]
    assert tags[:3] == ["Bitcoin", "Personal finance", "Bitcoin/USD Coin Metrics"]


def test_list_values_escaped_twice_are_unescaped() -> None:
    # Real pages: ScienceDaily's keywords tag holds "Alzheimer&amp;amp;#039;s" (its hook used to
    # unescape twice), The Citizen's JSON-LD "Governance &amp; Traditional Affairs" (no hook).
    page = fixture_pages(spider="sciencedaily")[0]
    rules = SiteRules(selectors={"tags": "meta#metakeywords"}, separators={"tags": ";"})
    assert "Alzheimer's" in extract_article(page.html(), page.url, rules=rules).fields["tags"]
    citizen = fixture_pages(spider="thecitizen")[0]
    tags = extract_article(citizen.html(), citizen.url).fields["tags"]
    assert "Cooperative Governance & Traditional Affairs (CoGTA)" in tags


def test_tag_and_author_filters_apply_to_every_layer() -> None:
    plain = extract_article(BBC.html(), BBC.url).fields
    assert plain["authors"] == ["Duncan Walker"]
    rules = SiteRules(drop_authors=[r"^Duncan "], title_prefixes=["What is "])
    fields = extract_article(BBC.html(), BBC.url, rules=rules).fields
    assert "authors" not in fields
    assert fields["title"] == "Nato and which countries are in it?"


def test_a_dropped_part_of_a_byline_leaves_the_person() -> None:
    # Real page: MDR's byline is one link, "David Straub, MDR THÜRINGEN" (the reporter and his
    # regional desk); a pattern for the desk used to drop nothing, as it matched no whole byline.
    page = next(p for p in fixture_pages(spider="mdr") if p.name == "fundus-2023-04-28")
    rules = SiteRules(drop_authors=[r"(?i)^MDR\b"])
    assert extract_article(page.html(), page.url, rules=rules).fields["authors"] == ["David Straub"]
    assert rules.filter_authors(["MDR THÜRINGEN", "Jane Doe"]) == ["Jane Doe"]


def test_a_family_is_extended_by_the_sites_own_rules() -> None:
    own = SiteRules(selectors={"title": "h1"}, drop_tags=[r"^Video$"], tag_labels=["Category:"])
    merged = POSTMEDIA.extended_by(own)
    assert merged.selectors == {"title": ("h1",)}
    assert merged.drop_tags == (*POSTMEDIA.drop_tags, r"^Video$")
    assert merged.tag_labels == ("Category:",)  # not repeated
    assert merged.filter_tags(
        ["NLP Category: News", "Category: Wine", "b1d3c0de-0000-4000-8000-000000000000", "wine"]
    ) == ["Wine"]


def test_site_rules_check_themselves() -> None:
    with pytest.raises(RulesError, match="unknown field 'headline'"):
        SiteRules(selectors={"headline": "h1"})


def test_a_not_article_selector_rejects_the_page(tmp_path: Path) -> None:
    spider_cls = declare(not_article=["meta[name='page.subsection'][content='Europe']"])
    spider, rejected = _spider(spider_cls, tmp_path)
    assert list(spider.parse_article_in_process(_response(BBC.url, BBC.html()))) == []
    assert [(r["reason"], r["url"]) for r in rejected] == [("not_article", BBC.url)]


# --- the hook: an item or a counted reject, never silence ----------------------------------------


def test_a_hook_that_returns_none_is_a_counted_reject_not_a_silent_drop(tmp_path: Path) -> None:
    # Before, a hook returning None dropped the article with no trace.
    class DroppingSpider(NewsSpider):
        name = "dropping"
        publisher = "Dropping"

        @classmethod
        def post_process_item(cls, item: ArticleItem, response: Any) -> ArticleItem:
            return None  # type: ignore[return-value]

    spider, rejected = _spider(DroppingSpider, tmp_path)
    assert list(spider.parse_article_in_process(_response(BBC.url, BBC.html()))) == []
    assert [r["reason"] for r in rejected] == ["extract_error"]
    assert "post_process_item returned NoneType" in rejected[0]["detail"]
    assert spider.crawler.stats.get_value("tracker/extract/error") == 1


def test_the_generic_spider_applies_the_publishers_hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.spiders.article import ArticleSpider
    from tracker.spiders.bbc import BbcSpider

    def mark(cls: type, item: ArticleItem, response: Any) -> ArticleItem:
        item.section = "from the hook"
        return item

    monkeypatch.setattr(BbcSpider, "post_process_item", classmethod(mark))
    crawler = get_crawler(ArticleSpider, {"SPIDER_MODULES": ["tracker.spiders"]})
    spider = ArticleSpider.from_crawler(crawler, urls=BBC.url)
    crawler.spider = spider
    [item] = list(spider.parse_article_in_process(_response(BBC.url, BBC.html())))
    assert item.section == "from the hook"
    assert item.provenance["rules"] == "bbc" and item.spider == "article"


# --- hints for the pipelines ---------------------------------------------------------------------


def test_the_publishers_timezone_travels_on_the_item_to_the_normaliser(tmp_path: Path) -> None:
    berlin = declare(timezone="Europe/Berlin", default_category="Science")
    spider, _ = _spider(berlin, tmp_path)
    item = spider.item_from_extraction(extract_article(BBC.html(), BBC.url), fetched_url=BBC.url)
    assert (item.hints.timezone, item.hints.default_category) == ("Europe/Berlin", "Science")
    item.published = "2024-03-14 10:00"  # no offset on the page
    out = NormalisePipeline.from_crawler(spider.crawler).process_item(item)
    assert out.published == "2024-03-14T10:00:00+01:00"
    assert out.provenance["published_tz"] == "assumed Europe/Berlin"


# --- -a urls= off the allowed domains: an error or a counted reject -----------------------------


def test_a_url_off_the_allowed_domains_is_a_usage_error() -> None:
    from tracker.spiders.bbc import BbcSpider

    with pytest.raises(ValueError, match=r"-a urls: https://example.org/x is not on bbc's"):
        BbcSpider.check_arguments(urls="https://example.org/x")


def test_a_url_off_the_allowed_domains_is_an_offsite_reject(tmp_path: Path) -> None:
    # A crawl started without `scrapy crawl` (Scrapyd, crawlall) skips the usage check.
    from tracker.spiders.bbc import BbcSpider

    crawler = get_crawler(
        BbcSpider,
        {
            "TRACKER_OUTPUT_DIR": str(tmp_path),
            "EXTENSIONS": {"tracker.state.StateStoreExtension": 50},
        },
    )
    spider = BbcSpider.from_crawler(crawler)
    spider.article_urls = ["https://example.org/x", BBC.url]
    crawler.spider = spider
    rejected: list[dict[str, Any]] = []
    crawler.signals.connect(lambda **kw: rejected.append(kw), signal=article_rejected, weak=False)

    async def requests() -> list[Request]:
        return [request async for request in spider.start()]

    try:
        started = asyncio.run(requests())
    finally:
        close_store(crawler)  # the seen-URL check opened the store
    assert [r.url for r in started] == [BBC.url]
    assert [(r["url"], r["reason"]) for r in rejected] == [("https://example.org/x", "offsite")]


# --- helpers -------------------------------------------------------------------------------------


def _spider(spidercls: type[NewsSpider], tmp_path: Path) -> tuple[Any, list[dict[str, Any]]]:
    crawler = get_crawler(spidercls, {"TRACKER_OUTPUT_DIR": str(tmp_path)})
    spider = spidercls.from_crawler(crawler)
    crawler.spider = spider
    crawler.stats.open_spider()
    rejected: list[dict[str, Any]] = []
    crawler.signals.connect(lambda **kw: rejected.append(kw), signal=article_rejected, weak=False)
    return spider, rejected


def _response(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(url, body=body, request=Request(url, meta={"tracker_article": True}))
