"""Build tests/fixtures/health/nasa-no-bylines/: the real NASA fixture pages with their bylines cut.

Run from the project root (tests never run it; they read the files it wrote):

    .venv/bin/python tools/build_health_fixtures.py

A publisher that changes its markup so that bylines disappear is the failure the author-coverage
monitor must catch. These pages are the real captures of tests/fixtures/nasa/ with exactly two
things removed, byte for byte, everything else untouched:

- the ``<meta name="parsely-author" ...>`` tags (the Parse.ly byline);
- the ``div.article-meta-item`` blocks that hold the visible byline (``h3.hds-meta-heading``
  with the author's name, and the avatar beside it).

It then checks, with the spider's own extraction, that each page still yields its title,
published date, image and body but no author. Expected values: the fixture's, without authors.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.fixtures import PageExtractor, fixture_pages, load_spider_classes  # noqa: E402

TARGET = ROOT / "tests" / "fixtures" / "health" / "nasa-no-bylines" / "nasa"
PARSELY_AUTHOR = re.compile(rb'[ \t]*<meta name="parsely-author" content="[^"]*" />\r?\n?')
# One byline block: <div class="article-meta-item ..."> ... <h3 class="hds-meta-heading ...">
# Name</h3></div></div>, not reaching into the next block.
BYLINE_BLOCK = re.compile(
    rb'<div class="article-meta-item[^"]*">(?:(?!<div class="article-meta-item).)*?'
    rb'<h3 class="hds-meta-heading[^"]*">[^<]*</h3></div></div>',
    re.S,
)


def strip_bylines(html: bytes) -> tuple[bytes, int]:
    """``html`` without Parse.ly author tags and visible byline blocks; and how many went."""
    html, metas = PARSELY_AUTHOR.subn(b"", html)
    html, blocks = BYLINE_BLOCK.subn(b"", html)
    return html, metas + blocks


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    extractor = PageExtractor()
    spidercls = load_spider_classes(extractor.settings)["nasa"]
    for page in fixture_pages(spider="nasa"):
        html, removed = strip_bylines(page.html())
        if not removed:
            raise SystemExit(f"{page.id}: no byline found to remove")
        item = extractor.extract(spidercls, html, page.url)
        if item is None or item.authors or not (item.title and item.body and item.published):
            raise SystemExit(f"{page.id}: after the cut, extraction gives {item!r}")
        (TARGET / f"{page.name}.html.gz").write_bytes(gzip.compress(html, mtime=0))
        expected = {k: v for k, v in page.expected.items() if k != "authors"}
        expected["authors"] = []
        expected["source"] = f"tests/fixtures/nasa/{page.name}.html.gz with its bylines removed"
        (TARGET / f"{page.name}.json").write_text(
            json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"{page.id}: removed {removed} byline parts; still has title, date, body")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
