"""Browser benchmark: the same local pages crawled with and without a headless Chromium.

Usage::

    python -m bench.browser            # N = 60 pages per run, plain runs 3 times each
    python -m bench.browser --n 200 --repeat 5 --json

The pages are the hand-made ones in tests/fixtures/js (see their README), served on 127.0.0.1
by this script under N distinct URLs each:

- ``static``: the server-rendered article (``static-article.html``, no scripts);
- ``js``: the client-rendered one (``article.html``: its bundle fetches the article's JSON and
  injects it).

Runs, each a real ``scrapy crawl article -a urls=...`` in a subprocess, with the project's
settings, middlewares and pipelines (Markdown files into a temporary folder), politeness
relaxed for this local site only (no download delay, no AutoThrottle):

1. ``stock-handler``: static pages, Scrapy's own HTTP/1.1 download handler (the baseline);
2. ``plain``: static pages, the tracker's handler (browser support installed, not used);
   ``eager-playwright``: static pages, scrapy-playwright's handler installed directly (what the
   tracker avoids: it starts Playwright's driver with every crawl). These three run ``--repeat``
   times, alternating, and the median is printed: differences between them are small next to
   the noise of a shared machine;
3. ``browser``: the same static pages with ``-a render_js=true``;
4. ``js-fallback``: JS pages without render_js: plain fetch, no article, fetched again in the
   browser (the automatic fallback);
5. ``js-render``: JS pages with ``-a render_js=true``.

Printed per run: articles written, pages per second (articles / the crawl's own
``elapsed_time_seconds``, and / wall time with start-up), and peak memory: the whole process
tree's proportional set size (PSS: Scrapy, Playwright's driver, every Chromium process; shared
pages counted once) and its process count, sampled every 50 ms, and the Scrapy process's own
peak RSS; and the CPU time of the whole tree per article, which the load of a shared machine
disturbs far less than wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "tests" / "fixtures" / "js"

# URL path suffix -> fixture file; any prefix (/static/17/, /js/17/) maps to the same file, so
# each copy is its own URL while a page's relative links (static/app.js) keep working.
FILES = {
    "static-article.html": ("static-article.html", "text/html; charset=utf-8"),
    "article.html": ("article.html", "text/html; charset=utf-8"),
    "static/app.js": ("static/app.js", "text/javascript"),
    "api/article.json": ("api/article.json", "application/json"),
}


@contextmanager
def serve() -> Iterator[str]:
    """The fixture pages on 127.0.0.1; yields the base URL."""
    bodies = {key: (JS / name).read_bytes() for key, (name, _) in FILES.items()}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            for key, (_, content_type) in FILES.items():
                if path.endswith("/" + key):
                    body = bodies[key]
                    # Each copy is its own article: its number in the headline and text.
                    copy = path.split("/")[2] if path.count("/") >= 3 else "0"
                    if key.endswith((".html", ".json")):
                        body = body.replace(b"Volunteers", f"Volunteers ({copy})".encode())
                    self.send_response(200)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
            self.send_error(404)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_pss_kib(root: int) -> tuple[int, int]:
    """PSS of ``root`` and all its descendants in KiB, and how many processes that is."""
    tree = _children()
    total, count, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        total += int(match.group(1)) if match else 0
        count += 1
    return total, count


@dataclass
class Run:
    name: str
    pages: int
    articles: int
    crawl_seconds: float
    wall_seconds: float
    pages_per_second: float
    pages_per_second_wall: float
    cpu_seconds: float
    cpu_ms_per_page: float
    peak_tree_pss_mib: float
    peak_scrapy_rss_mib: float
    peak_processes: int
    browser_pages: int
    fallbacks: int


def crawl(name: str, urls: list[str], workdir: Path, *args: str) -> Run:
    out = workdir / name
    out.mkdir()
    (out / "urls.txt").write_text(",".join(urls))
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "article",
        "-a",
        "urls=" + ",".join(urls),
        "-s",
        f"TRACKER_OUTPUT_DIR={out / 'output'}",
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "ROBOTSTXT_OBEY=False",
        "-s",
        "LOG_LEVEL=INFO",
        "-s",
        "MEMUSAGE_ENABLED=True",
        *args,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # CPU time of the whole tree (Scrapy, and the driver and browser it reaps): steadier than
    # wall time on a shared machine.
    cpu_before = _children_cpu()
    started = time.perf_counter()
    log = (out / "crawl.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    peak, processes = 0, 0
    while process.poll() is None:
        pss, count = tree_pss_kib(process.pid)
        peak, processes = max(peak, pss), max(processes, count)
        time.sleep(0.05)
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    log.close()
    text = (out / "crawl.log").read_text()
    if process.returncode != 0:
        raise SystemExit(f"{name}: crawl failed, see {out / 'crawl.log'}\n{text[-2000:]}")
    dump = text.rpartition("Dumping Scrapy stats:")[2]
    stats = {k: float(v) for k, v in re.findall(r"'([^']+)': ([\d.]+)[,}]", dump)}
    articles = int(stats.get("item_scraped_count", 0))
    elapsed = stats.get("elapsed_time_seconds", wall)
    return Run(
        name=name,
        pages=len(urls),
        articles=articles,
        crawl_seconds=round(elapsed, 2),
        wall_seconds=round(wall, 2),
        pages_per_second=round(articles / elapsed, 1) if elapsed else 0.0,
        pages_per_second_wall=round(articles / wall, 1),
        cpu_seconds=round(cpu, 2),
        cpu_ms_per_page=round(1000 * cpu / max(1, articles), 1),
        peak_tree_pss_mib=round(peak / 1024, 1),
        peak_scrapy_rss_mib=round(stats.get("memusage/max", 0) / 2**20, 1),
        peak_processes=processes,
        browser_pages=int(stats.get("tracker/render_js/pages", 0)),
        fallbacks=int(stats.get("tracker/render_js/fallback", 0)),
    )


STOCK = json.dumps(
    {
        "http": "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler",
        "https": "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler",
    }
)
EAGER = json.dumps(
    {
        "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
        "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    }
)


def median_run(runs: list[Run]) -> Run:
    """The run with the median speed (its own memory figures kept with it)."""
    ordered = sorted(runs, key=lambda r: r.pages_per_second)
    return ordered[len(ordered) // 2]


def report(run: Run, as_json: bool, note: str = "") -> None:
    print(
        f"{run.name:16} {run.articles:4}/{run.pages} articles "
        f"{run.pages_per_second:6.1f} pages/s ({run.pages_per_second_wall:5.1f} with "
        f"start-up)  CPU {run.cpu_ms_per_page:6.1f} ms/page  peak PSS "
        f"{run.peak_tree_pss_mib:6.1f} MiB in {run.peak_processes:2} processes (Scrapy RSS "
        f"{run.peak_scrapy_rss_mib:5.1f} MiB)  browser pages {run.browser_pages:3}  "
        f"fallbacks {run.fallbacks:3}{note}",
        flush=True,
    )
    if as_json:
        print(json.dumps(asdict(run)), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60, help="pages per run (default 60)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each plain setup")
    parser.add_argument("--json", action="store_true", help="print one JSON object per run too")
    options = parser.parse_args(argv)
    runs: list[Run] = []
    with serve() as base, tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        workdir = Path(tmp)
        static = [f"{base}/static/{i}/static-article.html" for i in range(options.n)]
        js = [f"{base}/js/{i}/article.html" for i in range(options.n)]
        plain_plan: list[tuple[str, tuple[str, ...]]] = [
            ("stock-handler", ("-s", f"DOWNLOAD_HANDLERS={STOCK}")),
            ("plain", ()),
            ("eager-playwright", ("-s", f"DOWNLOAD_HANDLERS={EAGER}")),
        ]
        repeats: dict[str, list[Run]] = {name: [] for name, _ in plain_plan}
        for attempt in range(options.repeat):
            for name, args in plain_plan:
                repeats[name].append(crawl(f"{name}-{attempt}", static, workdir, *args))
        for name, _ in plain_plan:
            run = median_run(repeats[name])
            run.name = name
            speeds = ", ".join(f"{r.pages_per_second:.1f}" for r in repeats[name])
            cpus = ", ".join(f"{r.cpu_ms_per_page:.1f}" for r in repeats[name])
            runs.append(run)
            report(run, options.json, f"  (runs: {speeds} pages/s; {cpus} CPU ms/page)")
        browser_plan: list[tuple[str, list[str], tuple[str, ...]]] = [
            ("browser", static, ("-a", "render_js=true")),
            ("js-fallback", js, ()),
            ("js-render", js, ("-a", "render_js=true")),
        ]
        for name, urls, args in browser_plan:
            run = crawl(name, urls, workdir, *args)
            runs.append(run)
            report(run, options.json)
    by_name = {r.name: r for r in runs}
    plain, browser = by_name["plain"], by_name["browser"]
    if browser.pages_per_second:
        speed = plain.pages_per_second / browser.pages_per_second
        memory = browser.peak_tree_pss_mib / plain.peak_tree_pss_mib
        print(
            f"same static pages: plain HTTP is {speed:.1f}x as fast as the browser, "
            f"which needs {memory:.1f}x the memory"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
