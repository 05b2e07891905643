"""Crawl benchmark: a full crawl of a local news site of N real pages, speed and peak memory.

Usage::

    python -m bench.crawl                       # N = 1,000 and 10,000; 1 process and 2 + Redis
    python -m bench.crawl --n 1000 --workers 1  # one configuration
    python -m bench.crawl --n 1000 --workers 1 --extract-workers 0 1 2 --attempts 1
                                                # extraction in the crawl's thread, 1, 2 workers
    python -m bench.crawl --json                # one JSON object per run as well

The site (bench/site.py) serves N copies of the real article pages in tests/fixtures on
127.0.0.1: a sitemap lists them (a hand-built listing), each copy has its own URL and a small
distinguishing edit (its URL written in, a marker at the start of each paragraph, its date
moved back by up to a year so copies spread over day folders as an archive does).

Each run is the real thing: ``bench`` is a NewsSpider with no site rules (sitemap discovery,
generic extraction), and the project's settings, middlewares and pipelines write Markdown files
and indexes. Only politeness is relaxed, for this local site alone, with settings overrides:
no robots.txt, no AutoThrottle, no download delay, 16 requests at a time to the one host.

- 1 process: Scrapy's own scheduler, the SQLite state store in the output folder.
- 2 processes: a redis-server on 127.0.0.1 (started here) holds the request queue
  (``TRACKER_QUEUE``) and the state (``TRACKER_STATE``); each process writes its own output
  folder, as two Scrapyd nodes would.

Each configuration runs twice on the same state (``--attempts``): the second run must fetch no
article page (the server counts what it serves). ``--extract-workers`` sets
``TRACKER_EXTRACT_WORKERS`` in each crawler process (0: extraction in the crawl's thread; N worker
processes; ``auto``: one per usable core); the extraction workers' peak resident memory is
sampled from /proc every second. Printed per run: articles written, article pages served,
wall time, pages per second (article pages served / wall time, start-up included) and each
process's resident memory: its peak (VmHWM, read by the process itself at the end of its crawl)
and the median of one-second samples during the crawl (the steady level).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.site import SiteServer, load_pages, usable_pages
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Sitemap

ROOT = Path(__file__).resolve().parent.parent

# Politeness off, for the local bench site only (never in the project settings).
BENCH_SETTINGS = {
    "ROBOTSTXT_OBEY": "False",
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
    # Follow every URL of the bench sitemap (the project caps huge sitemaps by default).
    "TRACKER_SITEMAP_MAX_URLS": "0",
}


class BenchSpider(NewsSpider):
    """Generic spider for the local bench site: its sitemap, no site rules."""

    name = "bench"
    publisher = ""  # each copy keeps its real publisher's name (og:site_name, JSON-LD)
    allowed_domains = ["127.0.0.1"]

    def __init__(self, *args: Any, site: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not site:
            raise ValueError("-a site=http://127.0.0.1:PORT is required")
        self.sources = [Sitemap(site.rstrip("/") + "/sitemap.xml", max_age_days=None)]


# --- one worker process ----------------------------------------------------------------------


def run_worker(site: str, out: Path, settings: dict[str, str], stats_file: Path) -> None:
    """Run one crawl in this process and write its stats as JSON."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    os.chdir(ROOT)  # the project's scrapy.cfg and settings
    project = get_project_settings()
    project.set("TRACKER_OUTPUT_DIR", str(out), priority="cmdline")
    project.set("LOG_FILE", str(out.with_suffix(".log")), priority="cmdline")
    for name, value in settings.items():
        project.set(name, value, priority="cmdline")
    process = CrawlerProcess(project)
    crawler = process.create_crawler(BenchSpider)
    process.crawl(crawler, site=site)
    # Resident memory every second while the crawl runs: the steady level, besides the peak.
    samples: list[int] = []
    done = threading.Event()

    helpers: dict[int, int] = {}  # pid of a descendant (extraction worker) -> its peak RSS

    def sample() -> None:
        while not done.wait(1.0):
            samples.append(_status_kib("VmRSS"))
            for pid in _descendants(os.getpid()):
                peak = _status_kib("VmHWM", pid)
                if peak:
                    helpers[pid] = max(peak, helpers.get(pid, 0))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.start()
    done.set()
    stats = {k: v for k, v in (crawler.stats.get_stats() or {}).items()}
    stats["bench/peak_rss_kib"] = peak_rss_kib()
    stats["bench/median_rss_kib"] = sorted(samples)[len(samples) // 2] if samples else 0
    # The forkserver is small; the extraction workers are the descendants that grew.
    stats["bench/helper_peak_rss_kib"] = sorted(helpers.values())
    stats_file.write_text(json.dumps(stats, default=str, indent=1, sort_keys=True))


def _status_kib(field_name: str, pid: int | str = "self") -> int:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0
    for line in lines:
        if line.startswith(field_name + ":"):
            return int(line.split()[1])
    return 0


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children of children too), from /proc."""
    found: list[int] = []
    queue = [pid]
    while queue:
        parent = queue.pop()
        try:
            tasks = list(Path(f"/proc/{parent}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found.extend(children)
            queue.extend(children)
    return found


def peak_rss_kib() -> int:
    """This process's peak resident memory (VmHWM: the high-water mark of its own address
    space; unlike a child's ru_maxrss it does not include the parent's memory at fork)."""
    peak = _status_kib("VmHWM")
    if peak:
        return peak
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# --- the driver ------------------------------------------------------------------------------


@dataclass
class Run:
    n: int
    workers: int
    extract_workers: str  # TRACKER_EXTRACT_WORKERS of each crawler process
    attempt: int  # 1: first crawl, 2: the same crawl again on the same state
    seconds: float
    articles_served: int
    discovery_served: int
    written: int
    items_per_worker: list[int]
    peak_rss_mb: list[float]
    median_rss_mb: list[float]
    worker_peak_rss_mb: list[float]  # each extraction worker's peak (all crawler processes)
    # Per process: requests taken from the queue, retries, download errors.
    dequeued: list[int] = field(default_factory=list)
    retries: list[int] = field(default_factory=list)
    pages_per_second: float = field(init=False)

    def __post_init__(self) -> None:
        self.pages_per_second = round(self.articles_served / self.seconds, 1) if self.seconds else 0


def _hits(server: SiteServer) -> dict[str, int]:
    with server._lock:
        return dict(server.hits)


def _reset(server: SiteServer) -> None:
    with server._lock:
        server.hits = dict.fromkeys(server.hits, 0)


def start_redis(workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit("redis-server did not start")


def crawl_once(
    server: SiteServer,
    workdir: Path,
    workers: int,
    redis_url: str | None,
    attempt: int,
    extract_workers: str = "auto",
) -> Run:
    settings = dict(BENCH_SETTINGS)
    settings["TRACKER_EXTRACT_WORKERS"] = extract_workers
    if redis_url:
        settings["TRACKER_STATE"] = redis_url
        settings["TRACKER_QUEUE"] = redis_url
    _reset(server)
    started = time.perf_counter()
    processes = []
    for w in range(workers):
        out = workdir / f"out{w}"
        out.mkdir(exist_ok=True)
        stats_file = workdir / f"stats{w}-{attempt}.json"
        argv = [sys.executable, "-m", "bench.crawl", "--worker", server.base_url, str(out)]
        argv += [str(stats_file), json.dumps(settings)]
        processes.append(
            (subprocess.Popen(argv, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}), out)
        )
    peaks, medians, items, dequeued, retries = [], [], [], [], []
    helper_peaks: list[float] = []
    for process, out in processes:
        if process.wait() != 0:
            raise SystemExit(f"worker failed ({process.returncode}); see {out}.log")
    seconds = time.perf_counter() - started
    for w in range(workers):
        stats = json.loads((workdir / f"stats{w}-{attempt}.json").read_text())
        items.append(int(stats.get("item_scraped_count", 0)))
        peaks.append(round(int(stats["bench/peak_rss_kib"]) / 1024, 1))
        medians.append(round(int(stats.get("bench/median_rss_kib", 0)) / 1024, 1))
        helper_peaks += [round(k / 1024, 1) for k in stats.get("bench/helper_peak_rss_kib", [])]
        dequeued.append(
            int(stats.get("scheduler/dequeued") or stats.get("scheduler/dequeued/redis", 0))
        )
        retries.append(int(stats.get("retry/count", 0)))
    written = sum(
        1
        for w in range(workers)
        for p in (workdir / f"out{w}").rglob("*.md")
        if p.name != "index.md"
    )
    hits = _hits(server)
    return Run(
        n=server.site.n,
        workers=workers,
        extract_workers=extract_workers,
        attempt=attempt,
        seconds=round(seconds, 1),
        articles_served=hits["articles"],
        discovery_served=hits["discovery"],
        written=written,
        items_per_worker=items,
        peak_rss_mb=peaks,
        median_rss_mb=medians,
        worker_peak_rss_mb=helper_peaks,
        dequeued=dequeued,
        retries=retries,
    )


def bench(
    ns: Sequence[int],
    worker_counts: Sequence[int],
    as_json: bool,
    extract_workers: Sequence[str] = ("auto",),
    attempts: int = 2,
) -> list[Run]:
    pages, dropped = usable_pages(load_pages())
    print(
        f"base pages: {len(pages)} real captures from tests/fixtures"
        + (
            f" ({len(dropped)} left out: copies not distinct: {', '.join(dropped)})"
            if dropped
            else ""
        ),
        flush=True,
    )
    runs = []
    for n in ns:
        server = SiteServer(pages, n, spread_days=365)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            configurations = [(w, e) for w in worker_counts for e in extract_workers]
            for workers, extracting in configurations:
                workdir = Path(tempfile.mkdtemp(prefix=f"bench-crawl-{n}-{workers}-"))
                redis_process = None
                redis_url = None
                if workers > 1:
                    redis_process, port = start_redis(workdir)
                    redis_url = f"redis://127.0.0.1:{port}/0"
                try:
                    for attempt in range(1, attempts + 1):
                        run = crawl_once(server, workdir, workers, redis_url, attempt, extracting)
                        runs.append(run)
                        print(_line(run), flush=True)
                        if as_json:
                            print(json.dumps(asdict(run)), flush=True)
                finally:
                    if redis_process is not None:
                        redis_process.terminate()
                        redis_process.wait(timeout=10)
                    shutil.rmtree(workdir, ignore_errors=True)
        finally:
            server.shutdown()
    return runs


def _line(run: Run) -> str:
    label = "first run " if run.attempt == 1 else "second run"
    mode = "1 process          " if run.workers == 1 else f"{run.workers} processes + Redis"
    mode += f", extraction workers {run.extract_workers:>4}"
    return (
        f"N={run.n:>6}  {mode}  {label}: {run.written:>6} written, "
        f"{run.articles_served:>6} article pages served in {run.seconds:>7.1f} s "
        f"= {run.pages_per_second:>6.1f} pages/s ({run.discovery_served} sitemap fetches); "
        f"items per process {run.items_per_worker}; "
        f"RSS MB peak {run.peak_rss_mb} median {run.median_rss_mb}; "
        f"extraction workers' peak RSS MB {run.worker_peak_rss_mb}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--worker"]:
        site, out, stats_file, settings = args[1:5]
        run_worker(site, Path(out), json.loads(settings), Path(stats_file))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--extract-workers",
        nargs="+",
        default=["auto"],
        help="TRACKER_EXTRACT_WORKERS values to compare (0 = in the crawl's thread, auto, N)",
    )
    parser.add_argument(
        "--attempts", type=int, default=2, help="runs per configuration on the same state"
    )
    parser.add_argument("--json", action="store_true")
    opts = parser.parse_args(args)
    bench(opts.n, opts.workers, opts.json, opts.extract_workers, opts.attempts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
