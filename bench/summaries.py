"""Summariser benchmark: time per article, and whether the summaries changed.

Usage::

    python -m bench.summaries                                   # the fixture pages
    python -m bench.summaries --dataset ../shared/corpus/wcxb-dev  # an aeb-layout dataset
    python -m bench.summaries --dataset DIR --save before.json     # keep the summaries ...
    python -m bench.summaries --dataset DIR --compare before.json  # ... and compare later

Each page's text is what the pipelines summarise: ``extract_article`` on the page, then the
NormalisePipeline's plain text. The summariser (``--summariser``, a class path; default the
project's TRACKER_SUMMARISER default) runs on every text once to warm up, then each text is timed
``--repeat`` times and its fastest run kept (CPU time). Printed: median, 90th percentile and
largest time per article, the slowest articles with their sentence counts, and, with
``--compare``, how many summaries are identical to the saved ones (the others listed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from scrapy.utils.misc import load_object

from bench.extraction import load_aeb
from bench.site import load_pages
from tracker.extract import extract_article
from tracker.processing.normalise import clean_multiline, markdown_to_text, plain_text
from tracker.processing.summarise import split_sentences

DEFAULT_SUMMARISER = "tracker.processing.summarise.TextRankSummariser"


def article_texts(dataset: Path | None, limit: int) -> dict[str, tuple[str, str | None]]:
    """{page id: (text, title)} as the SummarisePipeline receives them."""
    if dataset is None:
        pages = [(p.name, p.url, p.html) for p in load_pages()]
    else:
        pages = [(p.id, p.url, p.html) for p in load_aeb(dataset)]
    if limit:
        pages = pages[:limit]
    texts = {}
    for page_id, url, html in pages:
        fields = extract_article(html, url).fields
        body = clean_multiline(fields.get("body"))
        text = plain_text(fields.get("text")) or (markdown_to_text(body) if body else None)
        if text:
            texts[page_id] = (text, fields.get("title"))
    return texts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.summaries", description=__doc__)
    parser.add_argument("--dataset", type=Path, help="aeb-layout dataset (default: fixtures)")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--summariser", default=DEFAULT_SUMMARISER)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--save", type=Path, help="write {page id: summary} as JSON")
    parser.add_argument("--compare", type=Path, help="compare with a --save file")
    args = parser.parse_args(argv)

    texts = article_texts(args.dataset, args.limit)
    summariser = load_object(args.summariser)()
    for text, title in texts.values():
        summariser.summarise(text, title)
    times: dict[str, float] = {}
    summaries: dict[str, str] = {}
    methods: dict[str, str] = {}
    for page_id, (text, title) in texts.items():
        fastest = float("inf")
        for _ in range(max(1, args.repeat)):
            start = time.process_time()
            summary, method = summariser.summarise(text, title)
            fastest = min(fastest, time.process_time() - start)
        times[page_id] = fastest
        summaries[page_id] = summary
        methods[page_id] = method
    ms = sorted(1000 * t for t in times.values())
    ranked = sum(1 for m in methods.values() if m != "lead")
    print(
        f"{len(texts)} articles ({ranked} ranked, {len(texts) - ranked} lead), "
        f"{args.summariser.rsplit('.', 1)[-1]}: median {statistics.median(ms):.1f} ms, "
        f"p90 {ms[int(0.9 * (len(ms) - 1))]:.1f} ms, max {ms[-1]:.1f} ms, "
        f"total {sum(ms) / 1000:.2f} s"
    )
    for page_id in sorted(times, key=times.__getitem__, reverse=True)[:5]:
        text, _title = texts[page_id]
        print(
            f"  slowest: {page_id}: {1000 * times[page_id]:.1f} ms, {len(text)} characters, "
            f"{len(split_sentences(text))} sentences"
        )
    if args.save:
        args.save.write_text(json.dumps(summaries, indent=1, ensure_ascii=False))
    if args.compare:
        before = json.loads(args.compare.read_text())
        common = [k for k in summaries if k in before]
        changed = [k for k in common if summaries[k] != before[k]]
        print(f"compared with {args.compare}: {len(common) - len(changed)}/{len(common)} same")
        for page_id in changed:
            print(f"  changed: {page_id}\n    before: {before[page_id]}")
            print(f"    now:    {summaries[page_id]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
