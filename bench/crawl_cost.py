"""What a crawl costs beyond extraction: a replayed ``scrapy crawl article`` against
``extract_article`` alone, on the same real pages, and where the difference goes.

Usage::

    python -m bench.crawl_cost --dataset ../shared/corpus/wcxb-dev --limit 256
    python -m bench.crawl_cost --dataset ../shared/corpus/wcxb-dev --limit 256 --profile crawl.prof
    python -m bench.crawl_cost --dataset ../shared/corpus/wcxb-dev --offset 256 --limit 256
    python -m bench.crawl_cost ... -s TRACKER_EXTRACT_WORKERS=0   # any crawl setting
    python -m bench.crawl_cost ... --keep /tmp/after   # keep items.jsonl and output/ to compare

The pages are an ``aeb``-layout dataset (WCXB's dev split is one): the crawl is the one
``bench.extraction --end-to-end`` runs, ``scrapy crawl article -a rules=generic`` over a feed that
lists the pages, every response answered from a cassette built from the dataset, through all the
pipelines, in a subprocess as a user runs it. Figures are CPU seconds (user + system of the crawl
process and every process it waited for), which a shared, loaded machine disturbs far less than
wall time; wall time is printed too.

"Extraction alone" is ``extract_article`` on the same HTML in this process, after a warm-up pass,
summed CPU time per page. The ratio crawl/extraction is the crawl's overhead: start-up, Scrapy,
pipelines (dates, summaries, Markdown files).

``--keep DIR`` writes the crawl's JSON lines (``DIR/items.jsonl``) and Markdown files
(``DIR/output``) there instead of a temporary folder, to compare two versions' outputs.

``--stages`` runs the crawl through ``bench.crawl_stages`` and prints its CPU seconds per stage
(extraction inside the crawl, the cassette's load, each pipeline, garbage collection, the
rest); the counters cost a little, so the ratio is measured on the unwrapped run.

``--profile FILE`` runs the crawl under cProfile (``python -m cProfile -o FILE``) and prints the
top entries by cumulative and by own time; profiling slows Python code down by roughly a half, so
the ratio is measured on the unprofiled run.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.crawl_stages import format_report
from bench.extraction import END_TO_END_FEED, Page, load_aeb, write_dataset_cassette
from tracker.extract import extract_article

ROOT = Path(__file__).resolve().parent.parent


def extraction_seconds(pages: Sequence[Page], warmup: int = 5) -> float:
    """CPU seconds ``extract_article`` takes over all the pages, after a warm-up pass."""
    for page in pages[:warmup]:
        extract_article(page.html, page.url)
    total = 0.0
    for page in pages:
        start = time.process_time()
        extract_article(page.html, page.url)
        total += time.process_time() - start
    return total


def crawl(
    pages: Sequence[Page],
    workdir: Path,
    settings: Sequence[str],
    profile: Path | None,
    stages: Path | None = None,
) -> tuple[float, float, int]:
    """Run the replayed crawl; return (CPU seconds, wall seconds, items written). ``stages``:
    run it through bench.crawl_stages, which writes its per-stage CPU seconds there."""
    cassette = workdir / "dataset.json"
    write_dataset_cassette(pages, cassette)
    out = workdir / "items.jsonl"
    prefix = [sys.executable]
    if profile is not None:
        prefix += ["-m", "cProfile", "-o", str(profile)]
    prefix += ["-m", "bench.crawl_stages", str(stages)] if stages is not None else ["-m", "scrapy"]
    command = [
        *prefix, "crawl", "article", "-a", f"feed={END_TO_END_FEED}",
        "-a", "rules=generic", "-O", str(out), "-s", f"TRACKER_REPLAY={cassette}",
        "-s", f"TRACKER_OUTPUT_DIR={workdir / 'output'}", "-s", "TRACKER_FEED_MAX_ENTRIES=0",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=ERROR",
    ]  # fmt: skip
    for setting in settings:
        command += ["-s", setting]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=7200)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    written = sum(1 for _ in out.open(encoding="utf-8")) if out.exists() else 0
    return cpu, wall, written


def print_profile(path: Path, top: int) -> None:
    stats = pstats.Stats(str(path))
    print(f"\nprofile {path}: {stats.total_tt:.1f} s in all")  # type: ignore[attr-defined]
    for order in ("cumulative", "tottime"):
        print(f"\n--- top {top} by {order} ---")
        stats.sort_stats(order).print_stats(top)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.crawl_cost", description=__doc__)
    parser.add_argument("--dataset", type=Path, required=True, help="aeb-layout dataset folder")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N pages")
    parser.add_argument("--limit", type=int, default=256, help="use N pages (0: all)")
    parser.add_argument("--profile", type=Path, help="run the crawl under cProfile into FILE")
    parser.add_argument(
        "--stages", action="store_true", help="also print CPU seconds per stage of the crawl"
    )
    parser.add_argument("--top", type=int, default=30, help="profile entries to print")
    parser.add_argument(
        "-s", dest="settings", action="append", default=[], help="NAME=VALUE for the crawl"
    )
    parser.add_argument("--no-extraction", action="store_true", help="time the crawl only")
    parser.add_argument("--keep", type=Path, help="write the crawl's outputs into this new folder")
    args = parser.parse_args(argv)

    pages = load_aeb(args.dataset)[args.offset :]
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        parser.error("no pages")
    if args.stages and args.profile:
        parser.error("--stages and --profile: one at a time")
    report = None
    with tempfile.TemporaryDirectory(prefix="bench-crawl-cost-") as tmp:
        stages = Path(tmp) / "stages.json" if args.stages else None
        workdir = Path(tmp)
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=False)
            workdir = args.keep.resolve()
        cpu, wall, written = crawl(pages, workdir, args.settings, args.profile, stages)
        if stages is not None:
            report = json.loads(stages.read_text(encoding="utf-8"))
    print(
        f"{len(pages)} pages from {args.dataset} (offset {args.offset}): crawl wrote {written}; "
        f"{cpu:.1f} CPU s ({1000 * cpu / len(pages):.0f} ms per page), wall {wall:.1f} s"
        + (" [profiled]" if args.profile else " [stages counted]" if args.stages else "")
    )
    if report is not None:
        print(format_report(report))
    if not args.no_extraction:
        alone = extraction_seconds(pages)
        print(
            f"extract_article alone: {alone:.1f} CPU s ({1000 * alone / len(pages):.0f} ms per "
            f"page); crawl / extraction = {cpu / alone:.2f}x"
        )
    if args.profile:
        print_profile(args.profile, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
