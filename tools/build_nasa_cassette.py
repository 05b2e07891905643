"""Build tests/cassettes/nasa.json from the real NASA captures in ../shared/corpus/nasa.

Run by hand from the project root (tests never run it, and nothing at test time reads
../shared):

    .venv/bin/python tools/build_nasa_cassette.py [--corpus ../shared/corpus/nasa]

Every body is a real capture, byte for byte. What the captures lack is reconstructed and
documented in tests/cassettes/README.md: response headers (Content-Type with charset, and a
gzip Content-Encoding because the bodies are stored gzipped, as www.nasa.gov sends them), the
request side (no headers), and recorded_at (a lower bound of the capture time).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.cassettes import make_interaction, write_cassette  # noqa: E402

FEED_URL = "https://www.nasa.gov/feed/"
FEED_FILE = "feeds/www.nasa.gov_feed_2024-03-14.xml"
ARTICLE_DIR = "spacemedia/image-article"
# Two attachment pages (og:type=article, but no article body): inputs for "not an article".
NOT_ARTICLE_PAGES = [
    "spacemedia/image-detail/hubble-jupiter-jul22-3-flat-final",
    "spacemedia/image-detail/53297865145-e3db450a1b-o",
]
# WordPress sends these for /feed/ and for pages.
FEED_TYPE = "application/rss+xml; charset=UTF-8"
PAGE_TYPE = "text/html; charset=UTF-8"


def gzipped(body: bytes) -> bytes:
    """Return ``body`` gzipped reproducibly (no timestamp in the header)."""
    return gzip.compress(body, compresslevel=9, mtime=0)


def feed_recorded_at(body: bytes) -> datetime:
    """The feed's lastBuildDate: the capture was made at that moment or later."""
    found = re.search(rb"<lastBuildDate>([^<]+)</lastBuildDate>", body)
    if not found:
        raise SystemExit(f"{FEED_FILE}: no lastBuildDate")
    return parsedate_to_datetime(found.group(1).decode())


def page_recorded_at(body: bytes, name: str) -> datetime:
    """The page's og:updated_time: the capture was made at that moment or later."""
    found = re.search(rb'property="og:updated_time" content="([^"]+)"', body)
    if not found:
        raise SystemExit(f"{name}: no og:updated_time")
    return datetime.fromisoformat(found.group(1).decode())


def interaction(url: str, body: bytes, content_type: str, recorded_at: datetime) -> dict:
    """One GET exchange answered with ``body`` gzipped, as www.nasa.gov serves it."""
    wire = gzipped(body)
    return make_interaction(
        method="GET",
        uri=url,
        status=200,
        headers={
            "Content-Type": [content_type],
            "Content-Encoding": ["gzip"],
            "Content-Length": [str(len(wire))],
        },
        body=wire,
        encoding="UTF-8",
        recorded_at=recorded_at,
    )


def main(argv: list[str] | None = None) -> int:
    """Build the cassette and print what went into it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/nasa")
    parser.add_argument("--output", type=Path, default=ROOT / "tests/cassettes/nasa.json")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus

    interactions = []
    feed = (corpus / FEED_FILE).read_bytes()
    interactions.append(interaction(FEED_URL, feed, FEED_TYPE, feed_recorded_at(feed)))
    print(f"{FEED_URL}  <- {FEED_FILE} ({len(feed)} bytes)")

    pages = sorted(p.with_suffix("") for p in (corpus / ARTICLE_DIR).glob("*.html"))
    pages += [corpus / name for name in NOT_ARTICLE_PAGES]
    for stem in pages:
        html = stem.with_suffix(".html").read_bytes()
        expected = json.loads(stem.with_suffix(".expected.json").read_text(encoding="utf-8"))
        url = expected["url"]
        name = str(stem.relative_to(corpus)) + ".html"
        interactions.append(interaction(url, html, PAGE_TYPE, page_recorded_at(html, name)))
        print(f"{url}  <- {name} ({len(html)} bytes)")

    write_cassette(args.output, interactions)
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({len(interactions)} interactions, {size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
