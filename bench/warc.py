"""WARC input benchmark: readers, memory, and articles per second from an archive.

Usage::

    python -m bench.warc                  # all three parts, default sizes
    python -m bench.warc --part readers   # readers | memory | crawl
    python -m bench.warc --articles 630   # pages in the end-to-end archive

- readers: records per second and MB/s (of the gzipped file) reading a WARC of 20,000 response
  records (copies of the 63 real fixture pages, each at its own URL; written with warcio) with
  tracker.archive.reader on fastwarc and on warcio, and each library's own bare iteration as
  a reference, in this process, fastest of 3 runs each.
- memory: peak resident memory (VmHWM) of a fresh process that reads every record (bodies
  included) of WARC files of 1,000, 5,000 and 20,000 records, per reader: flat means streaming.
  And of a whole crawl over each file: ``scrapy crawl cbc -a warc=FILE`` (the CBC page's copies,
  one record in 63, go through extraction and every pipeline; the rest are skipped unread).
- crawl: ``scrapy crawl article -a warc=FILE`` over an archive of distinct copies of the real
  pages (bench/site.py: own URL, a marker in each paragraph), per reader, against the reference:
  the same pages fetched "live" (replayed from a cassette with ``-a urls=``) in the same run.
  Articles per second = articles written / the crawl's elapsed time (Scrapy's stat), and per
  CPU second of the crawl process (steadier on a shared machine), one process (one core for
  extraction). With several cores, run one process per WARC file
  (``TRACKER_QUEUE``, docs/archives.md).
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
import time
from io import BytesIO
from pathlib import Path

from bench.site import Site, load_pages, usable_pages
from tools.fixture_warc import write_fixture_warc
from tools.fixtures import fixture_pages

ROOT = Path(__file__).resolve().parent.parent
READERS = ("fastwarc", "warcio")
# A publisher with one fixture page: one record in 63 is its, the rest are skipped.
CRAWL_SPIDER = "cbc"


def _best_of(runs: int, func: object) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def bench_readers(folder: Path, records: int) -> list[dict[str, object]]:
    from fastwarc.warc import ArchiveIterator as FastIterator
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator

    from tracker.archive.reader import archived_responses

    pages = fixture_pages()
    path = folder / f"readers-{records}.warc.gz"
    if not path.exists():
        write_fixture_warc(path, pages, copies=-(-records // len(pages)))
    size_mb = path.stat().st_size / 1e6
    count = sum(1 for _ in _ours(path, "fastwarc"))

    def ours(reader: str) -> None:
        for _ in _ours(path, reader):
            pass

    def bare_fastwarc() -> None:
        with path.open("rb") as stream:
            for record in FastIterator(stream, parse_http=True):
                record.reader.read()

    def bare_warcio() -> None:
        with path.open("rb") as stream:
            for record in WarcioIterator(stream):
                record.raw_stream.read()

    rows = []
    for name, func in (
        ("tracker + fastwarc", lambda: ours("fastwarc")),
        ("tracker + warcio", lambda: ours("warcio")),
        ("fastwarc alone (ArchiveIterator)", bare_fastwarc),
        ("warcio alone (raw_stream)", bare_warcio),
    ):
        seconds = _best_of(3, func)
        rows.append(
            {
                "reader": name,
                "records": count,
                "seconds": round(seconds, 3),
                "records_per_s": round(count / seconds),
                "mb_per_s": round(size_mb / seconds, 1),
            }
        )
    del archived_responses
    return rows


def _ours(path: Path, reader: str):  # type: ignore[no-untyped-def]
    from tracker.archive.reader import archived_responses, open_archive

    with open_archive(str(path)) as stream:
        yield from archived_responses(stream, str(path), reader=reader)


_MEMORY_CHILD = """
import sys
from tracker.archive.reader import archived_responses, open_archive
path, reader = sys.argv[1], sys.argv[2]
count = size = 0
with open_archive(path) as stream:
    for record in archived_responses(stream, path, reader=reader):
        count += 1
        size += len(record.body)
peak = 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1])
print(count, size, peak)
"""


def bench_memory(folder: Path, sizes: list[int]) -> list[dict[str, object]]:
    pages = fixture_pages()
    rows = []
    for records in sizes:
        path = folder / f"memory-{records}.warc.gz"
        if not path.exists():
            copies = -(-records // len(pages))
            write_fixture_warc(path, pages, copies=copies)
        for reader in READERS:
            result = subprocess.run(
                [sys.executable, "-c", _MEMORY_CHILD, str(path), reader],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                capture_output=True,
                text=True,
                check=True,
            )
            count, size, peak = (int(x) for x in result.stdout.split())
            rows.append(
                {
                    "reader": reader,
                    "records": count,
                    "file_mb": round(path.stat().st_size / 1e6, 1),
                    "bodies_mb": round(size / 1e6, 1),
                    "peak_rss_mb": round(peak / 1024, 1),
                }
            )
        rows.append({"reader": f"crawl {CRAWL_SPIDER}, fastwarc", **_crawl_peak(folder, path)})
    return rows


def _crawl_peak(folder: Path, path: Path) -> dict[str, object]:
    """Peak memory of ``scrapy crawl <CRAWL_SPIDER> -a warc=path``, sampled from /proc."""
    out = Path(tempfile.mkdtemp(dir=folder))
    command = [
        sys.executable, "-m", "scrapy", "crawl", CRAWL_SPIDER, "-a", f"warc={path}",
        "-s", f"TRACKER_OUTPUT_DIR={out}", "-s", "LOG_LEVEL=INFO",
    ]  # fmt: skip
    log_path = out / "crawl.log"
    with log_path.open("w") as log_file:  # a pipe would fill up and stall the crawl
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    peak = 0
    while process.poll() is None:
        try:
            for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.2)
    log = log_path.read_text()
    records = re.search(r"'tracker/archive/records': (\d+)", log)
    return {
        "records": int(records.group(1)) if records else 0,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "bodies_mb": "",
        "peak_rss_mb": round(peak / 1024, 1),
    }


# --- end to end ---------------------------------------------------------------------------------


def _site_archive(folder: Path, articles: int) -> tuple[Path, Path, list[str]]:
    """A WARC file and a cassette of the same ``articles`` distinct pages; their URLs."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from tracker.cassettes import make_interaction, write_cassette

    pages, _dropped = usable_pages(load_pages())
    site = Site(
        pages,
        articles,
        lambda i, base, copy: base.url.rstrip("/") + f"-copy-{copy}/",
    )
    warc = folder / f"site-{articles}.warc.gz"
    cassette = folder / f"site-{articles}.json"
    urls = []
    interactions = []
    with warc.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="1.1")
        for article in site.articles():
            body = site.page(article.index).encode("utf-8")
            headers = [("Content-Type", "text/html; charset=utf-8")]
            record = writer.create_warc_record(
                article.url,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
            )
            writer.write_record(record)
            interactions.append(
                make_interaction(
                    method="GET",
                    uri=article.url,
                    status=200,
                    headers={"Content-Type": ["text/html; charset=utf-8"]},
                    body=body,
                )
            )
            urls.append(article.url)
    write_cassette(cassette, interactions)
    return warc, cassette, urls


def _crawl(out: Path, *args: str) -> dict[str, object]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "article",
        "-s", f"TRACKER_OUTPUT_DIR={out}", "-s", "LOG_LEVEL=INFO", *args,
    ]  # fmt: skip
    start = time.perf_counter()
    used_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (used.ru_utime - used_before.ru_utime) + (used.ru_stime - used_before.ru_stime)
    items = re.search(r"'item_scraped_count': (\d+)", result.stderr)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", result.stderr)
    written = int(items.group(1)) if items else 0
    seconds = float(elapsed.group(1)) if elapsed else wall
    return {
        "articles": written,
        "seconds": round(seconds, 1),
        "per_s": round(written / seconds, 2),
        # CPU seconds of the crawl process (start-up included): steadier on a shared machine.
        "cpu_s": round(cpu, 1),
        "per_cpu_s": round(written / cpu, 2),
    }


def bench_crawl(folder: Path, articles: int) -> list[dict[str, object]]:
    warc, cassette, urls = _site_archive(folder, articles)
    urls_file = folder / "urls.txt"
    urls_file.write_text(",".join(urls))
    rows = []
    runs = {
        "live (cassette replay, -a urls=)": (
            "-s", f"TRACKER_REPLAY={cassette}", "-a", f"urls={','.join(urls)}",
        ),
        "archive, fastwarc": ("-a", f"warc={warc}", "-s", "TRACKER_WARC_READER=fastwarc"),
        "archive, warcio": ("-a", f"warc={warc}", "-s", "TRACKER_WARC_READER=warcio"),
    }  # fmt: skip
    for name, args in runs.items():
        with tempfile.TemporaryDirectory(dir=folder) as out:
            row = {"run": name, **_crawl(Path(out), *args)}
        rows.append(row)
    reference = rows[0]["per_cpu_s"]
    for row in rows:
        row["vs_live_cpu"] = round(float(row["per_cpu_s"]) / float(reference), 2)  # type: ignore[arg-type]
    return rows


def _table(rows: list[dict[str, object]]) -> str:
    if not rows:
        return ""
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["readers", "memory", "crawl", "all"], default="all")
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--articles", type=int, default=315)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as tmp:
        folder = Path(tmp)
        results = {}
        if args.part in ("readers", "all"):
            results["readers"] = bench_readers(folder, args.records)
            print(f"Readers ({args.records} records, best of 3):\n" + _table(results["readers"]))
        if args.part in ("memory", "all"):
            sizes = [int(s) for s in args.sizes.split(",")]
            results["memory"] = bench_memory(folder, sizes)
            print("\nPeak memory reading every record:\n" + _table(results["memory"]))
        if args.part in ("crawl", "all"):
            results["crawl"] = bench_crawl(folder, args.articles)
            print(f"\nEnd to end ({args.articles} articles):\n" + _table(results["crawl"]))
        if args.json:
            print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
