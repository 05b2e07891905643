"""A browser that cannot start: one clear line, a counted reject, and the crawl goes on.

No browser is launched here (the executables given do not exist), so these run everywhere.
The pages are the hand-made ones of tests/fixtures/js, served on 127.0.0.1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_browser import Site, crawl, site

__all__ = ["site"]  # the fixture, imported for these tests

pytestmark = pytest.mark.slow


def rejects(out: Path) -> list[dict[str, str]]:
    path = out / "output" / "rejects.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_bad_browser_path_is_one_error_line_and_plain_pages_still_work(
    site: Site, tmp_path: Path
) -> None:
    urls = f"{site.url('article.html')},{site.url('static-article.html')}"
    result = crawl(
        tmp_path, "-a", f"urls={urls}", "-s", f"TRACKER_BROWSER_PATH={tmp_path / 'no-chrome'}"
    )
    # The server-rendered page needs no browser and is written.
    assert [item["fetched_url"] for item in result.items] == [site.url("static-article.html")]
    errors = [line for line in result.log.splitlines() if "[tracker.browser.routing] ERROR" in line]
    assert len([e for e in errors if "TRACKER_BROWSER_PATH" in e]) == 1
    assert "Traceback" not in result.log
    (reject,) = rejects(tmp_path)
    assert reject["url"] == site.url("article.html")
    assert "TRACKER_BROWSER_PATH" in reject["detail"]
    assert result.stats["tracker/render_js/fallback"] == 1


def test_browser_that_does_not_start_says_what_to_install(site: Site, tmp_path: Path) -> None:
    missing = tmp_path / "chrome-linux" / "chrome"
    launch = json.dumps({"executable_path": str(missing)})
    urls = f"{site.url('article.html')},{site.url('empty-shell.html')}"
    result = crawl(
        tmp_path, "-a", f"urls={urls}", "-a", "render_js=true",
        "-s", f"PLAYWRIGHT_LAUNCH_OPTIONS={launch}",
    )  # fmt: skip
    assert result.items == []
    launch_errors = [
        line
        for line in result.log.splitlines()
        if "did not start" in line and "[tracker.browser.routing] ERROR" in line
    ]
    assert len(launch_errors) == 1  # tried once, not once per page
    assert "apt-get install chromium" in launch_errors[0]
    assert "playwright install chromium" in launch_errors[0]
    assert sorted(r["url"] for r in rejects(tmp_path)) == sorted(urls.split(","))
    assert all("did not start" in r["detail"] for r in rejects(tmp_path))
