"""Crawl every publisher offline over its fixture pages a few times, and photograph the report.

    .venv/bin/python tools/health_demo.py [--output DIR] [--screenshot docs/health-report.png]

Four ``scrapy crawlall`` runs over cassettes of the real fixture pages (tests/fixture_cassette.py;
the feeds and sitemaps that lead to them are hand-made and say so):

1-3. every publisher except NASA, over its fixture pages (the 2nd and 3rd find the same articles
     again, already written: articles found stays, nothing new is written);
4.   every publisher, where NASA is new and its pages lost their bylines
     (tests/fixtures/health/nasa-no-bylines/) and the Guardian's feeds and sitemap came back empty.

Then ``scrapy health`` prints the table, and headless Chromium takes a screenshot of
``<output>/health/index.html`` (docs/health.md shows it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixture_cassette import variant_pages, write_fixture_cassette  # noqa: E402


def scrapy(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "scrapy", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def screenshot(page: Path, target: Path, width: int, height: int) -> None:
    from playwright.sync_api import sync_playwright
    from scrapy.settings import Settings

    from tracker.browser import launch_options

    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options(Settings()))
        try:
            tab = browser.new_page(viewport={"width": width, "height": height})
            tab.goto(page.as_uri())
            tab.screenshot(path=str(target))
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("/tmp/health-demo"))
    parser.add_argument("--screenshot", type=Path, default=ROOT / "docs" / "health-report.png")
    args = parser.parse_args(argv)
    work: Path = args.output
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    output = work / "output"
    normal = write_fixture_cassette(work / "fixtures.json")
    broken = write_fixture_cassette(
        work / "fixtures-broken.json",
        replace_pages={"nasa": variant_pages("nasa-no-bylines")},
        empty=["guardian"],
    )
    common = ["-s", f"TRACKER_OUTPUT_DIR={output}", "-s", "LOG_LEVEL=WARNING"]
    runs = [
        ["--skip", "nasa", "-s", f"TRACKER_REPLAY={normal}"],
        ["--skip", "nasa", "-s", f"TRACKER_REPLAY={normal}"],
        ["--skip", "nasa", "-s", f"TRACKER_REPLAY={normal}"],
        ["-s", f"TRACKER_REPLAY={broken}"],
    ]
    for number, extra in enumerate(runs, 1):
        result = scrapy("crawlall", *extra, *common)
        print(f"--- crawlall run {number} (exit {result.returncode})")
        print(result.stdout)
        if result.returncode != 0:
            print(result.stderr[-3000:])
            return 1
    table = scrapy("health", *common)
    print("--- scrapy health")
    print(table.stdout)
    screenshot(output / "health" / "index.html", args.screenshot, 1280, 1100)
    print(f"screenshot: {args.screenshot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
