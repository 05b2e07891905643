"""A fault-injecting HTTP server on 127.0.0.1 for crawl tests, and a helper that runs a crawl.

The site is **hand-made**: its feed, sitemaps, robots.txt, redirects, error answers and hostile
pages are written here. The article pages it serves are **real** captured pages
(tests/fixtures/fault_site/, sources in SOURCES.md), served unchanged unless a route says so.

Each route is a :class:`Route`: a path, what it does, and what the crawl must end up with
(``expect="written"`` or ``expect="rejected"`` with a reason code), so a test can check that every
article the site holds was either written or listed in rejects.jsonl. The server records the time
of every request per path (``hits``) so tests can check retry timing and counts.

The server is a ``ThreadingHTTPServer`` speaking HTTP/1.0 (one request per connection), which
gives each misbehaviour full control of its socket: resets, truncated bodies, bodies that never
end. Handlers that wait or stream poll a stop event, so stopping the server is quick.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "fault_site"


def real_page(name: str) -> bytes:
    """The bytes (UTF-8 HTML) of a real captured page in tests/fixtures/fault_site/."""
    return gzip.decompress((FIXTURES / f"{name}.html.gz").read_bytes())


_GZIP_BOMB: bytes | None = None


def gzip_bomb(megabytes: int = 64) -> bytes:
    """A gzip body of ``megabytes`` MB of spaces (about 1000:1), built once per process."""
    global _GZIP_BOMB
    if _GZIP_BOMB is None:
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
        chunk = b" " * (1 << 20)
        parts = [compressor.compress(chunk) for _ in range(megabytes)]
        parts.append(compressor.flush())
        _GZIP_BOMB = b"".join(parts)
    return _GZIP_BOMB


Handler = Callable[["FaultRequestHandler", "Route", int], None]


@dataclass
class Route:
    """One path of the site: ``serve(handler, route, nth)`` answers the nth request (1-based).

    ``title`` and ``content_html`` go into the feed entry; ``expect`` is what the crawl must do
    with the article (``written`` or ``rejected``), ``reason`` the reject code expected."""

    path: str
    serve: Handler
    in_feed: bool = True
    title: str = ""
    content_html: str | None = None
    expect: str = "written"
    reason: str | tuple[str, ...] | None = None  # one code, or the codes that are all fine
    page: str | None = None  # the real page behind it, if any
    # An article the site holds though the feed does not list it (a sitemap does).
    sitemap_only: bool = False
    data: dict[str, Any] = field(default_factory=dict)


class FaultSite:
    """The routes and the request log of one server."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, list[float]] = {}
        self.headers: dict[str, list[dict[str, str]]] = {}
        self.stop = threading.Event()
        self.base_url = ""
        # Called once the server's URL is known (documents that embed absolute URLs).
        self.on_start: list[Callable[[], object]] = []
        self._lock = threading.Lock()

    def add(self, route: Route) -> Route:
        self.routes[route.path] = route
        return route

    def url(self, path: str) -> str:
        return self.base_url + path

    def record(self, path: str, headers: dict[str, str]) -> int:
        with self._lock:
            self.hits.setdefault(path, []).append(time.monotonic())
            self.headers.setdefault(path, []).append(headers)
            return len(self.hits[path])

    def hit_count(self, path: str) -> int:
        with self._lock:
            return len(self.hits.get(path, []))

    def articles(self) -> list[Route]:
        """The articles the site holds: routes its feed or a sitemap lists."""
        return [r for r in self.routes.values() if r.in_feed or r.sitemap_only]

    def feed_articles(self) -> list[Route]:
        return [r for r in self.routes.values() if r.in_feed]


class FaultRequestHandler(BaseHTTPRequestHandler):
    """Dispatches to the site's routes; unknown paths get a 404."""

    server: FaultServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest output clean; the site records every request itself

    def do_GET(self) -> None:
        site = self.server.site
        path = self.path.split("?", 1)[0]
        nth = site.record(path, {k.lower(): v for k, v in self.headers.items()})
        route = site.routes.get(path)
        try:
            if route is None:
                self.send_bytes(404, b"<html><body>Not found</body></html>")
            else:
                route.serve(self, route, nth)
        except OSError:
            pass  # the crawler hung up (size limit, timeout): expected for several routes

    # --- building blocks for routes -------------------------------------------------------------

    def send_bytes(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def reset(self) -> None:
        """Close the connection with a TCP RST (SO_LINGER 0) before any answer."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()

    def wait(self, seconds: float) -> bool:
        """Sleep unless the server stops first; True when the full time passed."""
        return not self.server.site.stop.wait(seconds)


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a crawl opens dozens of connections at once
    allow_reuse_address = True

    def __init__(self, site: FaultSite) -> None:
        super().__init__(("127.0.0.1", 0), FaultRequestHandler)
        self.site = site

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that resets while we read its request: nothing to report


@contextlib.contextmanager
def running(site: FaultSite) -> Iterator[FaultSite]:
    """Serve ``site`` on 127.0.0.1 (a free port) while the block runs."""
    server = FaultServer(site)
    host, port = server.server_address[:2]
    site.base_url = f"http://{host!s}:{port}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.daemon = True
    thread.start()
    for hook in site.on_start:
        hook()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- route behaviours ------------------------------------------------------------------------


def ok(page: bytes, content_type: str = "text/html; charset=utf-8") -> Handler:
    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        h.send_bytes(200, page, content_type)

    return serve


def slow_ok(page: bytes, delay: float) -> Handler:
    """The page, after ``delay`` seconds (for crash tests: a crawl that takes a while)."""

    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        if h.wait(delay):
            h.send_bytes(200, page)

    return serve


def status(code: int, headers: dict[str, str] | None = None) -> Handler:
    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        h.send_bytes(code, f"<html><body>Error {code}</body></html>".encode(), headers=headers)

    return serve


def fail_then_ok(page: bytes, failures: int, code: int, retry_after: str | None = None) -> Handler:
    """``failures`` answers with ``code`` (and a Retry-After, if given), then the page.

    ``retry_after="date"`` sends an HTTP-date two seconds ahead instead of a number."""

    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        if nth > failures:
            h.send_bytes(200, page)
            return
        headers = {}
        if retry_after == "date":
            when = datetime.now(UTC) + timedelta(seconds=2)
            headers["Retry-After"] = email.utils.format_datetime(when, usegmt=True)
        elif retry_after is not None:
            headers["Retry-After"] = retry_after
        h.send_bytes(code, f"<html><body>Error {code}</body></html>".encode(), headers=headers)

    return serve


def too_slow(delay: float) -> Handler:
    """Headers and body only after ``delay`` seconds (longer than the crawl's timeout)."""

    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        if h.wait(delay):
            h.send_bytes(200, b"<html><body>too late</body></html>")

    return serve


def connection_reset() -> Handler:
    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        h.reset()

    return serve


def truncated(page: bytes) -> Handler:
    """Content-Length of the whole page, then half of it and a closed connection."""

    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(page)))
        h.end_headers()
        h.wfile.write(page[: len(page) // 2])
        h.wfile.flush()
        h.close_connection = True

    return serve


def redirect(location: str, code: int = 302) -> Handler:
    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        h.send_bytes(code, b"", headers={"Location": location})

    return serve


def streamed(total_bytes: int | None, chunk: bytes, pause: float = 0.0) -> Handler:
    """200 with no Content-Length, then ``chunk`` again and again: ``total_bytes`` in all, or
    forever (until the client hangs up or the server stops) when None."""

    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.end_headers()
        h.wfile.write(b"<html><head><title>Endless</title></head><body>")
        sent = 0
        while total_bytes is None or sent < total_bytes:
            if h.server.site.stop.is_set():
                return
            h.wfile.write(chunk)
            sent += len(chunk)
            if pause and not h.wait(pause):
                return
        h.wfile.write(b"</body></html>")

    return serve


def sized(total_bytes: int) -> Handler:
    """A page whose Content-Length announces ``total_bytes`` (the body follows if read)."""
    chunk = b"<p>" + b"filler " * 9000 + b"</p>\n"

    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(total_bytes))
        h.end_headers()
        sent = 0
        while sent < total_bytes and not h.server.site.stop.is_set():
            part = chunk[: total_bytes - sent]
            h.wfile.write(part)
            sent += len(part)

    return serve


def gzip_bombed() -> Handler:
    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        h.send_bytes(200, gzip_bomb(), headers={"Content-Encoding": "gzip"})

    return serve


# --- documents ---------------------------------------------------------------------------------


def rss(site: FaultSite, routes: list[Route]) -> bytes:
    """An RSS 2.0 feed listing ``routes`` (hand-made), newest first."""
    now = datetime.now(UTC).replace(microsecond=0)
    items = []
    for i, route in enumerate(routes):
        date = email.utils.format_datetime(now - timedelta(minutes=i), usegmt=True)
        content = ""
        if route.content_html:
            content = f"<content:encoded><![CDATA[{route.content_html}]]></content:encoded>"
        items.append(
            f"<item><title>{escape(route.title or route.path)}</title>"
            f"<link>{escape(site.url(route.path))}</link>"
            f"<guid>{escape(site.url(route.path))}</guid>"
            f"<pubDate>{date}</pubDate>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Fault Gazette</title>"
        f"<link>{site.base_url}/</link><description>A hand-made test site</description>"
        "<language>en</language>" + "".join(items) + "</channel></rss>"
    ).encode()


def big_feed(site: FaultSite, count: int) -> bytes:
    """An RSS feed of ``count`` entries linking to archive pages (hand-made)."""
    items = "".join(
        f"<item><title>Archived {n}</title>"
        f"<link>{site.base_url}/feed-archive/{n}.html</link></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Everything</title><link>{site.base_url}/</link>{items}</channel></rss>"
    ).encode()


def entity_bomb_feed(site: FaultSite) -> bytes:
    """RSS whose DTD defines an entity that expands to 10^9 copies of "lol" (billion laughs)."""
    entities = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        entities.append(f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE rss [{''.join(entities)}]>"
        '<rss version="2.0"><channel><title>&lol9;</title>'
        f"<link>{site.base_url}/</link><description>&lol9;</description>"
        f"<item><title>&lol9;</title><link>{site.base_url}/bomb/lol.html</link>"
        "<description>&lol9;</description></item></channel></rss>"
    ).encode()


def huge_sitemap(site: FaultSite, count: int = 100_000) -> bytes:
    """A sitemap listing ``count`` archive URLs (no lastmod), twice the protocol's limit."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    head += '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    urls = "".join(f"<url><loc>{site.base_url}/archive/{n}.html</loc></url>" for n in range(count))
    return (head + urls + "</urlset>").encode()


def small_sitemap(site: FaultSite, paths: list[str]) -> bytes:
    """A sitemap listing ``paths``, modified now (hand-made)."""
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    urls = "".join(
        f"<url><loc>{site.url(path)}</loc><lastmod>{now}</lastmod></url>" for path in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


def add_document(
    site: FaultSite,
    path: str,
    build: Callable[[], bytes],
    content_type: str,
    compress: bool = False,
) -> Route:
    """A document that embeds the server's URL: built when the server starts, then served
    (with ``Content-Encoding: gzip`` when ``compress``, as big sitemaps often are)."""
    cache: list[bytes] = []
    headers = {"Content-Encoding": "gzip"} if compress else {}

    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        h.send_bytes(200, cache[0], content_type, headers)

    def prepare() -> None:
        body = build()
        cache.append(gzip.compress(body, 6) if compress else body)

    site.on_start.append(prepare)
    return site.add(Route(path, serve, in_feed=False))


def add_feed(site: FaultSite, path: str = "/feed.xml") -> Route:
    """The site's feed, listing every route with ``in_feed`` (built when first requested)."""
    return add_document(site, path, lambda: rss(site, site.feed_articles()), "application/rss+xml")


def add_robots(site: FaultSite, text: str = "User-agent: *\nDisallow: /private/\n") -> Route:
    return site.add(
        Route("/robots.txt", ok(text.encode(), "text/plain; charset=utf-8"), in_feed=False)
    )


# --- running a crawl ---------------------------------------------------------------------------

# Settings every test crawl uses: fast, quiet, no consoles, no browser.
TEST_SETTINGS: dict[str, str] = {
    "LOG_LEVEL": "INFO",
    "TELNETCONSOLE_ENABLED": "False",
    "REMOTE_CONTROL_ENABLED": "False",
    "TRACKER_RENDER_JS_FALLBACK": "False",
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
}


@dataclass
class CrawlResult:
    """What a finished (or killed) crawl left behind."""

    returncode: int
    seconds: float
    log: str
    output: Path
    items: list[dict[str, Any]]
    stats: dict[str, Any]
    peak_rss_mb: float = 0.0

    @property
    def rejects(self) -> list[dict[str, Any]]:
        return read_jsonl(self.output / "rejects.jsonl")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def crawl_command(
    output: Path,
    spider_args: dict[str, str],
    settings: dict[str, str] | None = None,
    items_file: Path | None = None,
    spider: str = "article",
) -> list[str]:
    """``python -m scrapy crawl <spider> -a ... -s ...`` for a crawl writing into ``output``."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for name, value in spider_args.items():
        command += ["-a", f"{name}={value}"]
    merged = {**TEST_SETTINGS, "TRACKER_OUTPUT_DIR": str(output), **(settings or {})}
    for name, value in merged.items():
        command += ["-s", f"{name}={value}"]
    if items_file is not None:
        command += ["-O", f"{items_file}:jsonl"]
    return command


def crawl_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return env


def run_crawl(
    output: Path,
    spider_args: dict[str, str],
    settings: dict[str, str] | None = None,
    timeout: float = 120.0,
    spider: str = "article",
) -> CrawlResult:
    """Run a crawl to its end in a subprocess (from the project folder) and collect the results,
    with the peak RSS of that process alone (``wait4``), whatever else the test session ran."""
    items_file = output.parent / f"{output.name}-items-{time.monotonic_ns()}.jsonl"
    log_file = output.parent / f"{output.name}-log-{time.monotonic_ns()}.txt"
    output.parent.mkdir(parents=True, exist_ok=True)
    command = crawl_command(output, spider_args, settings, items_file, spider)
    start = time.monotonic()
    with log_file.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=crawl_env(), stdout=log, stderr=log)
    killer = threading.Timer(timeout, process.kill)
    killer.start()
    try:
        _pid, status, usage = os.wait4(process.pid, 0)
    finally:
        killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    log_text = log_file.read_text("utf-8", errors="replace")
    return CrawlResult(
        returncode=process.returncode,
        seconds=seconds,
        log=log_text,
        output=output,
        items=read_jsonl(items_file),
        stats=parse_stats(log_text),
        peak_rss_mb=usage.ru_maxrss / 1024,  # KiB on Linux
    )


def parse_stats(log: str) -> dict[str, Any]:
    """The stats Scrapy dumps at the end of a crawl ("Dumping Scrapy stats:" + a dict)."""
    marker = "Dumping Scrapy stats:"
    start = log.rfind(marker)
    if start < 0:
        return {}
    text = log[start + len(marker) :]
    end = text.find("}")
    if end < 0:
        return {}
    body = text[: end + 1].strip()
    import ast

    try:
        # The dump is a pprint'ed dict whose values may be datetimes: keep only literals.
        stats: dict[str, Any] = {}
        for line in body.strip("{}").splitlines():
            line = line.strip().rstrip(",")
            if not line or ":" not in line:
                continue
            key, _, value = line.partition(": ")
            with contextlib.suppress(ValueError, SyntaxError):
                stats[ast.literal_eval(key)] = ast.literal_eval(value)
        return stats
    except (ValueError, SyntaxError):
        return {}


def markdown_files(output: Path) -> list[Path]:
    """Article files under ``output`` (not indexes)."""
    return sorted(p for p in output.rglob("*.md") if p.name not in ("index.md", "stories.md"))


def leftover_temp_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.is_file() and p.name.endswith(".tmp"))


# --- a well-behaved site ------------------------------------------------------------------------

ALL_PAGES = sorted(p.name.removesuffix(".html.gz") for p in FIXTURES.glob("*.html.gz"))


def well_behaved_site(delay: float = 0.0, pages: list[str] | None = None) -> FaultSite:
    """robots.txt, a feed and one article per real page in tests/fixtures/fault_site, each
    answered after ``delay`` seconds (a slow server makes a crawl long enough to interrupt)."""
    site = FaultSite()
    add_robots(site)
    add_feed(site)
    for name in pages or ALL_PAGES:
        page = real_page(name)
        serve = slow_ok(page, delay) if delay else ok(page)
        site.add(Route(f"/news/{name.lower()}.html", serve, page=name))
    return site


def start_crawl(
    output: Path,
    spider_args: dict[str, str],
    settings: dict[str, str] | None = None,
    items_file: Path | None = None,
) -> subprocess.Popen[str]:
    """Start a crawl in a subprocess (its log goes to ``<output>.<ns>.log`` beside ``output``)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    log = (output.parent / f"{output.name}.{time.monotonic_ns()}.log").open("w")
    process = subprocess.Popen(
        crawl_command(output, spider_args, settings, items_file),
        cwd=ROOT,
        env=crawl_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log.close()
    return process


def state_summary(db_path: Path) -> dict[str, Any]:
    """Integrity and contents of a SQLite state store, read with a fresh connection."""
    import sqlite3

    conn = sqlite3.connect(str(db_path))
    try:
        return {
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
            "articles": dict(conn.execute("SELECT content_hash, path FROM articles").fetchall()),
            "urls": dict(conn.execute("SELECT url, content_hash FROM urls").fetchall()),
            "claims": conn.execute("SELECT content_hash, pid FROM claims").fetchall(),
        }
    finally:
        conn.close()


def source_url(markdown: Path) -> str | None:
    """The article URL on a Markdown file's **Source:** line."""
    import re

    match = re.search(r"^\*\*Source:\*\* \[.*\]\((\S+)\)$", markdown.read_text("utf-8"), re.M)
    return match.group(1) if match else None
