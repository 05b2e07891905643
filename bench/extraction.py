"""Extraction benchmark: the tracker against trafilatura and readability-lxml.

Usage::

    python -m bench.extraction --format wcxb --dataset ../shared/corpus/wcxb-dev [--json]
    python -m bench.extraction --format fundus --dataset ../shared/corpus/fundus [--end-to-end]
    python -m bench.extraction --format aeb --dataset DIR [--lang en] [--limit N]
    ... [--split dev|check|all] [--pages]

Scores follow docs/METRICS.md (bench/fields.py holds the page-level functions). On article pages
with a reference body: 4-gram shingle precision/recall/F1 and accuracy, WCXB's word-level F1,
and for WCXB the share of "with" snippets found and "without" snippets leaked. On pages with
reference fields: title, authors and published accuracy over the pages whose reference has the
field. For the tracker also what a crawl would do with each page: written, or rejected and why
(``not_article`` from the page-kind check, or the validate pipeline's ``no_title``, ``no_body``,
too few words); a rejected page scores as an empty text, as it does end to end. Not-article
precision and recall count the WCXB pages that are not articles; the confusion table gives the
outcome per page type.

How each extractor is called: the tracker's ``extract_article(html, url)`` with no site rules
(the generic layers), its fields normalised by the crawl's own NormalisePipeline; trafilatura
2.3.1's bare ``extract(html, include_comments=False)`` for the body (the public benchmark's
call) and, untimed, ``bare_extraction(html, url=url, with_metadata=True,
include_comments=False)`` for title, author (split at "; ") and date (its htmldate settings
asked for a time as well, TRAFILATURA_DATE_PARAMS);
readability-lxml's ``Document(html).summary(html_partial=True)`` for the body only.

All extractors get the same decoded HTML string in the same process; speed is pages per second
over the whole set after a warm-up pass over the first pages (extractors taking turns page by
page, each page timed ``--repeat`` times, fastest run kept), and the tracker's speed is also
given as a ratio to trafilatura's bare ``extract``.

``--split``: the pages are halved by a stable hash of their id (bench.fields.split_of); tune on
``dev``, check on ``check``. ``all`` (the default) reports the whole set and each half.

``--end-to-end`` also runs ``scrapy crawl article -a rules=generic`` over the same pages replayed
from a cassette, through every pipeline, and scores the written items and the rejects.

Dataset formats:

* ``fundus``: ``index.json`` (rows with ``html``, ``expected``, ``url``), gzipped pages, and
  ``*.expected.json`` whose ``expected.body`` holds ``summary`` and ``sections``; the reference
  text is the summary paragraphs, then each section's headlines and paragraphs, blank-line
  joined. Title, authors and ``publishing_date`` are reference fields.
* ``aeb``: the article-extraction-benchmark layout, ``ground-truth.json`` mapping an id to
  ``{"articleBody", "url"}`` and ``html/<id>.html`` or ``html/<id>.html.gz``.
* ``wcxb``: the aeb layout plus ``wcxb.json`` (WCXB, CC-BY-4.0): every page, articles and not,
  with ``kind``, ``page_type``, ``title``, ``author``, ``publish_date``, ``with``, ``without``.
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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from bench.fields import (
    SPLITS,
    authors_right,
    published_right,
    snippet_found,
    split_of,
    title_right,
    token_text,
    word_f1,
)
from tools.metrics import PageScores, corpus_scores, page_scores
from tracker.cassettes import make_interaction, write_cassette
from tracker.extract import extract_article
from tracker.extract.encoding import decode_html

WARMUP_PAGES = 5
DEFAULT_REPEAT = 3
FIELD_NAMES = ("title", "authors", "published")


@dataclass
class Page:
    """One benchmark page: its id, URL, HTML (decoded), reference body text and, where the
    dataset gives them, reference fields and WCXB's page kind and snippets."""

    id: str
    url: str
    html: str
    truth: str
    kind: str = "article"  # "article" or "not_article"
    page_type: str = "article"
    title: str | None = None
    # A list (fundus) or WCXB's one string ("A, B and C"); None when the reference has none.
    author: str | list[str] | None = None
    published: str | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)
    has_fields: bool = False

    @property
    def split(self) -> str:
        return split_of(self.id)


@dataclass
class Output:
    """What one extractor made of one page. ``authors`` is None when the extractor does not
    give authors; ``reject`` is the reason a crawl would not write the page (tracker only)."""

    text: str
    title: str | None = None
    authors: list[str] | None = None
    published: str | None = None
    reject: str | None = None
    detail: str = ""


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
        expected = json.loads((root / row["expected"]).read_text(encoding="utf-8"))["expected"]
        html = decode_html(_read_maybe_gzip(root / row["html"]))
        truth = fundus_reference(expected.get("body") or {})
        pages.append(
            Page(
                row["html"],
                row["url"],
                html,
                truth,
                title=expected.get("title"),
                author=list(expected["authors"]) if expected.get("authors") else None,
                published=expected.get("publishing_date"),
                has_fields=True,
            )
        )
    return pages


def _page_html(root: Path, page_id: str) -> str | None:
    for name in (f"{page_id}.html.gz", f"{page_id}.html"):
        path = root / "html" / name
        if path.exists():
            return decode_html(_read_maybe_gzip(path))
    logging.warning("no HTML for %s, skipped", page_id)
    return None


def load_aeb(root: Path) -> list[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        html = _page_html(root, page_id)
        if html is not None:
            pages.append(
                Page(page_id, entry.get("url") or "", html, entry.get("articleBody") or "")
            )
    return pages


def load_wcxb(root: Path) -> list[Page]:
    """WCXB: every page of ``wcxb.json`` (articles and not), bodies from ``ground-truth.json``."""
    meta = json.loads((root / "wcxb.json").read_text(encoding="utf-8"))
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(meta.items()):
        html = _page_html(root, page_id)
        if html is None:
            continue
        body = (truth.get(page_id) or {}).get("articleBody") or ""
        pages.append(
            Page(
                page_id,
                entry.get("url") or (truth.get(page_id) or {}).get("url") or "",
                html,
                body,
                kind=entry.get("kind") or "article",
                page_type=entry.get("page_type") or "article",
                title=entry.get("title"),
                author=entry.get("author"),
                published=entry.get("publish_date"),
                with_snippets=list(entry.get("with") or []),
                without_snippets=list(entry.get("without") or []),
                has_fields=True,
            )
        )
    return pages


LOADERS: dict[str, Callable[[Path], list[Page]]] = {
    "fundus": load_fundus,
    "aeb": load_aeb,
    "wcxb": load_wcxb,
}


# --- Extractors ------------------------------------------------------------------------------
# Each has a timed step (html, url) -> raw result, and an untimed step that turns the raw result
# into an Output (for trafilatura: its metadata, which its bare ``extract`` does not give).


def run_tracker(html: str, url: str) -> str:
    """The tracker's body text of a page (generic layers)."""
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


class _NoStats:
    def inc_value(self, *args: Any, **kwargs: Any) -> None:
        pass

    def set_value(self, *args: Any, **kwargs: Any) -> None:
        pass


class CrawlVerdict:
    """What a crawl of ``scrapy crawl article -a rules=generic`` does with an extraction,
    without Scrapy's engine: the spider's item (publisher from the page or the host), the
    page-kind check, then the NormalisePipeline and ValidatePipeline the crawl runs."""

    def __init__(self) -> None:
        from scrapy.settings import Settings

        from tracker.pipelines import NormalisePipeline, ValidatePipeline
        from tracker.spiders.article import ArticleSpider

        crawler: Any = SimpleNamespace(stats=_NoStats(), settings=Settings(), spider=None)
        self.spider = ArticleSpider(rules="generic")
        self.spider.crawler = crawler
        crawler.spider = self.spider
        self.normalise = NormalisePipeline(crawler)
        self.validate = ValidatePipeline(crawler)

    def __call__(self, extraction: Any, url: str) -> Output:
        from tracker.export.rejects import RejectItem

        not_article = extraction.not_article
        if not_article:
            return Output("", reject="not_article", detail=str(not_article))
        item = self.spider.item_from_extraction(extraction, url)
        self.normalise.process_item(item)
        out = Output(
            item.text or "",
            title=item.title,
            authors=list(item.authors or []),
            published=item.published,
        )
        try:
            self.validate.process_item(item)
        except RejectItem as exc:
            out.reject, out.detail = exc.reason, exc.detail
        return out


# trafilatura's own date settings (extensive search, original date), asked for a time as well:
# by default it gives a day only, which can never match a reference that has a time.
TRAFILATURA_DATE_PARAMS = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def _trafilatura_fields(page: Page, text: str) -> Output:
    import trafilatura

    out = Output(text, authors=[])
    if not page.has_fields:
        return out
    doc = trafilatura.bare_extraction(
        page.html,
        url=page.url or None,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=TRAFILATURA_DATE_PARAMS,
    )
    if doc is not None:
        out.title = getattr(doc, "title", None)
        author = getattr(doc, "author", None) or ""
        out.authors = [a.strip() for a in author.split(";") if a.strip()]
        out.published = getattr(doc, "date", None)
    return out


@dataclass
class Extractor:
    """A timed call and an untimed step that turns its result into an Output."""

    run: Callable[[str, str], Any]
    finish: Callable[[Page, Any], Output]


def _extractors() -> dict[str, Extractor]:
    verdict = CrawlVerdict()
    return {
        "tracker": Extractor(
            lambda html, url: extract_article(html, url),
            lambda page, raw: verdict(raw, page.url) if raw is not None else Output(""),
        ),
        "trafilatura": Extractor(
            run_trafilatura, lambda page, raw: _trafilatura_fields(page, raw or "")
        ),
        "readability": Extractor(run_readability, lambda page, raw: Output(raw or "")),
    }


EXTRACTORS = ("tracker", "trafilatura", "readability")


def evaluate(
    extractors: dict[str, Extractor],
    pages: Sequence[Page],
    repeat: int = DEFAULT_REPEAT,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[dict[str, list[Output]], dict[str, list[float]]]:
    """Warm up on the first pages, then run and time every extractor on every page.

    The extractors take turns page by page, so a change of load on a shared machine slows
    them all alike; each page is timed ``repeat`` times and its fastest run counts (as
    ``timeit`` does), which keeps other people's jobs out of the figures. ``clock``: wall
    time by default; bench.speed passes ``time.process_time`` (this process's CPU seconds).
    """
    for page in pages[:WARMUP_PAGES]:
        for extractor in extractors.values():
            _safe_run(extractor.run, page)
    outputs: dict[str, list[Output]] = {name: [] for name in extractors}
    seconds: dict[str, list[float]] = {name: [] for name in extractors}
    for page in pages:
        for name, extractor in extractors.items():
            fastest = float("inf")
            raw = None
            for _ in range(max(1, repeat)):
                start = clock()
                raw = _safe_run(extractor.run, page)
                fastest = min(fastest, clock() - start)
            seconds[name].append(fastest)
            try:
                outputs[name].append(extractor.finish(page, raw))
            except Exception as exc:  # a reference's metadata failing must not end the run
                logging.warning("%s failed on %s: %s: %s", name, page.id, type(exc).__name__, exc)
                outputs[name].append(Output(""))
    return outputs, seconds


def _safe_run(run: Callable[[str, str], Any], page: Page) -> Any:
    try:
        return run(page.html, page.url)
    except Exception as exc:  # a reference library failing on one page must not end the run
        logging.warning("extractor failed on %s: %s: %s", page.id, type(exc).__name__, exc)
        return None


# --- scoring -----------------------------------------------------------------------------------


def score_outputs(pages: Sequence[Page], outputs: Sequence[Output], fields: bool) -> dict[str, Any]:
    """Body and field scores of one extractor's outputs on ``pages`` (articles only)."""
    body: list[PageScores] = []
    words: list[float] = []
    with_found = with_total = without_leaked = without_total = 0
    right: Counter[str] = Counter()
    scored: Counter[str] = Counter()
    gives_authors = any(o.authors is not None for o in outputs)
    for page, out in zip(pages, outputs, strict=True):
        if page.kind != "article":
            continue
        text = "" if out.reject else out.text
        body.append(page_scores(page.truth, text))
        words.append(word_f1(page.truth, text))
        if page.with_snippets or page.without_snippets:
            joined = token_text(text)
            with_total += len(page.with_snippets)
            with_found += sum(snippet_found(s, joined) for s in page.with_snippets)
            without_total += len(page.without_snippets)
            without_leaked += sum(snippet_found(s, joined) for s in page.without_snippets)
        if fields and page.has_fields:
            for name, ok in _field_checks(page, Output("") if out.reject else out).items():
                if ok is not None and (name != "authors" or gives_authors):
                    scored[name] += 1
                    right[name] += ok
    result: dict[str, Any] = dict(corpus_scores(body).as_dict())
    result["word_f1"] = sum(words) / len(words) if words else 0.0
    if with_total or without_total:
        result["with_found"] = with_found / with_total if with_total else 0.0
        result["without_leaked"] = without_leaked / without_total if without_total else 0.0
    for name in FIELD_NAMES:
        if scored[name]:
            result[name] = right[name] / scored[name]
            result[f"{name}_scored"] = scored[name]
    return result


def _field_checks(page: Page, got: Output) -> dict[str, bool | None]:
    """Per field: right or wrong, or None when the reference does not give the field."""
    return {
        "title": title_right(page.title, got.title) if page.title else None,
        "authors": authors_right(page.author, got.authors) if page.author else None,
        "published": published_right(page.published, got.published) if page.published else None,
    }


def verdicts(pages: Sequence[Page], outputs: Sequence[Output]) -> dict[str, Any]:
    """Written or rejected, per page type; not-article precision and recall."""
    confusion: dict[str, Counter[str]] = {}
    for page, out in zip(pages, outputs, strict=True):
        outcome = "written" if not out.reject else out.reject
        confusion.setdefault(page.page_type, Counter())[outcome] += 1
    flagged = sum(1 for o in outputs if o.reject == "not_article")
    true_flags = sum(
        1
        for p, o in zip(pages, outputs, strict=True)
        if o.reject == "not_article" and p.kind != "article"
    )
    not_articles = sum(1 for p in pages if p.kind != "article")
    articles = len(pages) - not_articles
    rejected_articles = sum(
        1 for p, o in zip(pages, outputs, strict=True) if p.kind == "article" and o.reject
    )
    return {
        "not_article_precision": true_flags / flagged if flagged else None,
        "not_article_recall": true_flags / not_articles if not_articles else None,
        "articles_rejected": rejected_articles,
        "articles": articles,
        "not_articles": not_articles,
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
    }


# --- end to end --------------------------------------------------------------------------------

# The end-to-end run lists the pages in a feed at this made-up address (answered from the cassette).
END_TO_END_FEED = "http://bench.invalid/feed.xml"


def _url_key(url: str) -> str:
    parts = urlsplit(url.strip())
    return (parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/")


def write_dataset_cassette(pages: Sequence[Page], cassette: Path) -> None:
    """A cassette that answers ``END_TO_END_FEED`` with an RSS feed listing the pages, and each
    page's URL with its HTML (UTF-8). bench.crawl_cost replays the same crawl."""
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


def end_to_end_outputs(pages: Sequence[Page], workdir: Path) -> tuple[dict[str, Output], float]:
    """Each page as a real crawl treats it: ``scrapy crawl article -a rules=generic`` over a
    feed that lists the pages, every response replayed from a cassette built from the dataset
    (no network), through all the pipelines. Keyed by page id: the written item's text and
    fields, or the reject's reason from rejects.jsonl; a page the crawl wrote under another of
    its addresses (``_url_key``: the same host and path) gets that item; a page neither
    written nor rejected maps to reject ``missing``. Also the crawl's seconds."""
    cassette = workdir / "dataset.json"
    write_dataset_cassette(pages, cassette)
    out = workdir / "items.jsonl"
    output_dir = workdir / "output"
    command = [
        sys.executable, "-m", "scrapy", "crawl", "article", "-a", f"feed={END_TO_END_FEED}",
        "-a", "rules=generic", "-O", str(out), "-s", f"TRACKER_REPLAY={cassette}",
        "-s", f"TRACKER_OUTPUT_DIR={output_dir}", "-s", "TRACKER_FEED_MAX_ENTRIES=0",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=ERROR",
    ]  # fmt: skip
    root = Path(__file__).resolve().parent.parent
    started = time.perf_counter()
    subprocess.run(command, cwd=root, check=True, timeout=3600)
    seconds = time.perf_counter() - started
    by_url: dict[str, Output] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        written = Output(
            item.get("text") or "",
            title=item.get("title"),
            authors=list(item.get("authors") or []),
            published=item.get("published"),
        )
        by_url[item["fetched_url"]] = written
        # The crawl writes a page once: a second address of it (a trailing slash more, or
        # "www.") is a duplicate it counts and does not write, answered by the written item.
        by_url.setdefault(_url_key(item["fetched_url"]), written)
    rejects: dict[str, Output] = {}
    rejects_file = output_dir / "rejects.jsonl"
    if rejects_file.exists():
        for line in rejects_file.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            reject = Output("", reject=entry["reason"], detail=entry.get("detail") or "")
            rejects.setdefault(entry["url"], reject)
            rejects.setdefault(_url_key(entry["url"]), reject)
    result = {}
    for p in pages:
        found = (
            by_url.get(p.url)
            or rejects.get(p.url)
            or by_url.get(_url_key(p.url))
            or rejects.get(_url_key(p.url))
        )
        result[p.id] = found or Output("", reject="missing")
    return result, seconds


def end_to_end_texts(pages: Sequence[Page], workdir: Path) -> dict[str, str]:
    """The ``text`` of each page as a real crawl writes it (empty when it was not written)."""
    outputs, _ = end_to_end_outputs(pages, workdir)
    return {page_id: (o.text if not o.reject else "") for page_id, o in outputs.items()}


# --- the report --------------------------------------------------------------------------------


def _page_language(html: str) -> str:
    import re

    match = re.search(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z-]+)", html[:5000], re.IGNORECASE)
    return match.group(1).lower() if match else ""


def build_report(
    pages: Sequence[Page],
    outputs: dict[str, list[Output]],
    seconds: dict[str, list[float]],
    end_to_end: dict[str, Output] | None,
    crawl_seconds: float,
    groups: Sequence[str],
) -> dict[str, Any]:
    """Scores of every extractor for the whole set and each named group (split half)."""
    fields = any(p.has_fields for p in pages)
    report: dict[str, Any] = {"pages": len(pages), "groups": {}}
    for group in groups:
        index = [i for i, p in enumerate(pages) if group == "all" or p.split == group]
        group_pages = [pages[i] for i in index]
        entry: dict[str, Any] = {
            "pages": len(group_pages),
            "articles": sum(1 for p in group_pages if p.kind == "article"),
        }
        for name, outs in outputs.items():
            group_outs = [outs[i] for i in index]
            result = score_outputs(group_pages, group_outs, fields and name != "readability")
            total = sum(seconds[name][i] for i in index)
            result["pages_per_second"] = len(index) / total if total > 0 else 0.0
            entry[name] = result
        ref = entry["trafilatura"]["pages_per_second"]
        entry["speed_ratio"] = entry["tracker"]["pages_per_second"] / ref if ref else 0.0
        entry["tracker_verdicts"] = verdicts(group_pages, [outputs["tracker"][i] for i in index])
        if end_to_end is not None:
            crawl = [end_to_end[p.id] for p in group_pages]
            entry["tracker_end_to_end"] = score_outputs(group_pages, crawl, fields)
            entry["tracker_end_to_end_verdicts"] = verdicts(group_pages, crawl)
        report["groups"][group] = entry
    whole = report["groups"][groups[0]]
    for name in (*outputs, "tracker_end_to_end"):
        if name in whole:
            report[name] = whole[name]
    if end_to_end is not None and crawl_seconds:
        report["tracker_end_to_end"]["crawl_pages_per_second"] = len(pages) / crawl_seconds
    return report


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}"


def print_report(report: dict[str, Any], pages: Sequence[Page], args: argparse.Namespace) -> None:
    head = f"{report['pages']} pages from {args.dataset} ({args.format}), split {args.split}"
    print(head)
    print(
        "trafilatura body: extract(include_comments=False); its title/authors/date:"
        " bare_extraction(with_metadata=True), author split at '; ', date with time when found"
    )
    columns = ("P", "R", "F1", "acc", "wordF1", "with", "without", "title", "authors", "date")
    keys = (
        "precision", "recall", "f1", "accuracy", "word_f1", "with_found", "without_leaked",
        "title", "authors", "published",
    )  # fmt: skip
    for group, entry in report["groups"].items():
        print(f"\n== {group}: {entry['pages']} pages, {entry['articles']} articles ==")
        if not entry["pages"]:
            continue
        print(f"{'extractor':<19}" + "".join(f"{c:>8}" for c in columns) + f"{'pages/s':>9}")
        rows = [*EXTRACTORS, "tracker_end_to_end"]
        for name in rows:
            if name not in entry:
                continue
            r = entry[name]
            label = "tracker end-to-end" if name == "tracker_end_to_end" else name
            speed = r.get("pages_per_second")
            print(
                f"{label:<19}"
                + "".join(f"{_fmt(r.get(k)):>8}" for k in keys)
                + (f"{speed:>9.1f}" if speed else f"{'-':>9}")
            )
        print(f"speed ratio tracker/trafilatura (in process): {entry['speed_ratio']:.2f}x")
        for key, label in (
            ("tracker_verdicts", "in process"),
            ("tracker_end_to_end_verdicts", "end to end"),
        ):
            if key not in entry:
                continue
            v = entry[key]
            outcomes = sorted({o for c in v["confusion"].values() for o in c})
            print(
                f"tracker verdicts ({label}): not-article precision "
                f"{_fmt(v['not_article_precision'])} recall {_fmt(v['not_article_recall'])}; "
                f"{v['articles_rejected']} of {v['articles']} articles rejected"
            )
            print(f"  {'page type':<12}" + "".join(f"{o:>13}" for o in outcomes))
            for page_type, counts in v["confusion"].items():
                print(f"  {page_type:<12}" + "".join(f"{counts.get(o, 0):>13}" for o in outcomes))
    if "tracker_end_to_end" in report and "crawl_pages_per_second" in report["tracker_end_to_end"]:
        crawl_speed = report["tracker_end_to_end"]["crawl_pages_per_second"]
        print(f"\nend-to-end crawl: {crawl_speed:.1f} pages/s (start-up included)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction", description=__doc__)
    parser.add_argument("--format", choices=tuple(LOADERS), required=True)
    parser.add_argument("--dataset", type=Path, required=True, help="dataset folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--save", type=Path, help="also write the JSON report to this file (for before/after)"
    )
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    parser.add_argument(
        "--lang", default="", help="keep only pages whose <html lang> starts with this (e.g. en)"
    )
    parser.add_argument(
        "--split",
        choices=("all", *SPLITS),
        default="all",
        help="half of the pages by a stable hash of their id; all: the whole set and both halves",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=DEFAULT_REPEAT,
        help=f"time each page this many times and keep the fastest (default {DEFAULT_REPEAT})",
    )
    parser.add_argument(
        "--pages", action="store_true", help="also print per-page tracker scores, worst first"
    )
    parser.add_argument(
        "--end-to-end",
        action="store_true",
        help="also score a real replayed crawl (scrapy crawl article) of the pages",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # The references log a traceback or a warning for every page they give up on.
    for noisy in ("readability", "readability.readability", "trafilatura", "tracker", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)

    if not args.dataset.is_dir():
        parser.error(f"--dataset {args.dataset}: not a folder")
    try:
        pages = LOADERS[args.format](args.dataset)
    except (OSError, KeyError, ValueError) as exc:
        parser.error(f"cannot read a {args.format} dataset in {args.dataset}: {exc}")
    if args.lang:
        pages = [p for p in pages if _page_language(p.html).startswith(args.lang.lower())]
    if args.split != "all":
        pages = [p for p in pages if p.split == args.split]
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        parser.error("no pages to evaluate")

    outputs, seconds = evaluate(_extractors(), pages, args.repeat)
    end_to_end = None
    crawl_seconds = 0.0
    if args.end_to_end:
        with tempfile.TemporaryDirectory() as workdir:
            end_to_end, crawl_seconds = end_to_end_outputs(pages, Path(workdir))
    groups = ["all", *SPLITS] if args.split == "all" else [args.split]
    report = build_report(pages, outputs, seconds, end_to_end, crawl_seconds, groups)
    report["format"] = args.format
    report["split"] = args.split

    if args.save:
        args.save.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print_report(report, pages, args)
    if args.pages:
        _print_pages(pages, outputs, end_to_end)
    return 0


def _print_pages(
    pages: Sequence[Page], outputs: dict[str, list[Output]], end_to_end: dict[str, Output] | None
) -> None:
    """Per page: the tracker's and trafilatura's P/R, the verdict, worst tracker pages first."""
    rows = []
    for i, page in enumerate(pages):
        mine, theirs = outputs["tracker"][i], outputs["trafilatura"][i]
        crawl = end_to_end.get(page.id) if end_to_end else None
        s = page_scores(page.truth, "" if mine.reject else mine.text)
        t = page_scores(page.truth, theirs.text)
        rows.append((page, s, t, mine, crawl))
    rows.sort(key=lambda r: (r[0].kind == "article", r[1].precision + r[1].recall))
    print("\nper page: tracker P R | trafilatura P R | id kind verdict")
    for page, s, t, mine, crawl in rows:
        verdict = mine.reject or "written"
        if crawl is not None:
            verdict += f" / e2e {crawl.reject or 'written'}"
        detail = f" ({mine.detail})" if mine.detail else ""
        scores = (
            f"{s.precision:.3f} {s.recall:.3f} | {t.precision:.3f} {t.recall:.3f}"
            if page.kind == "article"
            else f"{'-':>5} {'-':>5} | {'-':>5} {'-':>5}"
        )
        print(f"{scores}  {page.id} {page.page_type} {verdict}{detail}")


if __name__ == "__main__":
    sys.exit(main())
