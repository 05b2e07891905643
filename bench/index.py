"""index.md benchmark: time per article written into one day-and-category folder, as it fills.

Usage::

    python -m bench.index                 # 20,000 articles; the rebuild at 100 ... 20,000
    python -m bench.index --n 5000

A backfill (``-a warc=``, ``-a ccnews=``) puts thousands of articles into one folder. Each
article costs its own file (atomic write, fsync) and an index update under the output lock:

- incremental (the exporter now, tracker.export.index): one line appended per article, the
  index re-sorted when the appended lines outnumber the sorted ones and at the end;
- rebuild (the exporter before): the whole index rebuilt from the folder listing for every
  article (tracker.export.markdown.rebuild_index, with its cache of entries already read).

Both run the exporter's own code in this process. The incremental run fills one folder from 0
to N and reports the mean time per article in bins (each bin includes the re-sorts that fell in
it) and the final sort. The rebuild run would take hours at N = 20,000, so it is measured at
folder sizes 100, 1,000, 5,000 and 20,000: the folder is filled first, then 20 more articles are
timed. The articles carry the fixture pages' real titles and URLs with a copy number (so every
file is distinct); their bodies are one short fixed text: this times files and indexes, not
extraction.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tools.fixtures import fixture_pages
from tracker.export.index import IncrementalIndexes
from tracker.export.markdown import (
    ArticleView,
    IndexCache,
    article_relpath,
    output_lock,
    parse_index_entry,
    rebuild_index,
    render_article,
    write_atomic,
)

BODY = "A short fixed body: this benchmark times files and indexes, not extraction.\n"


def views(count: int, start: int = 0) -> Iterator[ArticleView]:
    pages = fixture_pages()
    for n in range(start, start + count):
        page = pages[n % len(pages)]
        copy = n // len(pages)
        yield ArticleView(
            title=f"{page.expected.get('title') or page.name} (copy {copy})",
            url=page.url.rstrip("/") + f"-copy-{copy}/",
            body=BODY,
            category="World",
            publisher=page.spider,
            # One day, one category: every article lands in the same folder.
            published=f"2024-05-01T{(n // 3600) % 24:02d}:{(n // 60) % 60:02d}:{n % 60:02d}+00:00",
            scraped_at="2024-05-01T12:00:00+00:00",
        )


def _write(root: Path, view: ArticleView, cache: IndexCache) -> tuple[Path, object]:
    relpath = article_relpath(
        url=view.url,
        title=view.title,
        category=view.category,
        published=view.published,
        scraped_at=view.scraped_at,
    )
    target = root / relpath
    rendered = render_article(view, "bench", "https://example.invalid/")
    write_atomic(target, rendered, ignore_scraped_line=True, sync_dir=False)
    entry = parse_index_entry(rendered, target.name)
    stat = target.stat()
    cache[target] = (stat.st_mtime_ns, stat.st_size, entry)
    return target.parent, entry


def bench_incremental(root: Path, n: int) -> tuple[list[dict[str, object]], float]:
    cache: IndexCache = {}
    indexes = IncrementalIndexes(cache)
    bins = [b for b in (100, 1000, 5000, 10000, 20000, 50000) if b <= n] or [n]
    if bins[-1] != n:
        bins.append(n)
    times: list[float] = []
    for view in views(n):
        start = time.perf_counter()
        folder, entry = _write(root, view, cache)
        with output_lock(root):
            indexes.update(folder, entry)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    with output_lock(root):
        indexes.close()
    final_sort = time.perf_counter() - start
    rows, low = [], 0
    for high in bins:
        chunk = times[low:high]
        rows.append(
            {
                "articles": f"{low + 1}-{high}",
                "mean_ms": round(statistics.fmean(chunk) * 1000, 2),
                "median_ms": round(statistics.median(chunk) * 1000, 2),
                "max_ms": round(max(chunk) * 1000, 1),
            }
        )
        low = high
    return rows, final_sort


def bench_rebuild(root: Path, sizes: list[int], timed: int = 20) -> list[dict[str, object]]:
    rows = []
    for size in sizes:
        shutil.rmtree(root, ignore_errors=True)
        cache: IndexCache = {}
        folder = None
        for view in views(size):
            folder, _ = _write(root, view, cache)
        assert folder is not None
        with output_lock(root):
            rebuild_index(folder, cache)
        times = []
        for view in views(timed, start=size):
            start = time.perf_counter()
            folder, _ = _write(root, view, cache)
            with output_lock(root):
                rebuild_index(folder, cache)
            times.append(time.perf_counter() - start)
        rows.append(
            {
                "folder_size": size,
                "mean_ms": round(statistics.fmean(times) * 1000, 2),
                "median_ms": round(statistics.median(times) * 1000, 2),
            }
        )
    return rows


def _table(rows: list[dict[str, object]]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    lines += ["| " + " | ".join(str(r[k]) for k in keys) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--sizes", default="100,1000,5000,20000")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
        incremental, final_sort = bench_incremental(Path(tmp) / "incremental", args.n)
        print(f"Incremental index, one folder filled to {args.n} articles (time per article):")
        print(_table(incremental))
        print(f"Final sort of the {args.n}-line index at close: {final_sort * 1000:.0f} ms")
        sizes = [int(s) for s in args.sizes.split(",")]
        rebuild = bench_rebuild(Path(tmp) / "rebuild", sizes)
        print("\nRebuild per article (before), 20 articles timed at each folder size:")
        print(_table(rebuild))
        if args.json:
            print(json.dumps({"incremental": incremental, "rebuild": rebuild}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
