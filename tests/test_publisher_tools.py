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
from tracker.request_meta import META_ENTRY
from tracker.spiders.article import ArticleSpider
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
    # As the data sheet in docs/adding-a-publisher.md: the domain covers www.
    assert cls.allowed_domains == ["example.com"]  # type: ignore[attr-defined]
    assert [s.url for s in cls.sources] == [  # type: ignore[attr-defined]
        "https://www.example.com/feed",
        "https://www.example.com/news-sitemap.xml",
    ]


def test_genspider_takes_the_publishers_name_language_and_feeds_from_a_saved_page(
    tmp_path: Path,
) -> None:
    page = tmp_path / "bbc.html"
    page.write_bytes(BBC_PAGE.html())
    result = run_scrapy(
        "genspider", "-t", "publisher", "bbcnews", "www.bbc.com", "--page", str(page), "--nolog",
        "-s", f"TEMPLATES_DIR={ROOT / 'tracker' / 'templates'}", "-s", "NEWSPIDER_MODULE=",
        cwd=tmp_path,
        env={"SCRAPY_SETTINGS_MODULE": "tracker.settings", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    namespace: dict[str, object] = {}
    exec(compile((tmp_path / "bbcnews.py").read_text(), "bbcnews.py", "exec"), namespace)
    cls = namespace["BbcnewsSpider"]
    assert cls.publisher == "BBC News"  # type: ignore[attr-defined]
    assert cls.allowed_domains == ["bbc.com"]  # type: ignore[attr-defined]
    assert cls.language == "en"  # type: ignore[attr-defined]


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


# --- scrapy fixture with ground truth from elsewhere ---------------------------------------------

BBC_EXPECTED = BBC_PAGE.expected
# BBC's ground truth as fundus keeps it: {"<parser version>": {...}}, the URL elsewhere. Built here
# from the fixture's reviewed values (title, authors, date, topics, body as one section).
FUNDUS_BLOCK = {
    "title": BBC_EXPECTED["title"],
    "authors": BBC_EXPECTED["authors"],
    "publishing_date": BBC_EXPECTED["published"].replace("T", " "),
    "topics": BBC_EXPECTED["tags"],
    "body": {"summary": [], "sections": [{"headline": [], "paragraphs": [BBC_EXPECTED["body"]]}]},
}


def make_fixture(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    page = tmp_path / "saved.html.gz"
    page.write_bytes(gzip.compress(BBC_PAGE.html()))
    fixtures = tmp_path / "fixtures"
    result = run_scrapy("fixture", "bbc", str(page), "--dir", str(fixtures), "--nolog", *args)
    return result, fixtures / "bbc"


def test_fixture_takes_fundus_ground_truth_as_fundus_keeps_it(tmp_path: Path) -> None:
    truth = tmp_path / "BBC.json"
    truth.write_text(json.dumps({"V1": {"title": "old layout"}, "V2": FUNDUS_BLOCK}))
    result, folder = make_fixture(tmp_path, "--expected", str(truth), "--url", BBC_PAGE.url)
    assert result.returncode == 0, result.stderr
    [written] = folder.glob("*.json")
    draft = json.loads(written.read_text())
    assert draft["url"] == BBC_PAGE.url and draft["reviewed"] is False
    assert (draft["title"], draft["authors"]) == (BBC_EXPECTED["title"], BBC_EXPECTED["authors"])
    assert draft["published"] == BBC_EXPECTED["published"]
    assert draft["tags"] == BBC_EXPECTED["tags"]
    assert draft["expected_from"].startswith("title, authors, published, tags, body: fundus")
    assert "drafted from the spider: image" in draft["expected_from"]
    assert draft["image"].startswith("https://ichef.bbci.co.uk/")  # drafted
    # No crawl date in fundus's own file: the page's newest own date (not the file's mtime).
    assert draft["captured"].startswith("2026-")
    # The fixture test reads it like any other fixture, and SOURCES.md names the page.
    from tools.fixtures import fixture_pages

    [page] = fixture_pages(tmp_path / "fixtures", spider="bbc")
    assert page.url == BBC_PAGE.url
    assert f"{written.stem}.html.gz" in (folder / "SOURCES.md").read_text()


def test_fixture_takes_the_corpus_wrapper_with_its_url_and_crawl_date(tmp_path: Path) -> None:
    wrapper = {
        "url": BBC_PAGE.url,
        "crawl_date": "2026-04-25 15:30:36.123456",
        "source_file": "tests/resources/parser/test_data/uk/BBC_2026_04_25.html.gz",
        "parser_version": "V2",
        "expected": FUNDUS_BLOCK,
    }
    truth = tmp_path / "BBC.expected.json"
    truth.write_text(json.dumps(wrapper))
    result, folder = make_fixture(tmp_path, "--expected", str(truth))
    assert result.returncode == 0, result.stderr
    draft = json.loads((folder / "fundus-2026-04-25.json").read_text())
    assert draft["captured"] == "2026-04-25T15:30:36+00:00"
    assert draft["source"].startswith("fundus tests/resources/parser/test_data/uk/BBC_2026")


def test_fixture_takes_an_article_extraction_benchmark_entry(tmp_path: Path) -> None:
    # A real page and its real ground truth (tests/fixtures/extract/bench_aeb).
    bench = ROOT / "tests" / "fixtures" / "extract" / "bench_aeb"
    truth = json.loads((bench / "ground-truth.json").read_text())["cnbc"]
    result = run_scrapy(
        "fixture", "cnbc", str(bench / "html" / "cnbc.html.gz"),
        "--expected", str(bench / "ground-truth.json"), "--id", "cnbc",
        "--dir", str(tmp_path), "--nolog",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    draft = json.loads((tmp_path / "cnbc" / "aeb-cnbc.json").read_text())
    assert draft["url"] == truth["url"]
    assert draft["body"] == truth["articleBody"]
    assert draft["title"]  # drafted from the spider


def test_fixture_needs_a_capture_time_it_can_trust(tmp_path: Path) -> None:
    page = tmp_path / "undated.html"
    page.write_bytes(b"<html><!-- hand-made --><body><h1>T</h1><p>" + b"words " * 60 + b"</p>")
    args = ("fixture", "bbc", str(page), "--url", "https://www.bbc.com/news/x", "--nolog")
    result = run_scrapy(*args, "--dir", str(tmp_path))
    assert result.returncode == 2 and "--captured" in result.stderr
    again = run_scrapy(*args, "--dir", str(tmp_path), "--captured", "2026-01-02")
    assert again.returncode == 0, again.stderr
    assert json.loads((tmp_path / "bbc" / "x.json").read_text())["captured"] == (
        "2026-01-02T00:00:00+00:00"
    )


def test_fixture_names_are_cut_at_a_word_boundary() -> None:
    from tracker.commands.fixture import fixture_name

    url = "https://example.com/news/" + "-".join(["word"] * 20) + "-extraordinarily.html"
    name = fixture_name(url)
    assert len(name) <= 60 and name.endswith("-word") and not name.endswith("-")
    assert fixture_name("https://example.com/a/b/short-slug.html") == "short-slug"


def test_a_ground_truth_file_copied_in_as_a_fixture_is_a_clear_error(tmp_path: Path) -> None:
    # Before, fundus's {"V1": ...} copied beside a page raised KeyError: 'url' in another test.
    from tools.fixtures import fixture_pages

    folder = tmp_path / "bbc"
    folder.mkdir()
    (folder / "copied.html.gz").write_bytes(gzip.compress(BBC_PAGE.html()))
    (folder / "copied.json").write_text(json.dumps({"V2": FUNDUS_BLOCK}))
    with pytest.raises(ValueError, match=r"copied.json has no \"url\": make fixtures with"):
        fixture_pages(tmp_path)


# --- running a publisher spider on a saved page, offline ---------------------------------------


def test_cassette_add_then_crawl_the_publisher_spider_offline(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(BBC_PAGE.html())
    cassette = tmp_path / "saved.json"
    added = run_scrapy("cassette", "add", str(cassette), f"{BBC_PAGE.url}={page}", "--nolog")
    assert added.returncode == 0, added.stderr
    listed = run_scrapy("cassette", "list", str(cassette), "--nolog")
    assert listed.stdout.split() == ["200", "GET", BBC_PAGE.url]
    out = tmp_path / "items.jsonl"
    result = run_scrapy(
        "crawl", "bbc", "-a", f"urls={BBC_PAGE.url}", "-s", f"TRACKER_REPLAY={cassette}",
        "-s", f"TRACKER_OUTPUT_DIR={tmp_path / 'output'}", "-s", "ROBOTSTXT_OBEY=False",
        "-O", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    [item] = [json.loads(line) for line in out.read_text().splitlines()]
    assert (item["spider"], item["publisher"]) == ("bbc", "BBC News")
    assert item["title"] == BBC_PAGE.expected["title"]
    assert "hints" not in item  # for the pipelines only


def test_a_url_off_the_spiders_domains_is_a_usage_error_not_silence(tmp_path: Path) -> None:
    # Before, the crawl exited 0 with no item; the only trace was offsite/filtered in the stats.
    result = run_scrapy(
        "crawl", "bbc", "-a", "urls=http://127.0.0.1:8765/fb.html",
        "-s", f"TRACKER_OUTPUT_DIR={tmp_path}",
    )  # fmt: skip
    assert result.returncode == 2
    assert "-a urls: http://127.0.0.1:8765/fb.html is not on bbc's allowed_domains" in (
        result.stderr
    )


def test_an_article_that_redirects_off_the_spiders_domains_is_rejected(tmp_path: Path) -> None:
    # Before, Scrapy's offsite filter dropped the redirected request when it was scheduled: no
    # item, no reject, only offsite/filtered in the stats.
    cassette = tmp_path / "moved.json"
    moved = make_interaction(
        method="GET",
        uri=BBC_PAGE.url,
        status=301,
        headers={"Location": ["https://elsewhere.example/story"]},
        body=b"",
    )
    cassette.write_text(json.dumps({"http_interactions": [moved], "recorded_with": "test"}))
    result = run_scrapy(
        "crawl", "bbc", "-a", f"urls={BBC_PAGE.url}", "-s", f"TRACKER_REPLAY={cassette}",
        "-s", f"TRACKER_OUTPUT_DIR={tmp_path}", "-s", "ROBOTSTXT_OBEY=False",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    [reject] = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert (reject["url"], reject["reason"]) == (BBC_PAGE.url, "offsite")
    assert "https://elsewhere.example/story" in reject["detail"]


# --- publishers and checkpublisher ---------------------------------------------------------------


def test_publishers_lists_what_each_publisher_declares() -> None:
    result = run_scrapy("publishers", "--nolog")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "publisher", "country", "language", "sources"]
    bbc = next(line for line in lines if line.startswith("bbc "))
    assert "BBC News" in bbc and " GB " in bbc and "6 feeds, news sitemap" in bbc
    from tracker.spiders import publisher_spiders

    # one line a publisher, then a blank line and the counts by language and country
    rows = lines[: lines.index("")]
    assert len(rows) == 1 + len(publisher_spiders())
    assert lines[-3].startswith(f"{len(publisher_spiders())} publishers, ")
    assert lines[-2].startswith("by language: ") and " en " in lines[-2]
    assert lines[-1].startswith("by country: ")


def test_checkpublisher_passes_a_complete_publisher() -> None:
    result = run_scrapy("checkpublisher", "bbc", "--nolog")
    assert result.returncode == 0, result.stdout + result.stderr
    checks = [line.split()[2].rstrip(":") for line in result.stdout.splitlines()[:-1]]
    assert checks == [
        "declaration", "fixtures", "reviewed", "sources_md", "urls", "health", "fields",
        "same_item",
    ]  # fmt: skip


def test_checkpublisher_fails_a_draft_fixture(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(BBC_PAGE.html())
    made = run_scrapy(
        "fixture", "bbc", str(page), "--url", BBC_PAGE.url, "--dir", str(tmp_path), "--nolog"
    )
    assert made.returncode == 0, made.stderr
    result = run_scrapy("checkpublisher", "bbc", "--dir", str(tmp_path), "--nolog")
    assert result.returncode == 1
    assert "FAIL bbc reviewed: still drafts" in result.stdout
    assert "ok   bbc sources_md" in result.stdout  # scrapy fixture wrote the SOURCES.md row
