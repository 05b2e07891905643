"""Extraction speed in CPU seconds, and a snapshot of the tracker's outputs for before/after diffs.

Usage::

    python -m bench.speed --format wcxb --dataset ../shared/corpus/wcxb-dev [--split dev]
        [--repeat 3] [--snapshot out.json] [--profile out.prof] [--no-timing]

The tracker's ``extract_article(html, url)`` (no site rules, as bench.extraction calls it) and
trafilatura's bare ``extract(html, include_comments=False)`` take turns page by page on the same
decoded HTML in one process; each page is timed ``--repeat`` times with ``time.process_time``
(CPU seconds of this process, so other people's jobs on a shared machine count less than in wall
time) and its fastest run counts. The ratio printed is trafilatura's CPU seconds over the
tracker's (>= 1.0 means the tracker is at least as fast). ``--snapshot`` writes every field,
provenance and page-kind verdict of ``extract_article`` per page id, so that a change meant to be
performance-only can be checked to give identical outputs (``diff`` the two files).
``--profile`` runs the tracker alone once over the pages under cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.extraction import LOADERS, Extractor, Output, Page, evaluate, run_trafilatura
from tracker.extract.article import extract_article


def _no_output(page: Page, raw: Any) -> Output:
    return Output("")


def cpu_seconds(pages: Sequence[Page], repeat: int) -> dict[str, float]:
    """CPU seconds of each extractor over ``pages`` (fastest of ``repeat`` runs per page),
    timed as bench.extraction times them (warm-up, turns page by page), with no scoring."""
    extractors = {
        "tracker": Extractor(extract_article, _no_output),
        "trafilatura": Extractor(run_trafilatura, _no_output),
    }
    _, seconds = evaluate(extractors, pages, repeat, clock=time.process_time)
    return {name: sum(times) for name, times in seconds.items()}


def snapshot(pages: Sequence[Page]) -> dict[str, Any]:
    """Every page's extraction as plain JSON data, keyed by page id."""
    outputs: dict[str, Any] = {}
    for page in pages:
        extraction = extract_article(page.html, page.url)
        outputs[page.id] = {
            "fields": extraction.fields,
            "provenance": extraction.provenance,
            "page_kind": extraction.page_kind,
            "not_article": extraction.not_article,
        }
    return outputs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=sorted(LOADERS), required=True)
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--split", choices=("all", "dev", "check"), default="all")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--snapshot", type=Path, help="write the tracker's outputs to this file")
    parser.add_argument("--profile", type=Path, help="cProfile the tracker into this file")
    parser.add_argument("--no-timing", action="store_true", help="skip the timed runs")
    args = parser.parse_args(argv)

    pages = LOADERS[args.format](args.dataset)
    if args.split != "all":
        pages = [page for page in pages if page.split == args.split]
    if args.snapshot:
        data = snapshot(pages)
        args.snapshot.write_text(
            json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8",
        )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for page in pages:
            extract_article(page.html, page.url)
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    if not args.no_timing:
        totals = cpu_seconds(pages, args.repeat)
        print(
            f"{len(pages)} pages, CPU seconds: tracker {totals['tracker']:.2f}, "
            f"trafilatura {totals['trafilatura']:.2f}; speed ratio tracker/trafilatura "
            f"(CPU, in process): {totals['trafilatura'] / totals['tracker']:.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
