"""Extraction in worker processes (tracker.workers): a page built to be slow, one built to eat
memory and a worker killed mid-page are each rejected with their reason while the rest of the
crawl is written; the workers go away with the crawl (at its end, on Ctrl-C), leaving no process.

The site is hand-made on 127.0.0.1: its feed and its two crafted pages are written here; its
articles are real captured pages (tests/fixtures/fault_site/, sources in its SOURCES.md).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.faultserver import real_page

pytestmark = pytest.mark.slow  # crawls in subprocesses

ROOT = Path(__file__).resolve().parent.parent
REAL = ["FoxNews", "RestOfWorld", "TheCitizen"]


def slow_page() -> bytes:
    """Hand-made: 100,000 short linked paragraphs (4.6 MB): ~40 s of CPU to extract here."""
    links = "".join(f'<p><a href="/l{i}">link number {i}</a></p>' for i in range(100_000))
    head = "<html><head><title>Links</title></head><body><article><h1>Links</h1>"
    return f"{head}{links}</article></body></html>".encode()


def memory_page() -> bytes:
    """Hand-made: one 4 MB paragraph; extracting it takes ~110 MB more memory (1.6 s)."""
    text = "Word after word in a very long paragraph. " * 100_000
    head = "<html><head><title>Big</title></head><body><article><h1>Big</h1>"
    return f"{head}<p>{text}</p></article></body></html>".encode()


@dataclass
class Site:
    pages: dict[str, bytes]
    hits: dict[str, int] = field(default_factory=dict)
    base: str = ""

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>{path}</title><link>{self.base}{path}</link></item>"
            for path in self.pages
        )
        channel = f"<channel><title>t</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture
def site() -> Iterator[Site]:
    pages = {f"/real/{name}/": real_page(name) for name in REAL}
    pages["/slow/"] = slow_page()
    pages["/memory/"] = memory_page()
    state = Site(pages)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            if self.path == "/feed.xml":
                body, kind = state.feed(), "application/rss+xml"
            elif self.path in state.pages:
                body, kind = state.pages[self.path], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def start_crawl(site: Site, out: Path, *settings: str) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "article", "-a", f"feed={site.base}/feed.xml",
        "-s", f"TRACKER_OUTPUT_DIR={out}", "-s", "ROBOTSTXT_OBEY=False",
        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
        "-s", "TRACKER_EXTRACT_WORKERS=2", *[a for s in settings for a in ("-s", s)],
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # A session of its own: every process the crawl starts can be found afterwards by it.
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def session_processes(session: int) -> list[int]:
    """Processes (other than zombies) whose session id is ``session``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def finish(process: subprocess.Popen[str], timeout: float = 240) -> str:
    _, stderr = process.communicate(timeout=timeout)
    deadline = time.monotonic() + 15
    while session_processes(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert session_processes(process.pid) == [], "processes left behind by the crawl"
    return stderr


def outcome(out: Path) -> tuple[dict[str, str], set[str]]:
    """({URL: reject reason}, URLs written) of a crawl's output folder."""
    rejects = {}
    path = out / "rejects.jsonl"
    if path.exists():
        for line in path.read_text().splitlines():
            row = json.loads(line)
            rejects[row["url"]] = row["reason"]
    written = set()
    for md in out.rglob("*.md"):
        if md.name != "index.md":
            for line in md.read_text().splitlines():
                if "127.0.0.1" in line and "/real/" in line:
                    written.add(line[line.index("http://127.0.0.1") :].split(")")[0].split()[0])
    return rejects, written


def wait_for_hit(site: Site, path: str, process: subprocess.Popen[str], seconds: float) -> None:
    deadline = time.monotonic() + 120
    while not site.hits.get(path):
        assert process.poll() is None and time.monotonic() < deadline, "the page was not fetched"
        time.sleep(0.1)
    time.sleep(seconds)


@pytest.mark.parametrize(
    ("page", "settings", "reason"),
    [
        ("/slow/", ["TRACKER_EXTRACT_TIMEOUT=10"], "extract_timeout"),
        ("/memory/", ["TRACKER_EXTRACT_MEMORY_MB=48"], "extract_memory"),
    ],
)
def test_a_page_over_its_budget_is_rejected_and_the_rest_written(
    site: Site, tmp_path: Path, page: str, settings: list[str], reason: str
) -> None:
    for other in {"/slow/", "/memory/"} - {page}:
        del site.pages[other]
    out = tmp_path / "out"
    started = time.monotonic()
    process = start_crawl(site, out, *settings)
    stderr = finish(process)
    assert process.returncode == 0, stderr[-3000:]
    assert time.monotonic() - started < 120  # not the ~40 s of CPU the slow page would take
    rejects, written = outcome(out)
    assert rejects == {f"{site.base}{page}": reason}, (rejects, stderr[-3000:])
    assert len(written) == len(REAL), written
    assert f"'tracker/extract/{reason}': 1" in stderr


def test_a_worker_killed_mid_page_is_replaced_and_its_page_rejected(
    site: Site, tmp_path: Path
) -> None:
    del site.pages["/memory/"]
    out = tmp_path / "out"
    process = start_crawl(site, out, "TRACKER_EXTRACT_TIMEOUT=100")
    wait_for_hit(site, "/slow/", process, 3)
    # Workers are the forkserver's children (the forkserver is the crawl's own); the one busy
    # with the slow page is the one that has used the most CPU.
    crawl = process.pid
    workers = [p for p in session_processes(crawl) if p != crawl and _parent(p) not in (crawl, 0)]
    busy = max(workers, key=_cpu_ticks)
    os.kill(busy, signal.SIGKILL)
    stderr = finish(process)
    assert process.returncode == 0, stderr[-3000:]
    rejects, written = outcome(out)
    assert rejects == {f"{site.base}/slow/": "extract_crash"}, rejects
    assert len(written) == len(REAL), written


def test_ctrl_c_stops_the_workers_with_the_crawl(site: Site, tmp_path: Path) -> None:
    del site.pages["/memory/"]
    out = tmp_path / "out"
    process = start_crawl(site, out, "TRACKER_EXTRACT_TIMEOUT=6")
    wait_for_hit(site, "/slow/", process, 1)
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole group
    finish(process, timeout=60)
    # A graceful stop lets the page in hand finish or hit its time budget.
    assert time.monotonic() - started < 40
    rejects, _ = outcome(out)
    assert rejects.get(f"{site.base}/slow/") == "extract_timeout"


def test_ctrl_c_twice_leaves_no_worker_behind(site: Site, tmp_path: Path) -> None:
    del site.pages["/memory/"]
    out = tmp_path / "out"
    process = start_crawl(site, out, "TRACKER_EXTRACT_TIMEOUT=100")
    wait_for_hit(site, "/slow/", process, 1)
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    finish(process, timeout=60)
    assert time.monotonic() - started < 30


def _cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return -1
    return int(fields[11]) + int(fields[12])  # utime + stime


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


def test_crawlers_of_one_process_share_one_pool_stopped_by_the_last(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """crawlall's crawlers share the process's workers: a pool per crawler started two workers
    per spider (372 processes for 186 spiders on 2 cores). The pool stops when the last crawler
    using it closes, not when the first does."""
    from scrapy.utils.test import get_crawler

    from tracker import workers

    stopped: list[workers.ExtractionPool] = []
    monkeypatch.setattr(workers.ExtractionPool, "close", lambda self: stopped.append(self))
    settings = {"TRACKER_EXTRACT_WORKERS": "2"}
    one, two = (workers.extractor_for(get_crawler(settings_dict=settings)) for _ in range(2))
    other = workers.extractor_for(
        get_crawler(settings_dict={**settings, "TRACKER_EXTRACT_TIMEOUT": 5})
    )
    assert one.pool is not None and one.pool is two.pool
    assert other.pool is not one.pool  # another time budget: its own pool
    one.close()
    one.close()  # spider_closed then engine_stopped: one release
    assert stopped == []
    two.close()
    assert stopped == [one.pool]
    other.close()
    assert stopped == [one.pool, other.pool]
    # A crawl started after that gets a pool of its own again.
    again = workers.extractor_for(get_crawler(settings_dict=settings))
    assert again.pool is not one.pool
    again.close()
