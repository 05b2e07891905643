"""End to end: `scrapy crawl nasa` replayed from the real NASA cassette, as a user runs it.

The crawl runs in a subprocess exactly as the README's demo does, into a temporary output folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.replayed_crawl import NASA_CASSETTE as CASSETTE
from tests.replayed_crawl import ROOT, replayed_crawl

SCHEMA = json.loads((ROOT / "tracker" / "schema" / "article.schema.json").read_text())

pytestmark = pytest.mark.slow


def run_crawl(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return replayed_crawl("nasa", CASSETTE, out, *args)


def markdown_files(out: Path) -> dict[Path, float]:
    return {
        p: p.stat().st_mtime_ns
        for p in out.rglob("*.md")
        if p.name not in ("index.md", "stories.md")
    }


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict], str]:
    out = tmp_path_factory.mktemp("nasa-out")
    result = run_crawl(out, "-O", str(out / "nasa.jsonl"))
    items = [json.loads(line) for line in (out / "nasa.jsonl").read_text().splitlines()]
    return out, items, result.stderr


def test_offline_demo_writes_one_markdown_file_per_feed_article(first_run) -> None:
    out, items, log = first_run
    files = markdown_files(out)
    # The real feed capture lists 10 articles; their pages are not in the cassette, so each comes
    # from the feed's full content (a counted fallback), and every one is written.
    assert len(items) == 10
    assert len(files) == 10
    assert "tracker/fallback/feed_content': 10" in log
    # The second NASA feed has no real capture: logged and counted as missing, not fetched.
    assert "news-release/feed" in log
    assert "tracker/replay/missing" in log
    # ... which says nothing about NASA's health: the demo ends "ok" (it said "failing": an
    # ERROR line and a failed source for what is a limit of the recording).
    assert "Source https://www.nasa.gov/news-release/feed/ skipped" in log
    assert "'tracker/discovery/not_in_cassette': 1" in log
    assert "Health of nasa: ok (11 checks, 0 failed)" in log, log[-3000:]
    assert " ERROR: " not in log


def test_markdown_file_looks_like_the_seed(first_run) -> None:
    out, items, _ = first_run
    item = next(i for i in items if i["title"] == "Apollo 9 Crew Comes Home")
    text = (out / item["path"]).read_text()
    lines = text.splitlines()
    assert lines[0] == "# Apollo 9 Crew Comes Home"
    assert "**Category:** Science" in lines
    url = "https://www.nasa.gov/image-article/apollo-9-crew-comes-home/"
    assert f"**Source:** [{url}]({url})" in lines
    assert "**Publisher:** NASA" in lines
    assert "**Authors:** Monika Luabeya" in lines
    assert "**Published:** 2024-03-13T18:45:27+00:00" in lines
    assert any(line.startswith("**Scraped (UTC):** ") for line in lines)
    # The feed names no image for it; the figure that opens its content is the lead image.
    image = "https://www.nasa.gov/wp-content/uploads/2024/03/s69-27919orig.jpg?w=2048"
    assert f"![Article Image]({image})" in lines
    assert "## Summary" in lines and "## Full Article" in lines
    assert text.rstrip().endswith(")*")
    assert "None" not in text
    # Per-day, per-category index lists it.
    index = (out / item["path"]).parent / "index.md"
    assert "Apollo 9 Crew Comes Home" in index.read_text()


def test_json_lines_validate_against_the_schema(first_run) -> None:
    _, items, _ = first_run
    for item in items:
        jsonschema.validate(item, SCHEMA)
        assert item["publisher"] == "NASA"
        assert item["spider"] == "nasa"
        assert item["provenance"]["body"] == "feed"
        assert item["provenance"]["fetch"] == "feed_content (not_in_cassette)"
        assert item["word_count"] > 50


def test_second_run_writes_nothing_and_changes_no_file(first_run, tmp_path: Path) -> None:
    out, _, _ = first_run
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.suffix == ".md"}
    result = run_crawl(out, "-O", str(tmp_path / "again.jsonl"))
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.suffix == ".md"}
    assert after == before
    assert (tmp_path / "again.jsonl").read_text() == ""
    assert "item_scraped_count" not in result.stderr or "'item_scraped_count': 0" in result.stderr
    assert not list(out.rglob("*.tmp"))


def test_urls_argument_scrapes_real_article_pages(tmp_path: Path) -> None:
    url = "https://www.nasa.gov/image-article/collins-aerospace-tests-nasa-space-station-suit-in-weightlessness/"
    run_crawl(tmp_path, "-a", f"urls={url}", "-O", str(tmp_path / "one.jsonl"))
    (item,) = [json.loads(line) for line in (tmp_path / "one.jsonl").read_text().splitlines()]
    assert item["title"] == "Collins Aerospace Tests NASA Space Station Suit in Weightlessness"
    assert item["authors"] == ["Victoria Ugalde"]
    assert item["published"] == "2024-02-12T19:26:20+00:00"
    assert item["provenance"]["body"] == "selector"
    assert "Explore More" not in item["body"]
    assert "Last Updated" not in item["body"]


def test_limit_argument_stops_after_n_articles(tmp_path: Path) -> None:
    run_crawl(tmp_path, "-a", "limit=3", "-O", str(tmp_path / "three.jsonl"))
    assert len((tmp_path / "three.jsonl").read_text().splitlines()) == 3
    assert len(markdown_files(tmp_path)) == 3


def test_limit_counts_new_articles_in_an_incremental_crawl(tmp_path: Path) -> None:
    # Daily runs with a limit: each run takes the next articles, not the ones already written.
    for run, expected_total in ((1, 3), (2, 6), (3, 10)):
        result = run_crawl(tmp_path, "-a", "limit=3" if run < 3 else "limit=10")
        assert len(markdown_files(tmp_path)) == expected_total, run
    # The last run skipped the six written before without requesting them.
    assert "'tracker/skipped/seen_url': 6" in result.stderr
    assert "'tracker/replay/missing': 5" in result.stderr  # 4 article pages + the 2nd feed


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("limit=abc", "-a limit: expected a whole number, got 'abc'"),
        ("limit=-1", "-a limit: must be 0 or more"),
        ("urls=ftp://example.org/a", "-a urls: 'ftp://example.org/a' is not an http(s) URL"),
        ("render_js=maybe", "-a render_js: expected true or false"),
    ],
)
def test_bad_spider_argument_is_a_one_line_usage_error(argument: str, message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "nasa", "-a", argument],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
