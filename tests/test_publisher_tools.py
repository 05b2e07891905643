"""The tools around publisher spiders: the generic ``article`` spider, ``scrapy crawlall``,
``scrapy fixture`` and the ``publisher`` genspider template.

Crawls run offline: every request is answered from a cassette built in the test from real
fixture pages (tests/fixtures/<spider>/), or from the real NASA cassette.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from tools.fixtures import fixture_pages
from tracker.cassettes import make_interaction
from tracker.spiders.article import ArticleSpider
from tracker.spiders.base import META_ENTRY
from tracker.spiders.bbc import BbcSpider
from tracker.spiders.sources import Feed, NewsSitemap, Sitemap

ROOT = Path(__file__).resolve().parent.parent
SCRAPY = [sys.executable, "-m", "scrapy"]
BBC_PAGE = fixture_pages(spider="bbc")[0]
NASA_CASSETTE = ROOT / "tests" / "cassettes" / "nasa.json"


def run_scrapy(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SCRAPY, *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=240,
    )


def write_cassette(path: Path, pages: list[tuple[str, bytes]]) -> Path:
    """A betamax cassette answering each URL with its HTML page."""
    interactions = [
        make_interaction(
            method="GET",
            uri=url,
            status=200,
            headers={"Content-Type": ["text/html; charset=utf-8"]},
            body=body,
            recorded_at=datetime(2026, 4, 25, tzinfo=UTC),
        )
        for url, body in pages
    ]
    path.write_text(json.dumps({"http_interactions": interactions, "recorded_with": "test"}))
    return path


def article_spider(**kwargs: str) -> ArticleSpider:
    settings = {"TWISTED_REACTOR_ENABLED": False, "SPIDER_MODULES": ["tracker.spiders"]}
    crawler = get_crawler(ArticleSpider, settings)
    spider = ArticleSpider.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    return spider


# --- the generic spider --------------------------------------------------------------------------


def test_article_spider_sources_from_arguments() -> None:
    spider = article_spider(
        feed="https://example.com/rss.xml",
        sitemap="https://example.com/sitemap.xml",
        news_sitemap="https://example.com/news.xml",
    )
    assert spider.sources == [
        Feed("https://example.com/rss.xml"),
        Sitemap("https://example.com/sitemap.xml"),
        NewsSitemap("https://example.com/news.xml"),
    ]
    with pytest.raises(ValueError, match="not an http"):
        article_spider(feed="ftp://example.com/rss.xml")


def test_article_spider_finds_dedicated_spider_by_host() -> None:
    spider = article_spider(urls="https://example.com/a")
    assert spider.dedicated_spider("https://www.bbc.com/news/articles/x") is BbcSpider
    assert spider.dedicated_spider("https://feeds.bbci.co.uk/news/rss.xml") is BbcSpider
    assert spider.dedicated_spider("https://example.com/news/1") is None
    # A look-alike host is not the publisher's.
    assert spider.dedicated_spider("https://notbbc.com/news/1") is None


def test_article_spider_rules_generic_ignores_dedicated_spiders() -> None:
    spider = article_spider(urls="https://example.com/a", rules="generic")
    assert spider.dedicated_spider("https://www.bbc.com/news/articles/x") is None
    with pytest.raises(ValueError, match="-a rules: expected auto or generic"):
        article_spider(urls="https://example.com/a", rules="bbc")


def test_article_spider_uses_the_dedicated_spiders_rules() -> None:
    spider = article_spider(urls=BBC_PAGE.url)
    response = HtmlResponse(BBC_PAGE.url, body=BBC_PAGE.html(), request=Request(BBC_PAGE.url))
    [item] = list(spider.parse_article_in_process(response))
    assert item.publisher == "BBC News"
    assert item.provenance["rules"] == "bbc"
    # BBC's topics come from its "tags" selector; JSON-LD has none.
    assert item.provenance["tags"] == "selector"
    assert set(item.tags) == set(BBC_PAGE.expected["tags"])
    assert item.spider == "article"


def test_article_spider_without_a_dedicated_spider_uses_generic_rules() -> None:
    url = "https://news.example.org/2026/04/25/nato"
    spider = article_spider(urls=url)
    entry = {"url": url, "title": "From the feed", "authors": ["Feed Author"]}
    request = Request(url, meta={META_ENTRY: entry})
    response = HtmlResponse(url, body=BBC_PAGE.html(), request=request)
    [item] = list(spider.parse_article_in_process(response))
    assert "rules" not in item.provenance
    assert item.title == BBC_PAGE.expected["title"]  # JSON-LD, not the feed's title
    assert item.provenance.get("tags") != "selector"
    assert item.publisher  # the page's site name, or the host


def test_crawl_article_offline_with_bbc_rules(tmp_path: Path) -> None:
    cassette = write_cassette(tmp_path / "bbc.json", [(BBC_PAGE.url, BBC_PAGE.html())])
    out = tmp_path / "items.jsonl"
    result = run_scrapy(
        "crawl", "article", "-a", f"urls={BBC_PAGE.url}",
        "-s", f"TRACKER_REPLAY={cassette}", "-s", f"TRACKER_OUTPUT_DIR={tmp_path / 'output'}",
        "-s", "ROBOTSTXT_OBEY=False", "-O", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    [item] = [json.loads(line) for line in out.read_text().splitlines()]
    assert item["publisher"] == "BBC News"
    assert item["title"] == BBC_PAGE.expected["title"]
    assert item["provenance"]["rules"] == "bbc"
    assert list((tmp_path / "output").rglob("*.md"))


def test_crawl_article_without_arguments_says_what_to_do(tmp_path: Path) -> None:
    # A usage error since issue 13: a crawl with nothing to crawl cannot do its job.
    result = run_scrapy("crawl", "article", "-s", f"TRACKER_OUTPUT_DIR={tmp_path}")
    assert result.returncode == 2
    assert "needs -a urls=URL" in result.stderr
    assert "Traceback" not in result.stderr


# --- crawlall ------------------------------------------------------------------------------------


def test_crawlall_lists_every_publisher_spider() -> None:
    result = run_scrapy("crawlall", "--list", "--nolog")
    assert result.returncode == 0, result.stderr
    names = result.stdout.split()
    assert "article" not in names
    assert {"bbc", "guardian", "nasa", "timesofindia"} <= set(names)
    assert len(names) >= 30
    assert names == sorted(names)


def test_crawlall_rejects_unknown_names() -> None:
    result = run_scrapy("crawlall", "--only", "bbc,nosuchspider", "--nolog")
    assert result.returncode == 2
    assert "nosuchspider" in result.stderr


def test_crawlall_runs_several_spiders_in_one_process(tmp_path: Path) -> None:
    """nasa answers from the real NASA cassette; bbc's sources are not in it, so bbc finds
    nothing, logs the missing requests and still finishes."""
    feeds = tmp_path / "feeds"
    result = run_scrapy(
        "crawlall", "--only", "nasa,bbc", "-a", "limit=2",
        "-s", f"TRACKER_REPLAY={NASA_CASSETTE}", "-s", f"TRACKER_OUTPUT_DIR={tmp_path / 'output'}",
        "-o", f"{feeds}/%(name)s.jsonl",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "crawlall: starting 2 spiders: bbc, nasa" in result.stderr
    assert result.stderr.count("Spider closed (finished)") == 2
    nasa_items = (feeds / "nasa.jsonl").read_text().splitlines()
    assert 1 <= len(nasa_items) <= 2
    assert all(json.loads(line)["spider"] == "nasa" for line in nasa_items)
    assert not (feeds / "bbc.jsonl").exists() or not (feeds / "bbc.jsonl").read_text().strip()


# --- scrapy fixture ------------------------------------------------------------------------------


def test_fixture_command_from_a_saved_page(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(BBC_PAGE.html())
    result = run_scrapy(
        "fixture", "bbc", str(page), "--url", BBC_PAGE.url, "--name", "nato",
        "--dir", str(tmp_path / "fixtures"), "--nolog",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    html = tmp_path / "fixtures" / "bbc" / "nato.html.gz"
    assert gzip.decompress(html.read_bytes()) == BBC_PAGE.html()
    draft = json.loads((tmp_path / "fixtures" / "bbc" / "nato.json").read_text())
    assert draft["reviewed"] is False
    assert draft["url"] == BBC_PAGE.url
    assert draft["title"] == BBC_PAGE.expected["title"]
    assert draft["authors"] == BBC_PAGE.expected["authors"]
    assert draft["body"].startswith(BBC_PAGE.expected["body"][:60])
    # A second run keeps the reviewed file unless told otherwise.
    again = run_scrapy(
        "fixture", "bbc", str(page), "--url", BBC_PAGE.url, "--name", "nato",
        "--dir", str(tmp_path / "fixtures"), "--nolog",
    )  # fmt: skip
    assert "skipped" in again.stdout


def test_fixture_command_from_a_cassette(tmp_path: Path) -> None:
    result = run_scrapy("fixture", "nasa", str(NASA_CASSETTE), "--dir", str(tmp_path), "--nolog")
    assert result.returncode == 0, result.stderr
    drafts = sorted((tmp_path / "nasa").glob("*.json"))
    # Only the article pages the spider accepts, not the feed.
    assert len(drafts) >= 6
    expected = {p.name: p.expected for p in fixture_pages(spider="nasa")}
    checked = 0
    for draft_path in drafts:
        draft = json.loads(draft_path.read_text())
        assert draft["url"].startswith("https://www.nasa.gov/")
        if draft_path.stem in expected:
            assert draft["title"] == expected[draft_path.stem]["title"]
            checked += 1
    assert checked >= 1


def test_fixture_command_needs_url_for_a_page(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(b"<html></html>")
    result = run_scrapy("fixture", "bbc", str(page), "--nolog")
    assert result.returncode == 2
    assert "--url" in result.stderr


# --- genspider template --------------------------------------------------------------------------


def test_genspider_publisher_template(tmp_path: Path) -> None:
    """`scrapy genspider -t publisher` renders a spider that imports and declares itself."""
    listed = run_scrapy("genspider", "--list", "--nolog")
    assert "publisher" in listed.stdout
    # Render into a scratch folder (NEWSPIDER_MODULE unset) so the project is not touched.
    result = run_scrapy(
        "genspider", "-t", "publisher", "examplenews", "www.example.com", "--nolog",
        "-s", f"TEMPLATES_DIR={ROOT / 'tracker' / 'templates'}", "-s", "NEWSPIDER_MODULE=",
        cwd=tmp_path,
        env={"SCRAPY_SETTINGS_MODULE": "tracker.settings", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    source = (tmp_path / "examplenews.py").read_text()
    namespace: dict[str, object] = {}
    exec(compile(source, "examplenews.py", "exec"), namespace)
    cls = namespace["ExamplenewsSpider"]
    assert cls.name == "examplenews"  # type: ignore[attr-defined]
    assert cls.allowed_domains == ["www.example.com"]  # type: ignore[attr-defined]
    assert [s.url for s in cls.sources] == [  # type: ignore[attr-defined]
        "https://www.example.com/feed",
        "https://www.example.com/news-sitemap.xml",
    ]


# --- fixture expectations ------------------------------------------------------------------------


def test_expected_fields_reads_a_fundus_ground_truth_wrapper() -> None:
    """A fundus test file dropped in as a fixture's JSON (hand-made minimal example)."""
    from tools.fixtures import expected_fields

    wrapper = {
        "url": "https://example.com/a",
        "crawl_date": "2024-09-03 10:00:00.123456",
        "source_file": "tests/resources/parser/test_data/us/Example.html.gz",
        "expected": {
            "title": "T",
            "authors": ["A B"],
            "publishing_date": "2024-09-03 04:03:19+00:00",
            "topics": ["x"],
            "body": {
                "summary": ["Lead."],
                "sections": [
                    {"headline": [], "paragraphs": ["One.", "Two."]},
                    {"headline": ["Sub"], "paragraphs": ["Three."]},
                ],
            },
        },
    }
    assert expected_fields(wrapper) == {
        "url": "https://example.com/a",
        "source": "tests/resources/parser/test_data/us/Example.html.gz",
        "captured": "2024-09-03T10:00:00+00:00",
        "title": "T",
        "authors": ["A B"],
        "published": "2024-09-03T04:03:19+00:00",
        "tags": ["x"],
        "body": "Lead.\n\nOne.\n\nTwo.\n\nSub\n\nThree.",
    }
    ours = {"url": "https://example.com/a", "title": "T"}
    assert expected_fields(ours) is ours
