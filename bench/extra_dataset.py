"""Convert the held-out pages of ../shared/corpus/extra into the aeb benchmark layout.

Usage::

    python -m bench.extra_dataset OUT_DIR [--extra ../shared/corpus/extra]
    python -m bench.extraction --format aeb --dataset OUT_DIR --pages --end-to-end

Writes ``OUT_DIR/ground-truth.json`` (id -> ``{"articleBody", "url"}``) and
``OUT_DIR/html/<id>.html.gz`` (the page bytes unchanged, gzipped). The extraction was developed
on the fundus corpus only; these pages come from other projects' test suites and were never
used to tune it, so they check that its gains are not tuned to fundus.

Only pages whose source gives a *whole* reference body are used. Per source:

* ``readability/<name>/`` (mozilla/readability test pages bbc-1, guardian-1): the reference is
  the plain text of ``expected.html``, readability.js's cleaned article HTML: the text of each
  block element (paragraphs, headings, list items, quotes, captions, table cells...) with
  whitespace collapsed, blocks joined with blank lines, scripts and styles dropped. It is
  readability's idea of the body, so it keeps what readability keeps (e.g. image captions).
  The URL is the page's ``<link rel="canonical">``.
* ``goose3/test_*.json``: the reference is ``expected.cleaned_text`` (goose3's own plain-text
  output, paragraphs separated by blank lines) with the ``url`` beside it. goose3's suite
  stores most of these as a *prefix* of the body (ESPN, TechCrunch: one sentence; BBC Chinese:
  three paragraphs cut mid-sentence), so a text is used only when it has at least
  ``MIN_WHOLE_TOKENS`` ``\\w+`` tokens. Only ``test_guardian1`` passes; it was checked by hand
  to run from the article's first paragraph to its last line ("Bridesmaids is out now...").

Not converted, and why:

* ``postlight/``: only the first 13 words of the content (``content_first_13_words``).
* ``trafilatura/evaldata.json``: per page a few short "with" snippets that must appear and
  "without" snippets that must not, not a body; usable for a snippet check, not for F1.
* ``htmldate/``: publication dates only. ``flowdoc/``: no ground truth (URL and capture date).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html

logger = logging.getLogger(__name__)

DEFAULT_EXTRA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "extra"

# goose3 keeps short prefixes as "cleaned_text" for most pages; a whole article body is far
# longer than the one-sentence prefixes (10-11 tokens) its suite stores.
MIN_WHOLE_TOKENS = 200

# Elements whose text is a block of its own in the reference text.
_BLOCK_NAMES = (
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header hr li main nav ol p pre section table td th tr ul"
)
BLOCK_TAGS = frozenset(_BLOCK_NAMES.split())
_CANONICAL = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"']?[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


@dataclass
class ExtraPage:
    """One converted page: id, URL, the page's raw bytes and its reference body text."""

    id: str
    url: str
    html: bytes
    body: str


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block element, blank-line joined."""
    root = lxml.html.fromstring(html)
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "style", "noscript", "template") or not tag:
            return  # comments and processing instructions have a non-string tag
        block = tag.lower() in BLOCK_TAGS
        if block:
            parts.append("\n\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n\n")

    walk(root)
    paragraphs = (" ".join(p.split()) for p in "".join(parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def canonical_url(html: str) -> str:
    """The href of the page's ``<link rel="canonical">``, or an empty string."""
    for link in _CANONICAL.findall(html):
        href = _HREF.search(link)
        if href:
            return href.group(1)
    return ""


def readability_pages(root: Path) -> Iterator[ExtraPage]:
    """mozilla/readability test pages: ``<name>/source.html`` and ``<name>/expected.html``."""
    for folder in sorted(p for p in root.iterdir() if (p / "expected.html").is_file()):
        raw = (folder / "source.html").read_bytes()
        body = html_to_text((folder / "expected.html").read_text(encoding="utf-8"))
        url = canonical_url(raw.decode("utf-8", "replace"))
        yield ExtraPage(f"readability-{folder.name}", url, raw, body)


def goose3_pages(root: Path) -> Iterator[ExtraPage]:
    """goose3 test pages whose ``cleaned_text`` is a whole body (see ``MIN_WHOLE_TOKENS``)."""
    for expected_path in sorted(root.glob("test_*.json")):
        html_path = expected_path.with_suffix(".html")
        if not html_path.is_file():
            continue
        case = json.loads(expected_path.read_text(encoding="utf-8"))
        text = str(case.get("expected", {}).get("cleaned_text") or "")
        tokens = len(re.findall(r"\w+", text))
        if tokens < MIN_WHOLE_TOKENS:
            logger.info("goose3 %s: %d tokens, a prefix; skipped", expected_path.stem, tokens)
            continue
        paragraphs = (" ".join(p.split()) for p in text.split("\n\n"))
        body = "\n\n".join(p for p in paragraphs if p)
        yield ExtraPage(
            f"goose3-{expected_path.stem.removeprefix('test_')}",
            str(case.get("url") or ""),
            html_path.read_bytes(),
            body,
        )


def convert(extra: Path, out: Path) -> list[ExtraPage]:
    """Write the usable pages of ``extra`` to ``out`` in the aeb layout; return them."""
    pages: list[ExtraPage] = []
    if (extra / "readability").is_dir():
        pages.extend(readability_pages(extra / "readability"))
    if (extra / "goose3").is_dir():
        pages.extend(goose3_pages(extra / "goose3"))
    (out / "html").mkdir(parents=True, exist_ok=True)
    truth = {}
    for page in pages:
        # mtime=0 keeps the output byte-identical from run to run.
        (out / "html" / f"{page.id}.html.gz").write_bytes(gzip.compress(page.html, mtime=0))
        truth[page.id] = {"articleBody": page.body, "url": page.url}
    (out / "ground-truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extra_dataset", description=__doc__)
    parser.add_argument("out", type=Path, help="output folder (aeb layout)")
    parser.add_argument("--extra", type=Path, default=DEFAULT_EXTRA, help="the extra corpus")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not args.extra.is_dir():
        parser.error(f"--extra {args.extra}: not a folder")
    pages = convert(args.extra, args.out)
    for page in pages:
        words = len(re.findall(r"\w+", page.body))
        logger.info("%s: %d reference tokens, %s", page.id, words, page.url or "no URL")
    logger.info("%d pages written to %s", len(pages), args.out)
    return 0 if pages else 1


if __name__ == "__main__":
    sys.exit(main())
