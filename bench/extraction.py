"""Body extraction benchmark: the tracker against trafilatura and readability-lxml.

Usage::

    python -m bench.extraction --format fundus --dataset ../shared/corpus/fundus [--json]
    python -m bench.extraction --format aeb --dataset DIR [--lang en] [--limit N]

Scores follow docs/METRICS.md (4-gram shingle precision/recall/F1 of the plain body text, and
accuracy). The tracker runs with no site selectors, so this measures the generic layers. All
three extractors get the same decoded HTML string in the same process; speed is pages per
second over the whole set after a warm-up pass over the first pages (extractors taking turns
page by page, each page timed ``--repeat`` times, fastest run kept), and the tracker's speed is
also given as a ratio to trafilatura's bare ``extract``.

Dataset formats:

* ``fundus``: ``index.json`` (rows with ``html``, ``expected``, ``url``), gzipped pages, and
  ``*.expected.json`` whose ``expected.body`` holds ``summary`` and ``sections``; the reference
  text is the summary paragraphs, then each section's headlines and paragraphs, blank-line
  joined.
* ``aeb``: the article-extraction-benchmark layout, ``ground-truth.json`` mapping an id to
  ``{"articleBody", "url"}`` and ``html/<id>.html`` or ``html/<id>.html.gz``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.metrics import PageScores, corpus_scores, page_scores
from tracker.cassettes import make_interaction, write_cassette
from tracker.extract import extract_article
from tracker.extract.encoding import decode_html

WARMUP_PAGES = 5
DEFAULT_REPEAT = 3


@dataclass
class Page:
    """One benchmark page: its id, URL, HTML (decoded) and reference body text."""

    id: str
    url: str
    html: str
    truth: str


def _read_maybe_gzip(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def fundus_reference(body: dict[str, Any]) -> str:
    """The fundus reference text: summary, then each section's headline(s) and paragraphs."""
    parts: list[str] = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts.extend(section.get("headline") or [])
        parts.extend(section.get("paragraphs") or [])
    return "\n\n".join(p for p in parts if p)


def load_fundus(root: Path) -> list[Page]:
    pages = []
    for row in json.loads((root / "index.json").read_text(encoding="utf-8")):
        expected = json.loads((root / row["expected"]).read_text(encoding="utf-8"))
        html = decode_html(_read_maybe_gzip(root / row["html"]))
        truth = fundus_reference(expected["expected"].get("body") or {})
        pages.append(Page(row["html"], row["url"], html, truth))
    return pages


def load_aeb(root: Path) -> list[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        for name in (f"{page_id}.html.gz", f"{page_id}.html"):
            path = root / "html" / name
            if path.exists():
                break
        else:
            logging.warning("no HTML for %s, skipped", page_id)
            continue
        html = decode_html(_read_maybe_gzip(path))
        pages.append(Page(page_id, entry.get("url") or "", html, entry.get("articleBody") or ""))
    return pages


# --- Extractors: each takes (html, url) and returns the body's plain text ---------------------


def run_tracker(html: str, url: str) -> str:
    return str(extract_article(html, url).fields.get("text") or "")


def run_trafilatura(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def run_readability(html: str, url: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    if not summary:
        return ""
    tree = lxml.html.fromstring(summary)
    blocks = []
    for el in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote"):
        text = " ".join(el.text_content().split())
        if text:
            blocks.append(text)
    return "\n\n".join(blocks) if blocks else " ".join(tree.text_content().split())


EXTRACTORS: dict[str, Callable[[str, str], str]] = {
    "tracker": run_tracker,
    "trafilatura": run_trafilatura,
    "readability": run_readability,
}


def evaluate(
    extractors: dict[str, Callable[[str, str], str]],
    pages: Sequence[Page],
    repeat: int = DEFAULT_REPEAT,
) -> tuple[dict[str, dict[str, float]], dict[str, list[PageScores]]]:
    """Warm up on the first pages, then time and score every extractor on every page.

    The extractors take turns page by page, so a change of load on a shared machine slows
    them all alike; each page is timed ``repeat`` times and its fastest run counts (as
    ``timeit`` does), which keeps other people's jobs out of the figures.
    """
    for page in pages[:WARMUP_PAGES]:
        for extractor in extractors.values():
            _safe_run(extractor, page)
    elapsed = dict.fromkeys(extractors, 0.0)
    scores: dict[str, list[PageScores]] = {name: [] for name in extractors}
    for page in pages:
        for name, extractor in extractors.items():
            fastest = float("inf")
            text = ""
            for _ in range(max(1, repeat)):
                start = time.perf_counter()
                text = _safe_run(extractor, page)
                fastest = min(fastest, time.perf_counter() - start)
            elapsed[name] += fastest
            scores[name].append(page_scores(page.truth, text))
    results = {}
    for name in extractors:
        result: dict[str, float] = dict(corpus_scores(scores[name]).as_dict())
        result["pages_per_second"] = len(pages) / elapsed[name] if elapsed[name] > 0 else 0.0
        results[name] = result
    return results, scores


# The end-to-end run lists the pages in a feed at this made-up address (answered from the cassette).
END_TO_END_FEED = "http://bench.invalid/feed.xml"


def write_dataset_cassette(pages: Sequence[Page], cassette: Path) -> None:
    """A cassette that answers ``END_TO_END_FEED`` with an RSS feed listing the pages, and each
    page's URL with its HTML (UTF-8)."""
    from xml.sax.saxutils import escape

    items = "".join(f"<item><link>{escape(p.url)}</link></item>" for p in pages)
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
    answers = [(END_TO_END_FEED, feed.encode(), "application/rss+xml")]
    answers += [(p.url, p.html.encode("utf-8"), "text/html; charset=utf-8") for p in pages]
    write_cassette(
        cassette,
        [
            make_interaction(
                method="GET", uri=url, status=200, headers={"Content-Type": [kind]}, body=body
            )
            for url, body, kind in answers
        ],
    )


def end_to_end_texts(pages: Sequence[Page], workdir: Path) -> dict[str, str]:
    """The ``text`` of each page as a real crawl produces it: ``scrapy crawl article -a
    rules=generic`` over a feed that lists the pages, every response replayed from a cassette
    built from the dataset (no network), through all the pipelines. Keyed by page id; a page
    the crawl did not write (a reject) maps to an empty string."""
    cassette = workdir / "dataset.json"
    write_dataset_cassette(pages, cassette)
    out = workdir / "items.jsonl"
    command = [
        sys.executable, "-m", "scrapy", "crawl", "article", "-a", f"feed={END_TO_END_FEED}",
        "-a", "rules=generic", "-O", str(out), "-s", f"TRACKER_REPLAY={cassette}",
        "-s", f"TRACKER_OUTPUT_DIR={workdir / 'output'}", "-s", "TRACKER_FEED_MAX_ENTRIES=0",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=ERROR",
    ]  # fmt: skip
    root = Path(__file__).resolve().parent.parent
    subprocess.run(command, cwd=root, check=True, timeout=3600)
    by_url = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        by_url[item["fetched_url"]] = item.get("text") or ""
    return {p.id: by_url.get(p.url, "") for p in pages}


def _safe_run(extractor: Callable[[str, str], str], page: Page) -> str:
    try:
        return extractor(page.html, page.url)
    except Exception as exc:  # a reference library failing on one page must not end the run
        logging.warning("extractor failed on %s: %s: %s", page.id, type(exc).__name__, exc)
        return ""


def _page_language(html: str) -> str:
    import re

    match = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z-]+)", html[:5000], re.IGNORECASE)
    return match.group(1).lower() if match else ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__)
    parser.add_argument("--format", choices=("fundus", "aeb"), required=True)
    parser.add_argument("--dataset", type=Path, required=True, help="dataset folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    parser.add_argument(
        "--lang", default="", help="keep only pages whose <html lang> starts with this (e.g. en)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=DEFAULT_REPEAT,
        help=f"time each page this many times and keep the fastest (default {DEFAULT_REPEAT})",
    )
    parser.add_argument(
        "--pages", action="store_true", help="also print per-page tracker F1, worst first"
    )
    parser.add_argument(
        "--end-to-end",
        action="store_true",
        help="also score the text of a real replayed crawl (scrapy crawl article) of the pages",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # The references log a traceback or a warning for every page they give up on.
    for noisy in ("readability", "readability.readability", "trafilatura", "tracker"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)

    if not args.dataset.is_dir():
        parser.error(f"--dataset {args.dataset}: not a folder")
    loader = load_fundus if args.format == "fundus" else load_aeb
    try:
        pages = loader(args.dataset)
    except (OSError, KeyError, ValueError) as exc:
        parser.error(f"cannot read a {args.format} dataset in {args.dataset}: {exc}")
    if args.lang:
        pages = [p for p in pages if _page_language(p.html).startswith(args.lang.lower())]
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        parser.error("no pages to evaluate")

    report: dict[str, Any] = {"pages": len(pages)}
    results, per_page = evaluate(EXTRACTORS, pages, args.repeat)
    report.update(results)
    if args.end_to_end:
        with tempfile.TemporaryDirectory() as workdir:
            texts = end_to_end_texts(pages, Path(workdir))
        crawl_scores = [page_scores(p.truth, texts[p.id]) for p in pages]
        report["tracker_end_to_end"] = dict(corpus_scores(crawl_scores).as_dict())

    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{len(pages)} pages from {args.dataset} ({args.format})")
    header = ("extractor", "precision", "recall", "F1", "accuracy", "pages/s")
    print("{:<12} {:>9} {:>7} {:>7} {:>8} {:>8}".format(*header))
    for name in EXTRACTORS:
        r = report[name]
        print(
            f"{name:<12} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} "
            f"{r['accuracy']:>8.4f} {r['pages_per_second']:>8.1f}"
        )
    ref = report["trafilatura"]["pages_per_second"]
    ratio = report["tracker"]["pages_per_second"] / ref if ref else 0.0
    print(f"speed ratio tracker/trafilatura: {ratio:.2f}x")
    if "tracker_end_to_end" in report:
        r = report["tracker_end_to_end"]
        print(
            f"end to end (scrapy crawl article, replayed): P {r['precision']:.4f} "
            f"R {r['recall']:.4f} F1 {r['f1']:.4f} accuracy {r['accuracy']:.4f}"
        )
    if args.pages:
        rows = sorted(
            zip(pages, per_page["tracker"], per_page["trafilatura"], strict=True),
            key=lambda r: r[1].precision + r[1].recall,
        )
        for page, mine, theirs in rows:
            print(
                f"{mine.precision:.3f} {mine.recall:.3f} | traf {theirs.precision:.3f} "
                f"{theirs.recall:.3f}  {page.id}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
