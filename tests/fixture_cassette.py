"""A cassette that lets publisher spiders crawl their own fixture pages offline (`crawlall` too).

Every article page is a real capture from tests/fixtures/<spider>/ (or a documented variant,
such as tests/fixtures/health/nasa-no-bylines/), sent gzipped as captured. What a crawl needs
besides the pages is hand-made, and says so in its own text: each spider's sources (feeds,
sitemaps) are answered with a small document written here that lists the fixture pages' real
URLs (the first source) or nothing (the others), so that every source request is answered and
the spider reaches exactly its fixture pages. No hand-made document is a capture of a publisher.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tools.fixtures import FixturePage, fixture_pages, load_spider_classes
from tracker.cassettes import make_interaction, write_cassette
from tracker.spiders.sources import Feed, Source

ROOT = Path(__file__).resolve().parent.parent
HEALTH_FIXTURES = ROOT / "tests" / "fixtures" / "health"
HAND_MADE = "hand-made by tests/fixture_cassette.py, not a capture"
# Fixed, so a cassette built twice is the same file.
RECORDED_AT = datetime(2026, 11, 1, tzinfo=UTC)


def _rss(spider: str, pages: Iterable[FixturePage]) -> bytes:
    items = "".join(
        f"<item><title>{escape(str(p.expected.get('title') or p.url))}</title>"
        f"<link>{escape(p.url)}</link><guid>{escape(p.url)}</guid></item>"
        for p in pages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(spider)} fixture pages ({HAND_MADE})</title>"
        f"<link>https://example.invalid/</link><description>{HAND_MADE}</description>"
        f"{items}</channel></rss>"
    ).encode()


def _urlset(pages: Iterable[FixturePage]) -> bytes:
    urls = "".join(f"<url><loc>{escape(p.url)}</loc></url>" for p in pages)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><!-- {HAND_MADE} -->'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()


def _answer(url: str, body: bytes, content_type: str) -> dict[str, Any]:
    wire = gzip.compress(body, mtime=0)
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
        recorded_at=RECORDED_AT,
    )


def source_answer(spider: str, source: Source, pages: list[FixturePage]) -> dict[str, Any]:
    """A hand-made answer for one source: a feed or a sitemap listing ``pages``."""
    if isinstance(source, Feed):
        return _answer(source.url, _rss(spider, pages), "application/rss+xml; charset=UTF-8")
    return _answer(source.url, _urlset(pages), "application/xml; charset=UTF-8")


def page_answer(page: FixturePage) -> dict[str, Any]:
    """The captured page, as the publisher sent it (gzip, HTML)."""
    return _answer(page.url, page.html(), "text/html")


def variant_pages(name: str) -> list[FixturePage]:
    """The pages of a documented variant under tests/fixtures/health/<name>/<spider>/."""
    pages = []
    for spider_dir in sorted((HEALTH_FIXTURES / name).iterdir()):
        if spider_dir.is_dir():
            pages += fixture_pages(spider_dir.parent, spider=spider_dir.name)
    return pages


def build_interactions(
    spiders: Iterable[str] | None = None,
    *,
    replace_pages: Mapping[str, list[FixturePage]] | None = None,
    empty: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Interactions for ``spiders`` (default: every spider with fixtures).

    ``replace_pages`` swaps a spider's fixture pages for others (a variant); a spider in
    ``empty`` gets empty feeds and sitemaps (and no pages): a publisher whose feed went empty.
    """
    by_spider: dict[str, list[FixturePage]] = {}
    for page in fixture_pages():
        by_spider.setdefault(page.spider, []).append(page)
    by_spider.update(replace_pages or {})
    classes = load_spider_classes()
    wanted = sorted(spiders) if spiders is not None else sorted(by_spider)
    empty = set(empty)
    interactions = []
    for spider in wanted:
        pages = [] if spider in empty else by_spider.get(spider, [])
        sources = list(getattr(classes[spider], "sources", []))
        for index, source in enumerate(sources):
            interactions.append(source_answer(spider, source, pages if index == 0 else []))
        interactions += [page_answer(page) for page in pages]
    return interactions


def write_fixture_cassette(path: Path, spiders: Iterable[str] | None = None, **kwargs: Any) -> Path:
    """Write the cassette of ``build_interactions`` to ``path``."""
    write_cassette(path, build_interactions(spiders, **kwargs))
    return path
