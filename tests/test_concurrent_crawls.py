"""Two crawls of the same spider started at once on the same output folder corrupt neither the
files nor the state store: each article is written once, by one of them, and both finish cleanly.

Both crawl the same feed (tests/faultserver.well_behaved_site: 14 real pages, hand-made feed), so
they reach the same articles at nearly the same moment and contend for the SQLite store (WAL,
busy timeout, claims) and the folder (atomic renames, the index lock).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.faultserver import Route, read_jsonl, running, start_crawl, status, well_behaved_site
from tests.test_crash_safety import assert_consistent

pytestmark = pytest.mark.slow  # crawls in subprocesses

FAILING = 6
SETTINGS = {"CONCURRENT_REQUESTS": "4", "DOWNLOAD_TIMEOUT": "10"}


def test_two_crawls_at_once_on_one_folder(tmp_path: Path) -> None:
    site = well_behaved_site(delay=0.1)
    # Articles that fail, so that both crawls append to rejects.jsonl at the same time.
    for n in range(FAILING):
        site.add(Route(f"/news/gone-{n}.html", status(410), expect="rejected", reason="http_410"))
    output = tmp_path / "output"
    with running(site):
        args = {"feed": site.url("/feed.xml")}
        items = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
        crawls = [start_crawl(output, args, SETTINGS, items_file=path) for path in items]
        deadline = time.monotonic() + 120
        codes = [crawl.wait(timeout=max(1, deadline - time.monotonic())) for crawl in crawls]
        assert codes == [0, 0]
        assert_consistent(site, output, written_only=True)
        written = [item["url"] for path in items for item in read_jsonl(path)]
        # Each article passed the exporter in exactly one of the two crawls.
        good = [r for r in site.articles() if r.expect == "written"]
        assert sorted(written) == sorted(site.url(route.path) for route in good)
        # Each crawl rejected each failing article once; no line torn or interleaved.
        rejects = read_jsonl(output / "rejects.jsonl")
        gone = sorted(site.url(f"/news/gone-{n}.html") for n in range(FAILING))
        assert sorted(r["url"] for r in rejects) == sorted(gone * 2)
        assert {r["reason"] for r in rejects} == {"http_410"}
        # Both really ran at once: the second feed request came before the last article request.
        feed_hits = site.hits["/feed.xml"]
        article_hits = [
            t for path, hits in site.hits.items() if path.startswith("/news/") for t in hits
        ]
        assert len(feed_hits) == 2 and feed_hits[1] < max(article_hits)
