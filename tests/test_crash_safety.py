"""A crawl killed with SIGKILL at several points, then run again, leaves each article exactly once
in the output folder, no partial or temporary files, and a consistent state store.

The site is tests/faultserver.well_behaved_site: the 14 real pages of tests/fixtures/fault_site
behind a hand-made feed, each answered after a delay so the crawl can be interrupted while it
works. Kill points: as the first article page is requested (nothing written yet), right after the
first file appears, right after half the files exist (the exporter is then between its rename,
its index rebuild and its mark in the store), and once more on the next run's first new file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.faultserver import (
    FaultSite,
    leftover_temp_files,
    markdown_files,
    read_jsonl,
    run_crawl,
    running,
    source_url,
    start_crawl,
    state_summary,
    well_behaved_site,
)
from tracker.export.markdown import read_index_entry

pytestmark = pytest.mark.slow  # crawls in subprocesses

DELAY = 0.4
SETTINGS = {"CONCURRENT_REQUESTS": "2", "DOWNLOAD_TIMEOUT": "10"}


def _kill_when(
    process: subprocess.Popen[str], condition: Callable[[], bool], timeout: float = 60.0
) -> bool:
    """SIGKILL ``process`` as soon as ``condition`` holds; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.01)
    process.kill()
    process.wait(timeout=10)
    raise AssertionError("the kill point was not reached in time")


def _article_requested(site: FaultSite) -> Callable[[], bool]:
    return lambda: any(path.startswith("/news/") for path in site.hits)


def _files_at_least(output: Path, count: int) -> Callable[[], bool]:
    return lambda: len(markdown_files(output)) >= count


def assert_consistent(site: FaultSite, output: Path, written_only: bool = False) -> None:
    """Each article once, no temp files, indexes and store in step with the files
    (``written_only``: only the site's articles expected to be written have a file)."""
    files = markdown_files(output)
    routes = [r for r in site.articles() if r.expect == "written" or not written_only]
    expected = {site.url(route.path) for route in routes}
    sources = [source_url(path) for path in files]
    assert sorted(sources) == sorted(expected)  # every article, each exactly once
    assert leftover_temp_files(output) == []
    for path in files:
        text = path.read_text("utf-8")
        assert text.startswith("# ") and text.endswith("*\n"), path  # complete, not cut short
    for folder in {path.parent for path in files}:
        listed = (folder / "index.md").read_text("utf-8")
        for path in folder.glob("*.md"):
            if path.name != "index.md":
                entry = read_index_entry(path)
                assert entry is not None and f"]({entry.filename})" in listed
    state = state_summary(output / "state.sqlite3")
    assert state["integrity"] == "ok"
    assert sorted(state["articles"].values()) == sorted(
        str(path.relative_to(output)) for path in files
    )
    assert state["claims"] == []
    assert set(state["articles"]) <= set(state["urls"].values())
    for record in read_jsonl(output / "rejects.jsonl"):
        assert record["url"]  # every line whole JSON (read_jsonl would raise otherwise)


def test_sigkill_at_several_points_then_rerun(tmp_path: Path) -> None:
    site = well_behaved_site(delay=DELAY)
    output = tmp_path / "output"
    kills = 0
    with running(site):
        args = {"feed": site.url("/feed.xml")}
        total = len(site.articles())
        # 1. As the first article page is requested: nothing written yet.
        kills += _kill_when(start_crawl(output, args, SETTINGS), _article_requested(site))
        assert markdown_files(output) == []
        # 2. Right after the first file appears.
        kills += _kill_when(start_crawl(output, args, SETTINGS), _files_at_least(output, 1))
        # 3. Right after half the files exist.
        kills += _kill_when(
            start_crawl(output, args, SETTINGS), _files_at_least(output, total // 2)
        )
        # 4. On the next run's first new file.
        have = len(markdown_files(output))
        kills += _kill_when(start_crawl(output, args, SETTINGS), _files_at_least(output, have + 1))
        assert kills == 4
        assert 0 < len(markdown_files(output)) < total

        # Run to the end: everything once, nothing half done.
        final = run_crawl(output, args, SETTINGS)
        assert final.returncode == 0, final.log[-3000:]
        assert final.stats.get("tracker/rejected") is None, final.rejects
        assert_consistent(site, output)

        # And once more: nothing is fetched again, written or rewritten.
        before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in output.rglob("*.md")}
        fetched = sum(len(v) for k, v in site.hits.items() if k.startswith("/news/"))
        again = run_crawl(output, args, SETTINGS)
        assert again.returncode == 0
        assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in output.rglob("*.md")} == before
        assert sum(len(v) for k, v in site.hits.items() if k.startswith("/news/")) == fetched
        assert_consistent(site, output)
