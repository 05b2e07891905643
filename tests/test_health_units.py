"""Health checks piece by piece: the history in both stores, thresholds, monitors, the report.

The history tests run on SQLite and on a real redis-server (tests/conftest.py), with one set of
assertions: the two stores keep the same interface.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.settings import Settings
from spidermon.runners import MonitorRunner

from tracker.health.config import HealthConfig, HealthConfigError, fixture_coverage, resolve
from tracker.health.monitors import HealthContext, SpiderHealthSuite, spider_monitors
from tracker.health.report import last_rejects, write_report
from tracker.health.runs import build_run
from tracker.health.summary import format_table, sparkline, spider_health
from tracker.state import open_store

ROOT = Path(__file__).resolve().parent.parent


def run_record(spider: str, articles: int, n: int = 0, **extra: Any) -> dict[str, Any]:
    return {
        "spider": spider,
        "finished_at": f"2026-11-{10 + n:02d}T06:00:00+00:00",
        "kind": "full",
        "counts": {"articles": articles, "written": articles, "rejected": 0},
        "coverage": {"title": 1.0, "authors": 0.9},
        "status": "ok",
        "failed": [],
        **extra,
    }


# --------------------------------------------------------------------------- history


@pytest.fixture(params=["sqlite", "redis"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "sqlite":
        target = str(tmp_path / "state.sqlite3")
    else:
        target = request.getfixturevalue("redis_url")
    opened = open_store(target)
    try:
        yield opened
    finally:
        opened.close()


def test_history_records_and_returns_newest_first(store: Any) -> None:
    assert store.spiders_with_runs() == []
    assert store.recent_runs("bbc") == []
    for n in range(5):
        store.record_run(run_record("bbc", 10 + n, n))
    store.record_run(run_record("nasa", 7))
    runs = store.recent_runs("bbc", limit=3)
    assert [r["counts"]["articles"] for r in runs] == [14, 13, 12]
    assert store.spiders_with_runs() == ["bbc", "nasa"]
    # Records come back as stored, check order included.
    checks = {"item_count": {"status": "passed"}, "coverage/title": {"status": "passed"}}
    store.record_run(run_record("nasa", 8, checks=checks))
    assert list(store.recent_runs("nasa", 1)[0]["checks"]) == ["item_count", "coverage/title"]


def test_history_keeps_the_newest_runs(store: Any) -> None:
    for n in range(6):
        store.record_run(run_record("bbc", n, n), keep=4)
    assert [r["counts"]["articles"] for r in store.recent_runs("bbc", limit=10)] == [5, 4, 3, 2]


def test_history_needs_a_spider(store: Any) -> None:
    with pytest.raises(ValueError, match="spider"):
        store.record_run({"finished_at": "x"})


# --------------------------------------------------------------------------- thresholds


def test_fixture_coverage_file_is_current() -> None:
    """The generated defaults match the fixtures' expected files (rebuild with the tool)."""
    sys.path.insert(0, str(ROOT))
    from tools.build_health_defaults import build

    fresh = build(extract=False)["spiders"]
    stored = fixture_coverage()
    assert sorted(stored) == sorted(fresh), "run tools/build_health_defaults.py"
    for spider, entry in fresh.items():
        for name, value in entry["fields"].items():
            assert stored[spider]["fields"][name] == value, (spider, name)


def test_thresholds_from_fixtures_settings_spider_and_operator() -> None:
    # bbc's expected files: authors on 1 of the 2 pages that state them.
    assert fixture_coverage()["bbc"]["fields"]["authors"]["share"] == 0.5
    config = resolve(Settings(), "bbc")
    assert config.coverage_threshold("authors") == 0.25  # 0.5 * the default factor 0.5
    assert config.coverage_threshold("title") == 1.0
    settings = Settings({"TRACKER_HEALTH_COVERAGE": {"image": 0.1}, "TRACKER_HEALTH_MAX_ERRORS": 2})
    config = resolve(settings, "bbc", {"coverage": {"authors": 0.4}, "max_errors": 5})
    assert config.coverage_threshold("image") == 0.1
    assert config.coverage_threshold("authors") == 0.4
    assert config.max_errors == 5
    settings.set("TRACKER_HEALTH_SPIDERS", '{"bbc": {"coverage": {"authors": 0.05}}}')
    config = resolve(settings, "bbc", {"coverage": {"authors": 0.4}})
    assert config.coverage_threshold("authors") == 0.05
    # Command-line strings are converted.
    config = resolve(
        Settings({"TRACKER_HEALTH_FINISH_REASONS": "finished,closespider_timeout"}), "x"
    )
    assert config.finish_reasons == ("finished", "closespider_timeout")


def test_bad_health_setting_names_itself() -> None:
    with pytest.raises(HealthConfigError, match=r"bbc.health: unknown keys \['min_item'\]"):
        resolve(Settings(), "bbc", {"min_item": 3})
    with pytest.raises(HealthConfigError, match="TRACKER_HEALTH_MIN_ITEMS_SHARE"):
        resolve(Settings({"TRACKER_HEALTH_MIN_ITEMS_SHARE": "half"}), "bbc")


# --------------------------------------------------------------------------- monitors


def judge(
    stats: dict[str, Any], history: list[dict[str, Any]], config: HealthConfig | None = None
) -> dict[str, Any]:
    fields = ("title", "body", "published", "authors", "image", "language")
    run = build_run("bbc", stats, fields=fields, finish_reason=stats.get("finish_reason"))
    context = HealthContext(
        "bbc",
        config or HealthConfig(coverage={"title": 1.0, "body": 1.0, "authors": 0.5}),
        run,
        history,
    )
    MonitorRunner().run(SpiderHealthSuite(monitors=spider_monitors(fields)), health=context)
    return context.outcomes


def good_stats(written: int = 10, authors: int = 10) -> dict[str, Any]:
    stats: dict[str, Any] = {"item_scraped_count": written, "finish_reason": "finished"}
    for name in ("title", "body", "published", "image", "language"):
        stats[f"tracker/health/present/{name}"] = written
    stats["tracker/health/present/authors"] = authors
    return stats


def test_item_count_against_the_median_of_recent_runs() -> None:
    history = [run_record("bbc", n) for n in (20, 22, 18, 40)]
    assert judge(good_stats(written=11), history)["item_count"]["status"] == "passed"
    outcome = judge(good_stats(written=9), history)["item_count"]
    assert outcome["status"] == "failed"
    assert "9 articles, 43% of the median 21" in outcome["message"]
    # A run that failed its item count is no baseline: the drop stays a drop.
    broken = [run_record("bbc", 5, failed=["item_count"]) for _ in range(6)]
    assert judge(good_stats(written=9), broken + history)["item_count"]["status"] == "failed"
    # Too little history: skipped, and said why.
    outcome = judge(good_stats(written=9), history[:2])["item_count"]
    assert outcome["status"] == "skipped" and "3 needed" in outcome["message"]


def test_coverage_needs_enough_articles_and_names_the_field() -> None:
    outcomes = judge(good_stats(written=10, authors=4), [])
    assert outcomes["coverage/authors"]["status"] == "failed"
    assert outcomes["coverage/authors"]["message"] == "authors on 4 of 10 articles (40%), below 50%"
    assert outcomes["coverage/title"]["status"] == "passed"
    assert outcomes["coverage/image"]["status"] == "skipped"  # no threshold
    small = judge(good_stats(written=2, authors=0), [])
    assert small["coverage/authors"]["status"] == "skipped"


def test_rejects_share_by_reason_and_other_checks() -> None:
    stats = good_stats(written=10)
    stats.update({"tracker/rejected/no_body": 5, "tracker/rejected/http_404": 1})
    stats["tracker/rejected/unrecorded"] = 1  # not a reason
    outcomes = judge(stats, [])
    assert outcomes["rejects"]["status"] == "failed"
    assert "no_body 5 (31%, max 20%)" in outcomes["rejects"]["message"]
    assert "unrecorded" not in outcomes["rejects"]["message"]
    stats = good_stats()
    stats.update(
        {"tracker/discovery/failed/http_404": 1, "finish_reason": "shutdown", "log_count/ERROR": 3}
    )
    outcomes = judge(stats, [])
    assert outcomes["sources"]["status"] == "failed"
    assert outcomes["finish_reason"]["message"] == "finished with 'shutdown', expected 'finished'"
    # log_count/ERROR is process-wide in Scrapy: the check counts this spider's lines instead.
    assert outcomes["errors"]["status"] == "passed"


# --------------------------------------------------------------------------- terminal, report


def test_terminal_table_and_sparkline() -> None:
    assert sparkline([0, 5, 10]) == "▁▅█"
    runs = [
        run_record("bbc", 20, 2, coverage={"authors": 0.5}),
        run_record("bbc", 30, 1, coverage={"authors": 0.9}),
        run_record("bbc", 30, 0, coverage={"authors": 0.9}),
    ]
    runs[0]["status"], runs[0]["failed"] = "failing", ["coverage/authors"]
    runs[0]["checks"] = {"coverage/authors": {"message": "authors on 10 of 20 articles"}}
    table = format_table([spider_health("bbc", runs)], width=200)
    row = table.splitlines()[1]
    assert row.split()[:2] == ["bbc", "failing"]
    assert "██▆ 20" in row and "50↓" in row and "coverage/authors" in row
    assert "bbc: coverage/authors: authors on 10 of 20 articles" in table


def test_report_escapes_and_links_only_http(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "state.sqlite3"))
    try:
        hostile = '<script>alert("x")</script>'
        store.record_run(
            run_record("bbc", 3, failed=["errors"], status="failing",
                       checks={"errors": {"status": "failed", "message": hostile}})
        )  # fmt: skip
        rejects = [
            {"url": "javascript:alert(1)", "spider": "bbc", "reason": "no_body", "detail": hostile},
            {"url": "https://www.bbc.com/news/x", "spider": "bbc", "reason": "no_body"},
            {"url": "https://other.example/", "spider": "nasa", "reason": "no_body"},
        ]
        (tmp_path / "rejects.jsonl").write_text(
            "not json\n" + "".join(json.dumps(r) + "\n" for r in rejects)
        )
        assert [r["url"] for r in last_rejects(tmp_path / "rejects.jsonl", "bbc")] == [
            "https://www.bbc.com/news/x",
            "javascript:alert(1)",
        ]
        write_report(store, tmp_path)
    finally:
        store.close()
    page = (tmp_path / "health" / "bbc.html").read_text()
    index = (tmp_path / "health" / "index.html").read_text()
    for html in (page, index):
        assert "<script" not in html
        assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in page
    assert 'href="https://www.bbc.com/news/x"' in page
    assert not list((tmp_path / "health").glob("*.tmp"))
