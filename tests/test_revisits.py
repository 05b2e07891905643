"""Revisits and revisions, end to end: real article pages (tests/fixtures/fault_site) served from
a local server that change between crawls, each crawl a real ``scrapy crawl article`` process.

The pages are real; the **changes are hand-made** (written in this file): a paragraph added, the
headline rewritten, a correction appended, and on one page only a "last updated" stamp and a view
counter that change. One page sends an ETag and Last-Modified and answers a conditional request
with 304; one sends no validators. The feed is hand-made (tests/faultserver.py).

The pages were published in 2023-2025, so the crawls set ``TRACKER_REVISIT_DAYS`` wide enough to
cover them, and ``TRACKER_REVISIT_HOURS=0`` where a test revisits at once.
"""

from __future__ import annotations

import email.utils
import hashlib
import html as html_lib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from tests.faultserver import (
    CrawlResult,
    FaultRequestHandler,
    FaultSite,
    Route,
    add_feed,
    add_robots,
    real_page,
    run_crawl,
    running,
)
from tools.transplant import article_paragraphs, paragraph_element, replace_title

pytestmark = pytest.mark.slow  # crawls in subprocesses

ADDED = "The council said on Wednesday that it would publish the full report next month."
CORRECTION = (
    "Correction: An earlier version of this article misstated the date of the hearing. "
    "It is Thursday, not Tuesday."
)
NEW_HEADLINE = "Indiana governor backs the revised Republican state budget plan"


def _tree(html: str) -> Any:
    return lxml.html.document_fromstring(html)


def _serialised(tree: Any) -> bytes:
    return lxml.html.tostring(tree, encoding="utf-8", doctype="<!DOCTYPE html>")


def with_paragraph_after_last(name: str, text: str) -> bytes:
    """The real page with one paragraph added after its last body paragraph."""
    page = real_page(name).decode("utf-8")
    _, paragraphs = article_paragraphs(page, f"https://example.test/{name}")
    tree = _tree(page)
    last = paragraph_element(tree, paragraphs[-1])
    assert last is not None, name
    node = lxml.html.fragment_fromstring(f"<p>{html_lib.escape(text)}</p>")
    node.tail = last.tail
    last.tail = None
    last.addnext(node)
    return _serialised(tree)


def with_stamps(name: str, updated: str, views: str) -> bytes:
    """The real page with a "last updated" stamp and a view counter after its first paragraph."""
    page = real_page(name).decode("utf-8")
    _, paragraphs = article_paragraphs(page, f"https://example.test/{name}")
    tree = _tree(page)
    # The first extracted paragraph that is a paragraph of the page (not a standfirst).
    first = next(e for p in paragraphs if (e := paragraph_element(tree, p)) is not None)
    for text in (views, updated):
        node = lxml.html.fragment_fromstring(f"<p>{html_lib.escape(text)}</p>")
        first.addnext(node)
    return _serialised(tree)


def retitled(name: str, title: str) -> bytes:
    tree = _tree(real_page(name).decode("utf-8"))
    replace_title(tree, title)
    return _serialised(tree)


def unchanged(name: str) -> bytes:
    return _serialised(_tree(real_page(name).decode("utf-8")))


class Versions:
    """Which version of each page the server answers with (the same for every page)."""

    def __init__(self) -> None:
        self.phase = 1


def versioned(
    versions: Versions, pages: dict[int, bytes], validators: bool
) -> Callable[[FaultRequestHandler, Route, int], None]:
    """The page of the current phase (the latest one defined); with ``validators``, an ETag
    and a Last-Modified, and 304 to a request whose If-None-Match names the current ETag."""

    def serve(h: FaultRequestHandler, route: Route, nth: int) -> None:
        phase = max(p for p in pages if p <= versions.phase)
        body = pages[phase]
        headers = {}
        if validators:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers["ETag"] = etag
            headers["Last-Modified"] = email.utils.formatdate(1_700_000_000 + phase, usegmt=True)
            if h.headers.get("If-None-Match") == etag:
                h.send_response(304)
                for name, value in headers.items():
                    h.send_header(name, value)
                h.end_headers()
                return
        h.send_bytes(200, body, headers=headers)

    return serve


def revisit_site(versions: Versions) -> FaultSite:
    site = FaultSite()
    add_robots(site)
    add_feed(site)
    pages: dict[str, tuple[dict[int, bytes], bool]] = {
        # A paragraph added, then (phase 3) one more.
        "/news/added.html": (
            {
                1: unchanged("WashingtonTimes"),
                2: with_paragraph_after_last("WashingtonTimes", ADDED),
                3: _twice_added(),
            },
            True,
        ),
        "/news/headline.html": (
            {1: unchanged("VoiceOfAmerica"), 2: retitled("VoiceOfAmerica", NEW_HEADLINE)},
            False,
        ),
        "/news/correction.html": (
            {
                1: unchanged("TheIndependent"),
                2: with_paragraph_after_last("TheIndependent", CORRECTION),
            },
            True,
        ),
        "/news/stamp.html": (
            {
                1: with_stamps("TheCitizen", "Last updated: 1 December 2026 10:04", "1,204 views"),
                2: with_stamps("TheCitizen", "Last updated: 1 December 2026 14:37", "1,377 views"),
            },
            False,
        ),
        "/news/same-etag.html": ({1: unchanged("FreeBeacon")}, True),
        "/news/same-plain.html": ({1: unchanged("RestOfWorld")}, False),
    }
    for path, (bodies, validators) in pages.items():
        site.add(Route(path, versioned(versions, bodies, validators), title=path))
    return site


def _twice_added() -> bytes:
    page = with_paragraph_after_last("WashingtonTimes", ADDED).decode("utf-8")
    tree = _tree(page)
    last = paragraph_element(tree, ADDED)
    assert last is not None
    node = lxml.html.fragment_fromstring("<p>The budget now goes to the governor to be signed.</p>")
    last.addnext(node)
    return _serialised(tree)


SETTINGS = {"TRACKER_REVISIT_DAYS": "36500", "TRACKER_REVISIT_HOURS": "0"}


@pytest.fixture(params=["sqlite", "redis"])
def state(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "redis":
        return {"TRACKER_STATE": str(request.getfixturevalue("redis_url"))}
    return {}


def by_path(result: CrawlResult) -> dict[str, dict[str, Any]]:
    return {re.sub(r"^https?://[^/]+", "", item["fetched_url"]): item for item in result.items}


def test_pages_that_change_between_crawls_become_revisions(
    tmp_path: Path, state: dict[str, str]
) -> None:
    versions = Versions()
    site = revisit_site(versions)
    out = tmp_path / "out"
    with running(site):
        args = {"feed": site.url("/feed.xml")}
        first = run_crawl(out, args, {**SETTINGS, **state})
        assert first.returncode == 0, first.log[-3000:]
        assert len(first.items) == 6 and {i["revision"] for i in first.items} == {1}
        assert all(i["previous_content_hash"] is None for i in first.items)
        files_before = {i["fetched_url"]: (out / i["path"]).read_text() for i in first.items}

        versions.phase = 2
        second = run_crawl(out, args, {**SETTINGS, **state})
        assert second.returncode == 0, second.log[-3000:]
        stats = second.stats
        assert stats["tracker/revisit/requested"] == 6
        assert stats["tracker/revisit/not_modified"] == 1  # same-etag: a 304
        assert stats["tracker/revisit/unchanged"] == 2  # the stamp page and same-plain
        assert stats["tracker/revisit/revised"] == 3
        assert "tracker/skipped/seen_url" in stats  # the feed's links were not fetched anew
        revised = by_path(second)
        assert set(revised) == {"/news/added.html", "/news/headline.html", "/news/correction.html"}

        added = revised["/news/added.html"]
        assert added["revision"] == 2
        assert added["changes"] == {
            "title_changed": False,
            "previous_title": None,
            "paragraphs_added": 1,
            "paragraphs_removed": 0,
            "paragraphs_edited": 0,
        }
        first_added = next(i for i in first.items if i["fetched_url"] == added["fetched_url"])
        assert added["previous_content_hash"] == first_added["content_hash"]
        assert added["path"] == first_added["path"]

        headline = revised["/news/headline.html"]
        assert headline["changes"]["title_changed"] is True
        assert headline["changes"]["paragraphs_added"] == 0
        assert headline["title"] == NEW_HEADLINE
        first_headline = next(i for i in first.items if i["fetched_url"] == headline["fetched_url"])
        assert headline["changes"]["previous_title"] == first_headline["title"]
        # The file stays where it was, though its headline (and so its slug) changed.
        assert headline["path"] == first_headline["path"]

        correction = revised["/news/correction.html"]
        assert correction["changes"]["paragraphs_added"] == 1
        assert CORRECTION in correction["text"]

        # The conditional request carried the stored validators.
        sent = site.headers["/news/same-etag.html"][-1]
        assert sent.get("if-none-match", "").startswith('"')
        assert sent.get("if-modified-since", "").endswith("GMT")
        assert "if-none-match" not in site.headers["/news/same-plain.html"][-1]

        # On disk: the file updated, revision 1 kept beside it, the diff written.
        path = out / added["path"]
        text = path.read_text()
        assert re.search(r"^\*\*Updated:\*\* .+ \(revision 2: 1 paragraph added\)$", text, re.M)
        assert "## Revisions" in text and ADDED in text
        old = path.with_name(path.name.replace(".md", ".r1.md"))
        assert old.read_text() == files_before[added["fetched_url"]]
        diff = path.with_name(path.name.replace(".md", ".r2.diff")).read_text()
        assert f"+{ADDED}" in diff and diff.startswith("--- revision 1\n+++ revision 2\n")
        # Earlier versions are not listed as articles in the category index.
        assert ".r1.md" not in (path.parent / "index.md").read_text()
        stamp_file = out / next(
            i["path"] for i in first.items if i["fetched_url"].endswith("stamp.html")
        )
        assert stamp_file.read_text() == files_before[site.url("/news/stamp.html")]

        # Within TRACKER_REVISIT_HOURS (6 by default) nothing is asked again.
        hits = {p: site.hit_count(p) for p in site.routes}
        third = run_crawl(out, args, {"TRACKER_REVISIT_DAYS": "36500", **state})
        assert third.returncode == 0, third.log[-3000:]
        assert "tracker/revisit/requested" not in third.stats
        assert not third.items
        assert all(site.hit_count(p) == hits[p] for p in site.routes if p.startswith("/news/"))

        # A third version: revision 3, both earlier versions kept, both revisions listed.
        versions.phase = 3
        fourth = run_crawl(out, args, {**SETTINGS, **state})
        assert fourth.returncode == 0, fourth.log[-3000:]
        assert [(i["fetched_url"], i["revision"]) for i in fourth.items] == [
            (site.url("/news/added.html"), 3)
        ]
        text = path.read_text()
        assert "(revision 3: 1 paragraph added)" in text
        section = text[text.index("## Revisions") :]
        assert section.index("Revision 3") < section.index("Revision 2") < section.index("first")
        assert path.with_name(path.name.replace(".md", ".r2.md")).exists()
        assert path.with_name(path.name.replace(".md", ".r3.diff")).exists()


def test_revisits_off_fetches_nothing_again(tmp_path: Path) -> None:
    versions = Versions()
    site = revisit_site(versions)
    out = tmp_path / "out"
    with running(site):
        args = {"feed": site.url("/feed.xml")}
        first = run_crawl(out, args, {"TRACKER_REVISIT_DAYS": "0"})
        assert first.returncode == 0 and len(first.items) == 6
        versions.phase = 2
        hits = {p: site.hit_count(p) for p in site.routes}
        second = run_crawl(out, args, {"TRACKER_REVISIT_DAYS": "0", "TRACKER_REVISIT_HOURS": "0"})
        assert second.returncode == 0 and not second.items
        assert all(site.hit_count(p) == hits[p] for p in site.routes if p.startswith("/news/"))
