"""The item pipelines, one by one and chained, on the real NASA feed (tests/fixtures/feeds) and on
hand-made hostile items; the rejects log and the seen-URL filter.

Components are built with scrapy.utils.test.get_crawler, as Scrapy builds them, and run without
an engine: ``run_chain`` passes items through the pipelines in ITEM_PIPELINES order and sends the
item_scraped / item_dropped signals the engine would send.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
import time_machine
from itemadapter import ItemAdapter
from markdownify import markdownify
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, IgnoreRequest
from scrapy.utils.test import get_crawler

from tests.test_markdown_output import assert_safe_markdown
from tracker import settings as project_settings
from tracker.downloader.seen import SeenUrlFilterMiddleware
from tracker.export.rejects import DuplicateItem, RejectItem, RejectsLog
from tracker.items import ArticleItem, PublisherHints
from tracker.pipelines import (
    CategorisePipeline,
    DedupePipeline,
    MarkdownExportPipeline,
    NormalisePipeline,
    SummarisePipeline,
    ValidatePipeline,
)
from tracker.processing.stories import article_id
from tracker.signals import article_rejected
from tracker.state import SQLiteStateStore, close_store, store_for
from tracker.story_pipelines import RevisitPipeline, StoryFilesPipeline, StoryPipeline

FEED = Path(__file__).parent / "fixtures" / "feeds" / "www.nasa.gov_feed_2024-03-14.xml.gz"
CHAIN = [
    NormalisePipeline,
    ValidatePipeline,
    RevisitPipeline,
    DedupePipeline,
    CategorisePipeline,
    SummarisePipeline,
    StoryPipeline,
    MarkdownExportPipeline,
    StoryFilesPipeline,
]


class NasaLikeSpider(Spider):
    name = "nasa"


class GeneralSpider(Spider):
    name = "general"


# NASA's declaration as the items carry it (a single-beat outlet), and no declaration at all.
NASA_HINTS = PublisherHints(default_category="Science")
NO_HINTS = PublisherHints()


def nasa_items() -> list[ArticleItem]:
    """One raw item per entry of the real NASA feed, as a spider fills it from the feed layer:
    raw RFC 822 date, dc:creator, categories as tags, content:encoded as Markdown."""
    feed = feedparser.parse(gzip.decompress(FEED.read_bytes()))
    items = []
    for entry in feed.entries:
        items.append(
            ArticleItem(
                url=entry.link,
                fetched_url=entry.link,
                title=entry.title,
                publisher="NASA",
                spider="nasa",
                tags=[t.term for t in entry.get("tags", [])],
                authors=[entry.author] if entry.get("author") else [],
                published=entry.published,
                language=feed.feed.get("language"),
                description=entry.get("summary"),
                body=markdownify(entry.content[0].value, heading_style="ATX"),
                provenance={"title": "feed", "body": "feed"},
                hints=NASA_HINTS,
            )
        )
    return items


def make_crawler(
    tmp_path: Path, spidercls: type[Spider] = NasaLikeSpider, **settings: Any
) -> Crawler:
    crawler = get_crawler(
        spidercls,
        {
            "TRACKER_OUTPUT_DIR": str(tmp_path / "out"),
            "EXTENSIONS": {"tracker.state.StateStoreExtension": 50},
            **settings,
        },
    )
    crawler.spider = spidercls.from_crawler(crawler)
    return crawler


@pytest.fixture
def crawler(tmp_path: Path) -> Iterator[Crawler]:
    built = make_crawler(tmp_path)
    yield built
    close_store(built)


def run_chain(crawler: Crawler, items: Iterable[Any]) -> tuple[list[Any], list[DropItem]]:
    """Items through the pipelines as the engine runs them; returns (passed, drop exceptions)."""
    pipes = [cls.from_crawler(crawler) for cls in CHAIN]
    for pipe in pipes:
        if hasattr(pipe, "open_spider"):
            pipe.open_spider()
    passed: list[Any] = []
    dropped: list[DropItem] = []
    for item in items:
        try:
            for pipe in pipes:
                item = pipe.process_item(item)
        except DropItem as exc:
            dropped.append(exc)
            crawler.signals.send_catch_log(
                signals.item_dropped, item=item, exception=exc, response=None, spider=crawler.spider
            )
            continue
        passed.append(item)
        crawler.signals.send_catch_log(
            signals.item_scraped, item=item, response=None, spider=crawler.spider
        )
    for pipe in pipes:
        if hasattr(pipe, "close_spider"):
            pipe.close_spider()
    return passed, dropped


def stats(crawler: Crawler) -> dict[str, Any]:
    assert crawler.stats is not None
    return {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("tracker/")}


def normalised(crawler: Crawler, item: ArticleItem) -> ArticleItem:
    result: ArticleItem = NormalisePipeline.from_crawler(crawler).process_item(item)
    return result


# --- settings contract ---------------------------------------------------------------------------


def test_settings_name_these_pipelines_in_this_order() -> None:
    order = sorted(project_settings.ITEM_PIPELINES.items(), key=lambda kv: kv[1])
    assert [path for path, _ in order] == [f"{c.__module__}.{c.__name__}" for c in CHAIN]


# --- normalise -----------------------------------------------------------------------------------


def test_normalise_a_real_feed_item(crawler: Crawler) -> None:
    item = normalised(crawler, nasa_items()[0])
    assert item.title == "Icing Cloud Characterization Engineer Emily Timko"
    assert item.published == "2024-03-14T14:27:52+00:00"
    assert item.authors == ["Tahira S. Allen"]
    assert item.language == "en-US"
    assert item.url == (
        "https://www.nasa.gov/image-article/icing-cloud-characterization-engineer-emily-timko/"
    )
    assert item.text and "](" not in item.text and "![" not in item.text
    assert "heartbreak of thinking" in item.text
    assert item.word_count == len(item.text.split()) > 100
    assert item.content_hash and re.fullmatch(r"[0-9a-f]{64}", item.content_hash)
    assert item.scraped_at and re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", item.scraped_at
    )
    assert "published_tz" not in item.provenance  # the feed gave a zone


def test_normalise_messy_raw_values(crawler: Crawler) -> None:
    # Hand-made: the kinds of raw values extraction hands over.
    item = ArticleItem(
        url="https://www.nasa.gov/missions/x/?utm_source=rss&utm_medium=feed#main",
        fetched_url="https://www.nasa.gov/missions/x/?utm_source=rss",
        title="  Cafe\u0301  on\nthe   Moon ",
        publisher="NASA",
        authors=["By JANE DOE, Senior Editor", "jane doe", "NASA", "press@nasa.gov"],
        tags="Moon, Artemis, moon",  # type: ignore[arg-type]
        published="Feb 12, 2024",
        modified="not a date",
        language="EN_us",
        image="/wp-content/uploads/a.jpg",
        body="Para one.\r\n\r\n\r\n\r\nPara   two\x00.",
    )
    out = normalised(crawler, item)
    assert out.url == "https://www.nasa.gov/missions/x/"
    assert out.title == "Café on the Moon"
    assert out.authors == ["Jane Doe"]
    assert out.tags == ["Moon", "Artemis"]
    # A date without a time stays a date: no midnight and no zone are invented for it.
    assert out.published == "2024-02-12"
    assert "published_tz" not in out.provenance
    assert out.modified is None
    assert out.language == "en-US"
    assert out.image == "https://www.nasa.gov/wp-content/uploads/a.jpg"
    assert out.body == "Para one.\n\nPara   two."
    assert out.text == "Para one.\n\nPara two."
    s = stats(crawler)
    assert "tracker/normalise/published/assumed_utc" not in s
    assert s["tracker/normalise/modified/unparsed"] == 1


def test_dates_without_zone_take_the_publishers_timezone(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path, GeneralSpider)
    item = ArticleItem(
        url="https://x.in/a",
        title="T",
        body="B",
        published="2024-03-14 10:00",
        hints=PublisherHints(timezone="Asia/Kolkata"),
    )
    out = normalised(crawler, item)
    assert out.published == "2024-03-14T10:00:00+05:30"
    assert out.provenance["published_tz"] == "assumed Asia/Kolkata"
    assert stats(crawler)["tracker/normalise/published/assumed_spider_tz"] == 1
    close_store(crawler)


def test_a_canonical_link_to_another_host_is_not_trusted(crawler: Crawler) -> None:
    item = ArticleItem(
        url="https://spam.example.com/stolen",
        fetched_url="https://www.nasa.gov/a/?utm_campaign=x",
        title="T",
        body="B",
        image="javascript:alert(1)",
    )
    out = normalised(crawler, item)
    assert out.url == "https://www.nasa.gov/a/"
    assert out.provenance["url"] == "fetched"
    assert out.image is None
    assert stats(crawler)["tracker/normalise/url/canonical_other_host"] == 1


def test_a_canonical_link_to_the_home_page_is_not_trusted(crawler: Crawler) -> None:
    item = ArticleItem(
        url="https://www.nasa.gov/", fetched_url="https://www.nasa.gov/a/", title="T", body="B"
    )
    out = normalised(crawler, item)
    assert out.url == "https://www.nasa.gov/a/"
    assert stats(crawler)["tracker/normalise/url/canonical_is_home"] == 1


@pytest.mark.parametrize(
    ("canonical", "fetched", "trusted"),
    [
        ("https://www.nasa.gov/news/", "https://www.nasa.gov/news/2024/a-story/", False),
        ("https://www.nasa.gov/image-article/", "https://www.nasa.gov/image-article/a/", False),
        ("https://www.nasa.gov/a-story/", "https://www.nasa.gov/a-story/amp/", True),
        ("https://www.nasa.gov/a-story/", "https://www.nasa.gov/a-story/page/2/", True),
        ("https://www.nasa.gov/a-story/", "https://www.nasa.gov/old/a-story.html", True),
    ],
)
def test_a_canonical_link_to_the_section_above_is_not_trusted(
    crawler: Crawler, canonical: str, fetched: str, trusted: bool
) -> None:
    # Issue 13, case 3: a section page as canonical would merge every article of the section.
    item = ArticleItem(url=canonical, fetched_url=fetched, title="T", body="B")
    out = normalised(crawler, item)
    assert out.url == (canonical if trusted else fetched)
    assert ("tracker/normalise/url/canonical_is_section" in stats(crawler)) is not trusted


def test_a_canonical_shared_by_different_texts_is_not_a_duplicate(crawler: Crawler) -> None:
    # Issue 13, case 3: two real NASA articles whose pages name one canonical URL. The first is
    # written under it; the second, with other text, under its own URL: both written.
    first, second = nasa_items()[4], nasa_items()[5]
    shared = "https://www.nasa.gov/image-article/shared/"
    fetched = second.fetched_url
    first.url = second.url = shared
    passed, dropped = run_chain(crawler, [first, second])
    assert len(passed) == 2 and not dropped
    assert passed[0].url == shared and passed[1].url == fetched
    assert passed[1].provenance["url"] == "fetched (canonical shared)"
    assert stats(crawler)["tracker/normalise/url/canonical_shared"] == 1
    # The same text under the shared canonical is still a duplicate.
    again = nasa_items()[4]
    again.url, again.fetched_url = shared, "https://www.nasa.gov/image-article/shared/?amp=1"
    passed, dropped = run_chain(crawler, [again])
    assert not passed and isinstance(dropped[0], DuplicateItem)


def test_an_article_from_its_feed_entry_has_no_fetched_url(crawler: Crawler) -> None:
    item = ArticleItem(url="https://www.nasa.gov/a/", fetched_url=None, title="T", body="B")
    assert normalised(crawler, item).url == "https://www.nasa.gov/a/"


# --- validate and the rejects log ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": "   "}, "no_title"),
        ({"title": None}, "no_title"),
        ({"body": ""}, "no_body"),
        ({"body": "  \n\n "}, "no_body"),
        ({"body": "Please enable JavaScript."}, "not_article"),
        ({"url": "javascript:alert(1)", "fetched_url": None}, "no_url"),
    ],
)
def test_validate_rejects_with_a_reason(
    crawler: Crawler, changes: dict[str, Any], reason: str
) -> None:
    item = nasa_items()[1]
    for key, value in changes.items():
        setattr(item, key, value)
    item = normalised(crawler, item)
    with pytest.raises(RejectItem) as info:
        ValidatePipeline.from_crawler(crawler).process_item(item)
    assert info.value.reason == reason
    assert info.value.detail


def test_the_rejects_log_records_rejects_and_failed_fetches(
    crawler: Crawler, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log = RejectsLog.from_crawler(crawler)
    item = normalised(
        crawler, ArticleItem(url="https://www.nasa.gov/empty/", title="Empty", spider="nasa")
    )
    with caplog.at_level(logging.WARNING, logger="tracker.export.rejects"):
        run_chain(crawler, [item])
        crawler.signals.send_catch_log(
            article_rejected,
            url="https://www.nasa.gov/gone/",
            reason="http_503",
            detail="the server answered HTTP 503",
            spider=crawler.spider,
        )
        # A duplicate is not a reject.
        crawler.signals.send_catch_log(
            signals.item_dropped,
            item=item,
            exception=DuplicateItem("url"),
            response=None,
            spider=crawler.spider,
        )
    log.close()
    lines = (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["url"], r["reason"], r["spider"]) for r in records] == [
        ("https://www.nasa.gov/empty/", "no_body", "nasa"),
        ("https://www.nasa.gov/gone/", "http_503", "nasa"),
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", r["at"]) for r in records)
    assert records[1]["detail"] == "the server answered HTTP 503"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("https://www.nasa.gov/gone/" in m and "http_503" in m for m in warnings)
    assert stats(crawler)["tracker/rejected/no_body"] == 1
    assert stats(crawler)["tracker/rejected/http_503"] == 1


def test_other_drops_and_pipeline_errors_are_listed_too(crawler: Crawler, tmp_path: Path) -> None:
    from twisted.python.failure import Failure

    log = RejectsLog.from_crawler(crawler)
    item = ArticleItem(url="https://www.nasa.gov/a/", spider="nasa")
    crawler.signals.send_catch_log(
        signals.item_dropped,
        item=item,
        exception=DropItem("a teammate's pipeline said no"),
        response=None,
        spider=crawler.spider,
    )
    try:
        raise KeyError("summary")
    except KeyError:
        failure = Failure()
    crawler.signals.send_catch_log(
        signals.item_error, item=item, failure=failure, response=None, spider=crawler.spider
    )
    log.close()
    records = [json.loads(x) for x in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert [(r["reason"], r["detail"]) for r in records] == [
        ("dropped", "a teammate's pipeline said no"),
        ("pipeline_error", "KeyError: 'summary'"),
    ]


def test_a_reject_with_hostile_detail_stays_one_json_line(crawler: Crawler, tmp_path: Path) -> None:
    log = RejectsLog.from_crawler(crawler)
    log.record("https://x.org/\n\x00", "Weird Reason!\n", "line one\nline two\x00", None)
    log.close()
    (line,) = (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()
    record = json.loads(line)
    assert record["reason"] == "weird_reason"
    assert "\n" not in record["detail"]


# --- dedupe --------------------------------------------------------------------------------------


def test_a_second_run_writes_nothing_and_rewrites_nothing(tmp_path: Path) -> None:
    first = make_crawler(tmp_path)
    passed, dropped = run_chain(first, nasa_items())
    close_store(first)
    assert len(passed) == 10 and not dropped
    files = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.md")}
    # Articles, one index for each of the two days' category, one stories.md for each day.
    assert len(files) == 10 + 2 + 2

    second = make_crawler(tmp_path)
    passed, dropped = run_chain(second, nasa_items())
    close_store(second)
    assert not passed
    assert all(isinstance(d, DuplicateItem) and d.kind == "url" for d in dropped)
    assert stats(second)["tracker/duplicates/url"] == 10
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.md")} == files


def test_the_same_text_under_another_url_is_a_duplicate(crawler: Crawler) -> None:
    original = nasa_items()[4]
    copy = nasa_items()[4]
    copy.url = copy.fetched_url = "https://www.nasa.gov/image-article/apollo-9-copy/"
    copy.body = (copy.body or "").replace("\n\n", "\n\n\n")  # other markup, same text
    passed, dropped = run_chain(crawler, [original, copy])
    assert len(passed) == 1
    assert isinstance(dropped[0], DuplicateItem) and dropped[0].kind == "hash"
    assert stats(crawler)["tracker/duplicates/hash"] == 1


def test_a_claim_is_released_when_a_later_pipeline_drops_the_item(
    crawler: Crawler, tmp_path: Path
) -> None:
    dedupe = DedupePipeline.from_crawler(crawler)
    item = normalised(crawler, nasa_items()[2])
    dedupe.process_item(item)
    other = SQLiteStateStore(tmp_path / "out" / "state.sqlite3")
    try:
        assert item.content_hash
        assert not other.claim(item.content_hash, "u")  # held by this crawl
        crawler.signals.send_catch_log(
            signals.item_dropped,
            item=item,
            exception=RejectItem("write_failed"),
            response=None,
            spider=crawler.spider,
        )
        assert other.claim(item.content_hash, "u")  # released
    finally:
        other.close()


# --- categorise ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hints", "fields", "expected"),
    [
        (NASA_HINTS, {"section": "Business"}, ("Science", "spider")),
        (NASA_HINTS, {"category": "Health"}, ("Health", "item")),
        (NO_HINTS, {"section": "Science & Environment"}, ("Science", "section")),
        (
            NO_HINTS,
            {"url": "https://www.bbc.co.uk/sport/football/68123456"},
            ("Sports", "url"),
        ),
        (
            NO_HINTS,
            {"url": "https://timesofindia.indiatimes.com/india/delhi-rains/articleshow/1.cms"},
            ("India", "url"),
        ),
        # The slug's words ("climate") describe the story, not the desk.
        (NO_HINTS, {"url": "https://x.org/news/climate-talks-stall"}, ("General", "fallback")),
        (NO_HINTS, {"tags": ["Climate", "Health", "Climate change"]}, ("Environment", "tags")),
        (NO_HINTS, {"tags": ["Apollo 9", "Former Astronauts"]}, ("General", "fallback")),
    ],
)
def test_categorise_precedence(
    tmp_path: Path, hints: PublisherHints, fields: dict[str, Any], expected: tuple[str, str]
) -> None:
    crawler = make_crawler(tmp_path, GeneralSpider)
    item = ArticleItem(url=fields.pop("url", "https://x.org/a"), hints=hints, **fields)
    out = CategorisePipeline.from_crawler(crawler).process_item(item)
    assert (out.category, out.provenance["category"]) == expected


def test_category_rules_from_settings_merge_over_the_built_in_ones(tmp_path: Path) -> None:
    rules = {"Space": ["astrophysics", "hubble"], "Sports": []}
    crawler = make_crawler(tmp_path, GeneralSpider, TRACKER_CATEGORY_RULES=json.dumps(rules))
    pipe = CategorisePipeline.from_crawler(crawler)
    item = pipe.process_item(ArticleItem(url="https://x.org/a", tags=["Astrophysics Division"]))
    assert (item.category, item.provenance["category"]) == ("Space", "tags")
    item = pipe.process_item(ArticleItem(url="https://x.org/sport/b"))
    assert item.category == "General"  # Sports switched off


# --- summarise -----------------------------------------------------------------------------------


def test_textrank_summary_of_a_real_article(crawler: Crawler) -> None:
    item = normalised(crawler, nasa_items()[1])  # Hubble Tracks Jupiter's Stormy Weather
    out = SummarisePipeline.from_crawler(crawler).process_item(item)
    assert out.summary_method == "textrank"
    assert out.summary and 100 < len(out.summary) <= 1000
    sentences = re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", out.summary)
    assert 2 <= len(sentences) <= 4
    flat = " ".join((item.text or "").split())
    assert all(s in flat for s in sentences)  # extractive: every sentence is the article's


def test_a_short_text_gets_its_lead_sentences(crawler: Crawler) -> None:
    text = (
        "NASA astronauts splashed down off the coast on Monday morning. "
        "The crew spent six months aboard the space station. "
        "They will fly to Houston for medical checks."
    )
    item = normalised(crawler, ArticleItem(url="https://x.org/a", title="Home", body=text))
    out = SummarisePipeline.from_crawler(crawler).process_item(item)
    assert out.summary_method == "lead"
    assert out.summary == text


class FirstWordsSummariser:
    """A custom summariser for the TRACKER_SUMMARISER test."""

    def summarise(self, text: str, title: str | None) -> tuple[str, str]:
        return " ".join(text.split()[:3]) + ".", "first-words"


class BrokenSummariser:
    def summarise(self, text: str, title: str | None) -> tuple[str, str]:
        raise RuntimeError("model missing")


def test_the_summariser_is_pluggable(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path, TRACKER_SUMMARISER=f"{__name__}.FirstWordsSummariser")
    item = normalised(crawler, nasa_items()[4])
    out = SummarisePipeline.from_crawler(crawler).process_item(item)
    first_words = " ".join((item.text or "").split()[:3]) + "."
    assert (out.summary, out.summary_method) == (first_words, "first-words")


def test_a_failing_summariser_falls_back_to_the_lead(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path, TRACKER_SUMMARISER=f"{__name__}.BrokenSummariser")
    item = normalised(crawler, nasa_items()[4])
    out = SummarisePipeline.from_crawler(crawler).process_item(item)
    assert out.summary_method == "lead"
    assert out.summary and out.summary.startswith("Fifty-five years ago today")
    assert stats(crawler)["tracker/summarise/error"] == 1


def test_a_bad_summariser_setting_says_what_to_do(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path, TRACKER_SUMMARISER="no.such.Summariser")
    with pytest.raises(ValueError, match=r"TRACKER_SUMMARISER='no\.such\.Summariser'"):
        SummarisePipeline.from_crawler(crawler)


# --- export --------------------------------------------------------------------------------------


def test_export_writes_the_file_then_marks_it(crawler: Crawler, tmp_path: Path) -> None:
    (item,), _ = run_chain(crawler, [nasa_items()[4]])
    assert item.path == "2024-03-13/science/apollo-9-crew-comes-home-df44045e5c.md"
    text = (tmp_path / "out" / item.path).read_text()
    assert text.split("\n")[:8] == [
        "# Apollo 9 Crew Comes Home",
        "",
        "**Category:** Science",
        "**Source:** [https://www.nasa.gov/image-article/apollo-9-crew-comes-home/]"
        "(https://www.nasa.gov/image-article/apollo-9-crew-comes-home/)",
        "**Publisher:** NASA",
        "**Authors:** Monika Luabeya",
        "**Published:** 2024-03-13T18:45:27+00:00",
        f"**Scraped (UTC):** {item.scraped_at}",
    ]
    assert "## Summary\nFifty-five years ago today" in text
    store = store_for(crawler)
    assert store.has_url(item.url)
    assert item.content_hash and store.has_hash(item.content_hash)
    index = (tmp_path / "out" / "2024-03-13" / "science" / "index.md").read_text()
    assert "[Apollo 9 Crew Comes Home](apollo-9-crew-comes-home-df44045e5c.md) — NASA" in index
    assert stats(crawler)["tracker/export/written"] == 1


def test_a_failed_write_is_a_reject_and_marks_nothing(
    crawler: Crawler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracker.export.markdown as mo

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mo.os, "replace", full_disk)
    passed, dropped = run_chain(crawler, [nasa_items()[4]])
    assert not passed
    assert isinstance(dropped[0], RejectItem) and dropped[0].reason == "write_failed"
    store = store_for(crawler)
    assert not store.has_url("https://www.nasa.gov/image-article/apollo-9-crew-comes-home/")
    leftovers = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    kept = ("state.sqlite3", "state.sqlite3-wal", "state.sqlite3-shm", ".tracker.lock")
    assert all(p.name in (*kept, "state.sqlite3.stories.lock") for p in leftovers)
    # The story index forgets an article whose file could not be written.
    assert store_for(crawler).story_entry(article_id(nasa_items()[4].url or "")) is None
    # The claim was released: the next crawl can write the article.
    monkeypatch.undo()
    passed, _ = run_chain(crawler, [nasa_items()[4]])
    assert len(passed) == 1


def test_an_index_that_cannot_be_written_takes_the_new_file_back(
    crawler: Crawler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 13, case 10: a file on disk is listed in its index, or it is not on disk at all.
    import tracker.pipelines as pipelines_module

    def full_disk(*args: Any, **kwargs: Any) -> bool:
        raise OSError(28, "No space left on device")

    # Both ways an index is written: a line appended (the usual case) or a rebuild.
    monkeypatch.setattr(pipelines_module, "rebuild_index", full_disk)
    monkeypatch.setattr(pipelines_module.IncrementalIndexes, "update", full_disk)
    passed, dropped = run_chain(crawler, [nasa_items()[4]])
    assert not passed
    assert isinstance(dropped[0], RejectItem) and dropped[0].reason == "write_failed"
    assert "index.md could not be updated" in dropped[0].detail
    assert not [p for p in (tmp_path / "out").rglob("*.md")]
    assert stats(crawler)["tracker/disk_full"] == 1


def test_a_store_that_cannot_mark_does_not_make_a_written_file_a_reject(
    crawler: Crawler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 13, case 10: the file and its index line are on disk: the article is written; the
    # next crawl writes it again to the same path and marks it then.
    import sqlite3

    def full(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SQLiteStateStore, "mark_written", full)
    passed, dropped = run_chain(crawler, [nasa_items()[4]])
    assert len(passed) == 1 and not dropped
    written = [
        p for p in (tmp_path / "out").rglob("*.md") if p.name not in ("index.md", "stories.md")
    ]
    assert len(written) == 1
    assert written[0].name in (written[0].parent / "index.md").read_text()
    assert stats(crawler)["tracker/export/unmarked"] == 1


def test_a_full_state_store_is_a_write_failed_reject(
    crawler: Crawler, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    def full(*args: Any, **kwargs: Any) -> bool:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SQLiteStateStore, "claim", full)
    passed, dropped = run_chain(crawler, [nasa_items()[4]])
    assert not passed
    assert isinstance(dropped[0], RejectItem) and dropped[0].reason == "write_failed"
    assert dropped[0].detail == "the state store could not be written: database or disk is full"


@time_machine.travel("2026-02-03T02:09:15+00:00", tick=False)
def test_an_article_without_a_date_goes_under_the_scrape_date(crawler: Crawler) -> None:
    item = nasa_items()[4]
    item.published = None
    (out,), _ = run_chain(crawler, [item])
    assert out.scraped_at == "2026-02-03T02:09:15+00:00"
    assert out.path.startswith("2026-02-03/science/")


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "nul\x00byte",
        "x" * 5000,
        "# x\n[y](javascript:alert(1))",
        "<script>alert(1)</script>",
    ],
)
def test_hostile_items_give_safe_files_inside_the_output_folder(tmp_path: Path, title: str) -> None:
    # Hand-made hostile values on a real article body.
    crawler = make_crawler(tmp_path, GeneralSpider)
    item = nasa_items()[4]
    item.title = title
    item.authors = [title]
    item.section = "../../../tmp"
    item.image = "javascript:alert(1)"
    item.body = (
        item.body or ""
    ) + "\n\n[click](javascript:alert(1)) ![x](data:image/png;base64,AA)"
    (out,), _ = run_chain(crawler, [item])
    close_store(crawler)
    root = (tmp_path / "out").resolve()
    target = (root / out.path).resolve()
    assert root in target.parents and target.exists()
    assert len(target.name.encode()) <= 255
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(root in p.resolve().parents for p in written)
    text = target.read_text()
    assert "\x00" not in text
    assert "data:image" not in text
    assert_safe_markdown(text)
    assert_safe_markdown((target.parent / "index.md").read_text())


# --- the seen-URL filter -------------------------------------------------------------------------


def test_seen_article_urls_are_not_fetched_again(crawler: Crawler) -> None:
    store = store_for(crawler)
    store.mark_written("f" * 64, ["https://www.nasa.gov/a/"], "a.md")
    mw = SeenUrlFilterMiddleware.from_crawler(crawler)
    seen = Request("https://www.nasa.gov/a/?utm_source=rss", meta={"tracker_article": True})
    with pytest.raises(IgnoreRequest):
        mw.process_request(seen)
    assert seen.meta["tracker_skipped"] is True
    new = Request("https://www.nasa.gov/b/", meta={"tracker_article": True})
    assert mw.process_request(new) is None
    feed = Request("https://www.nasa.gov/a/")  # not an article request: never filtered
    assert mw.process_request(feed) is None
    assert stats(crawler)["tracker/skipped/seen_url"] == 1


def test_items_pass_through_as_dicts_too(crawler: Crawler) -> None:
    # itemadapter: a spider yielding plain dicts is handled the same way.
    raw = ItemAdapter(nasa_items()[4]).asdict()
    (out,), _ = run_chain(crawler, [raw])
    assert out["path"].endswith(".md") and out["category"] == "Science"


# --- two crawls on one output folder -------------------------------------------------------------

CONCURRENT_CRAWL = """
import json, sys
from pathlib import Path
from tests.test_pipelines import make_crawler, nasa_items, run_chain, stats
from tracker.state import close_store
crawler = make_crawler(Path(sys.argv[1]))
passed, dropped = run_chain(crawler, nasa_items() + nasa_items())
close_store(crawler)
print(json.dumps({"written": len(passed), "stats": stats(crawler)}))
"""


@pytest.mark.slow
def test_two_crawls_at_once_write_each_article_exactly_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT_CRAWL, str(tmp_path)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(r["written"] for r in results) == 10
    assert sum(r["stats"].get("tracker/duplicates", 0) for r in results) == 30
    out = tmp_path / "out"
    articles = [p for p in out.rglob("*.md") if p.name not in ("index.md", "stories.md")]
    assert len(articles) == 10
    listed = [
        line
        for index in out.rglob("index.md")
        for line in index.read_text().splitlines()
        if line.startswith("- [")
    ]
    assert len(listed) == 10
    assert not [p for p in out.rglob(".*.tmp")]
    check = SQLiteStateStore(out / "state.sqlite3")
    try:
        assert check.counts()["articles"] == 10 and check.counts()["claims"] == 0
    finally:
        check.close()


# --- a crawl killed with SIGKILL, then run again --------------------------------------------------

KILLED_CRAWL = """
import os, signal, sys
from pathlib import Path
import tracker.files as files
from tracker.state import SQLiteStateStore
from tests.test_pipelines import make_crawler, nasa_items, run_chain

point, after = sys.argv[2], int(sys.argv[3])
calls = {"n": 0}

def die_on(original):
    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == after:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    return wrapper

if point == "replace":  # mid-write: the temp file is complete, the rename never happens
    files.os.replace = die_on(os.replace)
elif point == "mark":  # file and index written, the store not yet told
    SQLiteStateStore.mark_written = die_on(SQLiteStateStore.mark_written)
run_chain(make_crawler(Path(sys.argv[1])), nasa_items())
"""


@pytest.mark.slow
@pytest.mark.parametrize(("point", "after"), [("replace", 5), ("mark", 4), ("mark", 1)])
def test_a_killed_crawl_run_again_leaves_each_article_once(
    tmp_path: Path, point: str, after: int
) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_CRAWL, str(tmp_path), point, str(after)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert killed.returncode == -9, killed.stderr[-3000:]
    out = tmp_path / "out"
    if point == "replace":
        assert list(out.rglob(".*.tmp"))  # the kill did leave a temp file behind

    again = make_crawler(tmp_path)
    run_chain(again, nasa_items())
    close_store(again)

    articles = [p for p in out.rglob("*.md") if p.name not in ("index.md", "stories.md")]
    assert len(articles) == 10
    assert not list(out.rglob(".*.tmp"))
    listed = [
        line
        for index in out.rglob("index.md")
        for line in index.read_text().splitlines()
        if line.startswith("- [")
    ]
    assert len(listed) == 10
    check = SQLiteStateStore(out / "state.sqlite3")
    try:
        assert check.counts()["articles"] == 10 and check.counts()["claims"] == 0
    finally:
        check.close()


def test_items_of_a_response_need_few_workers_because_the_pipelines_are_synchronous() -> None:
    """Scrapy starts CONCURRENT_ITEMS asyncio tasks for every response's output (its default,
    100, cost a replayed 256-article crawl 0.25 CPU s in ~26,000 tasks): the project's value is
    small, which is only right while no pipeline of the project awaits anything."""
    import inspect

    from scrapy.utils.misc import load_object

    assert project_settings.CONCURRENT_ITEMS <= 8
    for path in project_settings.ITEM_PIPELINES:
        cls = load_object(path)
        for name in ("process_item", "process_item_async"):
            method = getattr(cls, name, None)
            assert method is None or not inspect.iscoroutinefunction(method), (path, name)
