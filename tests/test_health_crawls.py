"""Health checks on real crawls, replayed from cassettes of real fixture pages (no network).

- A crawlall over NASA (its real pages with the bylines cut out, tests/fixtures/health/), BBC and
  the Guardian: NASA fails the author-coverage check and passes every other; BBC and the Guardian
  pass everything; the summary, the log, the stats, the history, ``scrapy health`` and a
  spidermon file action configured by settings all say so.
- BBC crawled three times over its fixture pages, then once with its feeds empty: the empty run
  fails the item-count check, judged against the three good runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.fixture_cassette import variant_pages, write_fixture_cassette
from tests.replayed_crawl import replayed_crawl
from tracker.state import open_store

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def scrapy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def health_json(output: Path) -> dict[str, dict[str, Any]]:
    result = scrapy("health", "--json", "-s", f"TRACKER_OUTPUT_DIR={output}")
    assert result.returncode == 0, result.stderr[-3000:]
    return {entry["spider"]: entry for entry in json.loads(result.stdout)["spiders"]}


@pytest.fixture(scope="module")
def byline_crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One crawlall over nasa (no bylines), bbc and guardian, with a file action configured."""
    tmp = tmp_path_factory.mktemp("bylines")
    cassette = write_fixture_cassette(
        tmp / "cassette.json",
        ["nasa", "bbc", "guardian"],
        replace_pages={"nasa": variant_pages("nasa-no-bylines")},
    )
    output = tmp / "output"
    alert = tmp / "alert-{{ data.spider.name }}.html"
    result = scrapy(
        "crawlall",
        "--only",
        "nasa,bbc,guardian",
        "-s",
        f"TRACKER_REPLAY={cassette}",
        "-s",
        f"TRACKER_OUTPUT_DIR={output}",
        "-s",
        "TRACKER_HEALTH_ACTIONS=spidermon.contrib.actions.reports.files.CreateFileReport",
        "-s",
        "SPIDERMON_REPORT_TEMPLATE=reports/email/monitors/result.jinja",
        "-s",
        f"SPIDERMON_REPORT_FILENAME={alert}",
        "-s",
        "TRACKER_PROGRESS_INTERVAL=0",
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return {"tmp": tmp, "output": output, "result": result}


def test_lost_bylines_fail_author_coverage_only(byline_crawl: dict[str, Any]) -> None:
    output: Path = byline_crawl["output"]
    store = open_store(str(output / "state.sqlite3"))
    try:
        runs = {name: store.recent_runs(name, limit=5) for name in ("nasa", "bbc", "guardian")}
    finally:
        store.close()
    nasa = runs["nasa"][0]
    assert nasa["counts"]["written"] == 6
    assert nasa["present"]["authors"] == 0
    assert nasa["status"] == "failing"
    assert nasa["failed"] == ["coverage/authors"]
    passed_or_skipped = {c for c, o in nasa["checks"].items() if o["status"] != "failed"}
    # Every other check ran and none failed; NASA's six pages are enough to judge coverage.
    for check in ("coverage/title", "coverage/body", "coverage/published", "coverage/image"):
        assert nasa["checks"][check]["status"] == "passed", nasa["checks"][check]
    assert {"rejects", "errors", "sources", "finish_reason", "item_count"} <= passed_or_skipped
    for name in ("bbc", "guardian"):
        run = runs[name][0]
        assert run["status"] == "ok", run["checks"]
        assert run["counts"]["written"] == 3
        assert run["counts"]["errors"] == 0


def test_failures_logged_once_counted_and_summarised(byline_crawl: dict[str, Any]) -> None:
    result = byline_crawl["result"]
    log = result.stderr
    assert log.count("Health check coverage/authors failed for nasa") == 1
    assert "Health check" not in log.replace("Health check coverage/authors failed for nasa", "")
    assert "'tracker/health/failed/coverage/authors': 1" in log
    assert log.count("'tracker/health/status': 'ok'") == 2
    # The progress line, once per spider that finished.
    assert "crawlall: 3/3 spiders done, 12 articles written, 0 rejects" in log
    summary = result.stdout
    assert "crawlall: 3 spiders" in summary and "2 ok, 1 failing" in summary
    assert "nasa: coverage/authors (authors on 0 of 6 articles (0%), below 50%)" in summary
    assert "ok: bbc, guardian" in summary
    assert len(summary.splitlines()) <= 24  # one screen


def test_spidermon_action_by_settings(byline_crawl: dict[str, Any]) -> None:
    tmp: Path = byline_crawl["tmp"]
    # The file action ran for the failing spider only (it is a "monitors failed" action).
    assert (tmp / "alert-nasa.html").exists()
    assert "coverage/authors" in (tmp / "alert-nasa.html").read_text()
    assert not (tmp / "alert-bbc.html").exists()


def test_scrapy_health_reports_the_crawl(byline_crawl: dict[str, Any]) -> None:
    output: Path = byline_crawl["output"]
    health = health_json(output)
    assert health["nasa"]["status"] == "failing"
    assert health["nasa"]["failed"][0]["check"] == "coverage/authors"
    assert health["bbc"]["status"] == "ok"
    assert health["nasa"]["trend"]["coverage"]["authors"] == [0.0]
    table = scrapy("health", "-s", f"TRACKER_OUTPUT_DIR={output}")
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["spider", "status", "last"]
    assert lines[1].split()[:2] == ["nasa", "failing"]  # failing spiders first
    assert "coverage/authors" in lines[1]
    assert scrapy("health", "--fail", "-s", f"TRACKER_OUTPUT_DIR={output}").returncode == 1
    # The report was written after the crawl, one page per spider.
    for page in ("index.html", "nasa.html", "bbc.html", "guardian.html"):
        assert (output / "health" / page).exists(), page
    # The index is written once, by the last of the three crawls to close, and lists all three.
    index = (output / "health" / "index.html").read_text()
    for name in ("nasa", "bbc", "guardian"):
        assert f'href="{name}.html"' in index, name


@pytest.fixture(scope="module")
def empty_feed_history(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Three good BBC crawls over its fixture pages, then one with every feed empty."""
    tmp = tmp_path_factory.mktemp("emptyfeed")
    good = write_fixture_cassette(tmp / "good.json", ["bbc"])
    empty = write_fixture_cassette(tmp / "empty.json", ["bbc"], empty=["bbc"])
    output = tmp / "output"
    results = [replayed_crawl("bbc", good, output) for _ in range(3)]
    results.append(replayed_crawl("bbc", empty, output))
    return {"output": output, "results": results}


def test_empty_feed_fails_item_count_after_good_runs(empty_feed_history: dict[str, Any]) -> None:
    output: Path = empty_feed_history["output"]
    store = open_store(str(output / "state.sqlite3"))
    try:
        runs = list(reversed(store.recent_runs("bbc", limit=10)))
    finally:
        store.close()
    assert len(runs) == 4
    # The first run writes the three pages; the next two find them again, already written.
    assert [r["counts"]["articles"] for r in runs] == [3, 3, 3, 0]
    assert [r["counts"]["written"] for r in runs] == [3, 0, 0, 0]
    assert [r["status"] for r in runs] == ["ok", "ok", "ok", "failing"]
    # Not enough history to compare on the first three runs; then judged, and failed.
    assert [r["checks"]["item_count"]["status"] for r in runs] == [
        "skipped",
        "skipped",
        "skipped",
        "failed",
    ]
    assert runs[3]["failed"] == ["item_count"]
    assert "found no articles" in runs[3]["checks"]["item_count"]["message"]
    log = empty_feed_history["results"][3].stderr
    assert log.count("Health check item_count failed for bbc") == 1


# ------------------------------------------------------------------ the report, in Chromium


def open_in_browser(path: Path, width: int, screenshot: Path | None = None) -> dict[str, Any]:
    """Load ``path`` from disk in headless Chromium; what it showed and complained about."""
    from playwright.sync_api import sync_playwright
    from scrapy.settings import Settings

    from tracker.browser import browser_available, launch_options

    if not browser_available(Settings()):
        message = "no Chromium to launch: apt-get install chromium (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options(Settings()))
        try:
            page = browser.new_page(viewport={"width": width, "height": 800})
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
            page.goto(path.as_uri())
            seen = page.evaluate(
                """() => ({
                  scrollWidth: document.documentElement.scrollWidth,
                  innerWidth: window.innerWidth,
                  charts: [...document.querySelectorAll('svg[data-points]')].map(s => ({
                    label: s.getAttribute('aria-label'),
                    declared: Number(s.dataset.points),
                    circles: s.querySelectorAll('circle.pt').length,
                  })),
                  remote: [...document.querySelectorAll('[src], link[href]')]
                    .map(e => e.src || e.href),
                  cards: document.querySelectorAll('section.card').length,
                })"""
            )
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    seen["problems"] = problems
    return seen


@pytest.mark.browser
def test_report_in_a_real_browser(
    empty_feed_history: dict[str, Any], byline_crawl: dict[str, Any], tmp_path: Path
) -> None:
    history_out: Path = empty_feed_history["output"]
    index = open_in_browser(history_out / "health" / "index.html", 1200)
    assert index["problems"] == []
    assert index["remote"] == []  # nothing fetched: no CDN, no images
    assert index["cards"] == 1
    # Four runs of bbc: four points in its sparkline.
    assert [(c["declared"], c["circles"]) for c in index["charts"]] == [(4, 4)]

    shot = tmp_path / "bbc-phone.png"
    page = open_in_browser(history_out / "health" / "bbc.html", 390, screenshot=shot)
    assert page["problems"] == []
    assert page["scrollWidth"] <= page["innerWidth"], "horizontal scroll at phone width"
    assert shot.stat().st_size > 10_000
    charts = {c["label"]: c for c in page["charts"]}
    assert charts["articles found per run"]["circles"] == 4
    assert charts["rejects per run"]["circles"] == 4
    # Coverage exists only for the run that wrote articles (the first): one point each.
    assert charts["authors coverage per run"]["circles"] == 1
    for chart in page["charts"]:
        assert chart["declared"] == chart["circles"], chart

    crawl_out: Path = byline_crawl["output"]
    phone = open_in_browser(crawl_out / "health" / "index.html", 390)
    assert phone["problems"] == []
    assert phone["cards"] == 3
    assert phone["scrollWidth"] <= phone["innerWidth"]
    nasa = open_in_browser(crawl_out / "health" / "nasa.html", 390)
    assert nasa["problems"] == [] and nasa["scrollWidth"] <= nasa["innerWidth"]
