"""A real headless Chromium renders JavaScript pages, through `scrapy crawl` as a user runs it.

The pages are hand-made (tests/fixtures/js/README.md) and served on 127.0.0.1 by a server this
module starts; it counts the requests it gets, so the tests can tell what the browser fetched and
that replay fetched nothing. Crawls run in a subprocess, each with its own reactor and browser.

Without a browser these tests skip with the reason; under CI (env CI set) they fail instead.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from scrapy.settings import Settings

from tracker.browser import browser_available

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "tests" / "fixtures" / "js"
ARTICLE = json.loads((JS / "api" / "article.json").read_text())

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module", autouse=True)
def require_browser() -> None:
    if browser_available(Settings()):
        return
    message = (
        "no Chromium to launch: apt-get install chromium (Debian), or `playwright install "
        "chromium`, or point TRACKER_BROWSER_PATH at one (.ci/run installs it)"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Site:
    """The hand-made pages on 127.0.0.1, and how often each path was asked for."""

    base: str
    hits: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    hits: Counter[str] = Counter()
    lock = threading.Lock()

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            with lock:
                hits[urlparse(self.path).path.lstrip("/")] += 1
            super().do_GET()

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(JS)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(base=f"http://127.0.0.1:{server.server_address[1]}", hits=hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Crawl:
    items: list[dict[str, Any]]
    stats: dict[str, int]
    log: str
    out: Path


def crawl(out: Path, *args: str) -> Crawl:
    """``scrapy crawl article`` with ``args``, into ``out``; its items, integer stats and log."""
    out.mkdir(parents=True, exist_ok=True)
    items_path = out / "items.jsonl"
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "article",
        "-O",
        str(items_path),
        "-s",
        f"TRACKER_OUTPUT_DIR={out / 'output'}",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        *args,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert result.returncode == 0, result.stderr[-4000:]
    dump = result.stderr.rpartition("Dumping Scrapy stats:")[2]
    stats = {key: int(value) for key, value in re.findall(r"'([^']+)': (\d+)[,}]", dump)}
    text = items_path.read_text() if items_path.exists() else ""
    items = [json.loads(line) for line in text.splitlines() if line.strip()]
    return Crawl(items=items, stats=stats, log=result.stderr, out=out)


def assert_rendered_article(item: dict[str, Any]) -> None:
    assert item["title"] == ARTICLE["headline"]
    for paragraph in ARTICLE["paragraphs"]:
        assert paragraph in item["body"]


def test_render_js_spider_gets_the_article_the_script_injects(site: Site, tmp_path: Path) -> None:
    before = site.hits.copy()
    result = crawl(tmp_path, "-a", f"urls={site.url('article.html')}", "-a", "render_js=true")
    assert len(result.items) == 1
    assert_rendered_article(result.items[0])
    assert result.stats["tracker/render_js/pages"] == 1
    assert "tracker/render_js/fallback" not in result.stats
    # The browser loaded the page, then its bundle, which fetched the article's data.
    fetched = site.hits - before
    assert fetched["article.html"] == 1
    assert fetched["static/app.js"] == 1
    assert fetched["api/article.json"] == 1
    markdown = [
        p for p in (tmp_path / "output").rglob("*.md") if p.name not in ("index.md", "stories.md")
    ]
    assert len(markdown) == 1
    assert markdown[0].read_text().startswith(f"# {ARTICLE['headline']}\n")


def test_client_rendered_page_falls_back_to_the_browser(site: Site, tmp_path: Path) -> None:
    before = site.hits.copy()
    result = crawl(tmp_path, "-a", f"urls={site.url('article.html')}")
    assert len(result.items) == 1
    assert_rendered_article(result.items[0])
    assert result.stats["tracker/render_js/fallback"] == 1
    assert result.stats["tracker/render_js/fallback/js_notice"] == 1
    assert result.stats["tracker/render_js/pages"] == 1
    fetched = site.hits - before
    assert fetched["article.html"] == 2  # once over plain HTTP, once in the browser
    assert fetched["api/article.json"] == 1


def test_fallback_happens_once_then_the_page_is_rejected(site: Site, tmp_path: Path) -> None:
    before = site.hits.copy()
    url = site.url("empty-shell.html")
    result = crawl(tmp_path, "-a", f"urls={url}")
    assert result.items == []
    assert result.stats["tracker/render_js/fallback"] == 1
    assert result.stats["tracker/render_js/fallback/empty_root"] == 1
    assert (site.hits - before)["empty-shell.html"] == 2
    rejects = (tmp_path / "output" / "rejects.jsonl").read_text().splitlines()
    assert [json.loads(line)["url"] for line in rejects] == [url]


def test_server_rendered_page_never_starts_the_browser(site: Site, tmp_path: Path) -> None:
    result = crawl(tmp_path, "-a", f"urls={site.url('static-article.html')}")
    assert len(result.items) == 1
    assert_rendered_article(result.items[0])
    assert not [k for k in result.stats if k.startswith(("playwright/", "tracker/render_js/"))]
    assert "scrapy-playwright" not in result.log
    assert "Launching browser" not in result.log


def test_browser_traffic_is_recorded_then_replayed_without_network(
    site: Site, tmp_path: Path
) -> None:
    cassette = tmp_path / "js.json"
    url = site.url("article.html")
    recorded = crawl(
        tmp_path / "record", "-a", f"urls={url}", "-a", "render_js=true",
        "-s", f"TRACKER_RECORD={cassette}",
    )  # fmt: skip
    assert_rendered_article(recorded.items[0])
    interactions = json.loads(cassette.read_text())["http_interactions"]
    uris = [i["request"]["uri"] for i in interactions]
    for path in ("article.html", "static/app.js", "api/article.json"):
        assert uris.count(site.url(path)) == 1, uris
    # Stored as the browser received them, decoded, with the tracker's User-Agent.
    page = next(i for i in interactions if i["request"]["uri"] == url)
    assert '<div id="root"></div>' in page["response"]["body"]["string"]
    assert "news-tracker" in page["request"]["headers"]["user-agent"][0]

    before = site.hits.copy()
    for name, extra in (("replay-js", ("-a", "render_js=true")), ("replay-fallback", ())):
        replayed = crawl(
            tmp_path / name, "-a", f"urls={url}", "-s", f"TRACKER_REPLAY={cassette}", *extra
        )
        assert len(replayed.items) == 1
        assert_rendered_article(replayed.items[0])
        assert replayed.stats["tracker/render_js/replayed"] == 3
        assert replayed.stats["tracker/render_js/websocket_refused"] == 1
        assert "tracker/replay/missing" not in replayed.stats
    assert replayed.stats["tracker/render_js/fallback"] == 1
    assert site.hits == before  # nothing reached the server


def test_replay_never_fetches_what_the_cassette_lacks(site: Site, tmp_path: Path) -> None:
    cassette = tmp_path / "js.json"
    url = site.url("article.html")
    crawl(
        tmp_path / "record", "-a", f"urls={url}", "-a", "render_js=true",
        "-s", f"TRACKER_RECORD={cassette}",
    )  # fmt: skip
    data = json.loads(cassette.read_text())
    data["http_interactions"] = [
        i for i in data["http_interactions"] if not i["request"]["uri"].endswith(".json")
    ]
    cassette.write_text(json.dumps(data))
    before = site.hits.copy()
    unrecorded = site.url("static-article.html")
    replayed = crawl(
        tmp_path / "replay", "-a", f"urls={url},{unrecorded}", "-a", "render_js=true",
        "-s", f"TRACKER_REPLAY={cassette}",
    )  # fmt: skip
    assert replayed.items == []  # the data the script needed was not recorded
    assert replayed.stats["tracker/replay/missing"] == 2
    assert "not fetched by the browser: GET " + site.url("api/article.json") in replayed.log
    # A page the cassette lacks is refused before a browser page opens, like a plain request.
    assert "not rendered: GET " + unrecorded in replayed.log
    reasons = {
        json.loads(line)["url"]: json.loads(line)["reason"]
        for line in (replayed.out / "output" / "rejects.jsonl").read_text().splitlines()
    }
    assert reasons[unrecorded] == "ignored"
    assert site.hits == before


def test_browser_traffic_goes_into_warc_files(site: Site, tmp_path: Path) -> None:
    """With TRACKER_WARC, each request the browser made is a record pair; the item points at the
    page's own response record."""
    from fastwarc.warc import ArchiveIterator

    from tests.test_archive_warc import read_record_at, warcio_check

    warc = tmp_path / "warc"
    url = site.url("article.html")
    result = crawl(
        tmp_path / "crawl",
        "-a",
        f"urls={url}",
        "-a",
        "render_js=true",
        "-s",
        f"TRACKER_WARC={warc}",
    )
    (item,) = result.items
    assert_rendered_article(item)
    (path,) = warc.glob("*.warc.gz")
    assert "digest pass" in warcio_check(path)
    with path.open("rb") as stream:
        responses = [
            r.headers.get("WARC-Target-URI")
            for r in ArchiveIterator(stream, parse_http=False)
            if str(r.record_type) == "response"
        ]
    for part in ("article.html", "static/app.js", "api/article.json"):
        assert responses.count(site.url(part)) == 1, responses
    # robots.txt came through Scrapy's own downloader; the other three through the browser.
    assert responses.count(site.url("robots.txt")) == 1
    assert result.stats["tracker/warc/browser_records"] == 2 * 3
    headers, _http, payload = read_record_at(path, item["warc_offset"])
    assert headers["WARC-Target-URI"] == url and item["warc_file"] == path.name
    assert b'<div id="root"></div>' in payload  # the page as served, before its script ran
