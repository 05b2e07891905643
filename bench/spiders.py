"""Field accuracy of every publisher spider on its fixture pages (tests/fixtures/<spider>/).

For each spider and overall: the share of pages whose title, authors, published date and tags are
right (measures of METRICS.md, tolerances in tools/fixtures.py) and the mean body F1 (4-gram
shingles), plus the corpus body P/R/F1 computed the article-extraction-benchmark way.

    .venv/bin/python bench/spiders.py            # table + overall figures
    .venv/bin/python bench/spiders.py -v         # also list every wrong field
    .venv/bin/python bench/spiders.py bbc cnbc   # only these spiders

Targets (issue 3): title and published >= 98 %, authors >= 95 %, mean body F1 >= 0.95.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import time_machine

from tools import metrics
from tools.fixtures import (
    FixturePage,
    PageExtractor,
    PageResult,
    body_text,
    fixture_pages,
    load_spider_classes,
    score_page,
)

FIELDS = ("title", "authors", "published", "tags", "image")
TARGETS = {"title": 0.98, "published": 0.98, "authors": 0.95}
BODY_TARGET = 0.95


def run(pages: list[FixturePage]) -> list[PageResult]:
    extractor = PageExtractor()
    spiders = load_spider_classes(extractor.settings)
    results = []
    for page in pages:
        with time_machine.travel(
            page.expected.get("captured", "2026-06-01T00:00:00+00:00"), tick=False
        ):
            item = extractor.extract(spiders[page.spider], page.html(), page.url, page.feed_entry())
        results.append(score_page(page, item))
    return results


def share(results: list[PageResult], name: str) -> tuple[int, int]:
    judged = [r for r in results if name in r.right]
    return sum(r.right[name] for r in judged), len(judged)


def fmt(right: int, total: int) -> str:
    return f"{right}/{total}" if total else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spiders", nargs="*", help="only these spiders")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong field")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    pages = [p for p in fixture_pages() if not args.spiders or p.spider in args.spiders]
    started = time.perf_counter()
    results = run(pages)
    elapsed = time.perf_counter() - started

    by_spider: dict[str, list[PageResult]] = defaultdict(list)
    for result in results:
        by_spider[result.page.spider].append(result)

    header = (
        f"{'spider':<16}{'pages':>6}" + "".join(f"{f:>11}" for f in FIELDS) + f"{'body F1':>10}"
    )
    print(header)
    print("-" * len(header))
    for spider, rows in sorted(by_spider.items()):
        f1s = [r.body_f1 for r in rows if r.body_f1 is not None]
        line = f"{spider:<16}{len(rows):>6}"
        line += "".join(f"{fmt(*share(rows, f)):>11}" for f in FIELDS)
        line += f"{statistics.mean(f1s):>10.3f}" if f1s else f"{'-':>10}"
        print(line)
    print("-" * len(header))

    f1s = [r.body_f1 for r in results if r.body_f1 is not None]
    print(f"\n{len(results)} pages, {len(by_spider)} spiders, {elapsed:.1f} s")
    ok = True
    for name in FIELDS:
        right, total = share(results, name)
        target = TARGETS.get(name)
        if not total:
            print(f"{name:<10} {'-':>7}  (no page states it)")
            ok &= target is None
            continue
        rate = right / total
        mark = "" if target is None else (" ok" if rate >= target else f" BELOW {target:.0%}")
        ok &= target is None or rate >= target
        print(f"{name:<10} {rate:7.1%}  ({right}/{total}){mark}")
    if f1s:
        mean_f1 = statistics.mean(f1s)
        ok &= mean_f1 >= BODY_TARGET
        verdict = " ok" if mean_f1 >= BODY_TARGET else f" BELOW {BODY_TARGET}"
        print(f"{'body F1':<10} {mean_f1:7.3f}  mean of page F1s over {len(f1s)} pages{verdict}")
        corpus = metrics.corpus_scores(
            [
                metrics.page_scores(r.page.expected["body"], body_text(r.item) if r.item else "")
                for r in results
                if r.page.expected.get("body")
            ]
        )
        print(
            f"{'body':<10} corpus P {corpus.precision:.3f} R {corpus.recall:.3f} "
            f"F1 {corpus.f1:.3f} (benchmark method)"
        )
    else:
        print(f"{'body F1':<10} {'-':>7}  (no page has a reference body)")

    if args.verbose:
        print()
        for result in results:
            wrong = result.wrong_fields()
            if result.item is None:
                print(f"{result.page.id}: no item")
                continue
            for name in wrong:
                exp = result.page.expected.get(name)
                got = getattr(result.item, name, None)
                if name == "body":
                    print(f"{result.page.id}: body F1 {result.body_f1:.3f}")
                else:
                    print(f"{result.page.id}: {name} {got!r} != {exp!r}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
