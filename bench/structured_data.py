"""Structured metadata: the tracker's JSON-LD and meta-tag layers against extruct, on real pages.

Usage::

    python -m bench.structured_data --dataset ../shared/corpus/fundus [--repeat 3]

extruct (pinned until now in requirements.txt, never imported) reads JSON-LD, microdata, RDFa
and OpenGraph in one pass. This measures, on the same decoded pages in the same process:

- speed: pages per second of the tracker's two metadata layers (parse, ``jsonld_fields``,
  ``meta_fields``) and of ``extruct.extract`` with those four syntaxes (fastest of ``--repeat``
  runs per page, after a warm-up), and the ratio;
- what extruct would add: pages where the tracker's metadata layers leave title, authors or
  published empty while extruct's microdata or RDFa has an article item with that property.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.extract.article import parse_html
from tracker.extract.encoding import decode_html
from tracker.extract.jsonld import jsonld_fields
from tracker.extract.meta import meta_fields

SYNTAXES = ["json-ld", "microdata", "rdfa", "opengraph"]
# schema.org properties per tracker field, as microdata / RDFa name them.
PROPERTIES = {
    "title": ("headline", "name"),
    "authors": ("author", "creator"),
    "published": ("datePublished", "dateCreated"),
}


def pages(dataset: Path) -> list[tuple[str, str]]:
    """(url, decoded HTML) of every page of a fundus-layout corpus."""
    rows = json.loads((dataset / "index.json").read_text(encoding="utf-8"))
    return [
        (row["url"], decode_html(gzip.decompress((dataset / row["html"]).read_bytes())))
        for row in rows
    ]


def tracker_layers(html: str, url: str) -> dict[str, Any]:
    tree = parse_html(html)
    if tree is None:
        return {}
    fields = dict(meta_fields(tree))
    fields.update({k: v for k, v in jsonld_fields(tree).items() if v})
    return fields


def extruct_all(html: str, url: str) -> dict[str, Any]:
    import extruct

    return dict(extruct.extract(html, base_url=url, syntaxes=SYNTAXES, errors="ignore"))


def fastest(run: Callable[[str, str], Any], html: str, url: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(html, url)
        best = min(best, time.perf_counter() - start)
    return best


def _types(item: dict[str, Any]) -> list[str]:
    value = item.get("@type") or item.get("type") or []
    values = value if isinstance(value, list) else [value]
    return [str(v).rsplit("/", 1)[-1] for v in values]


def extra_fields(found: dict[str, Any], ours: dict[str, Any]) -> set[str]:
    """Fields ours lacks that an Article-like microdata/RDFa item of extruct's has."""
    extra = set()
    items: list[dict[str, Any]] = []
    for syntax in ("microdata", "rdfa"):
        items += [i for i in found.get(syntax) or [] if isinstance(i, dict)]
    for item in items:
        props = item.get("properties", item)
        if not any("Article" in t or "Posting" in t for t in _types(item)):
            continue
        for field, names in PROPERTIES.items():
            if ours.get(field):
                continue
            if any(props.get(n) or props.get(f"http://schema.org/{n}") for n in names):
                extra.add(field)
    return extra


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = pages(args.dataset)
    for url, html in corpus[:10]:  # warm-up: imports, caches
        tracker_layers(html, url)
        extruct_all(html, url)
    ours_s = theirs_s = 0.0
    adds: dict[str, int] = {}
    for url, html in corpus:
        ours_s += fastest(tracker_layers, html, url, args.repeat)
        theirs_s += fastest(extruct_all, html, url, args.repeat)
        for field in extra_fields(extruct_all(html, url), tracker_layers(html, url)):
            adds[field] = adds.get(field, 0) + 1
    n = len(corpus)
    print(f"{n} pages ({args.dataset})")
    print(f"tracker metadata layers (JSON-LD + meta tags): {n / ours_s:7.1f} pages/s")
    print(f"extruct.extract {'+'.join(SYNTAXES)}: {n / theirs_s:7.1f} pages/s")
    print(f"tracker / extruct speed: {theirs_s / ours_s:.2f}x")
    print(
        "pages where extruct's microdata/RDFa has a field the tracker's layers lack: "
        + (", ".join(f"{k} {v}" for k, v in sorted(adds.items())) or "none")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
