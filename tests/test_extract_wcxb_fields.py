"""Title and date failure classes found on WCXB's development pages (held-out sites), each on
the real page that showed it (tests/fixtures/extract/wcxb/, SOURCES.md of tests/fixtures/extract).
URLs and reference values are copied from WCXB's ``wcxb.json``."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from bench.fields import published_right, title_right
from tracker.extract import extract_article
from tracker.extract.encoding import decode_html
from tracker.extract.rules import SiteRules

WCXB = Path(__file__).parent / "fixtures" / "extract" / "wcxb"
PAGES = json.loads((WCXB / "pages.json").read_text())
NPS_WEBCAMS = "https://www.nps.gov/yose/learn/photosmultimedia/webcams.htm"
CBC_BANK = "https://www.cbcbank.com/top-nine-financial-tips-for-working-adults"
MENLO_MBA = "https://menlocoaching.com/top-mba-programs/"


def _fields(page_id: str, url: str) -> dict[str, object]:
    html = decode_html(gzip.decompress((WCXB / f"{page_id}.html.gz").read_bytes()))
    return dict(extract_article(html, url).fields)


def test_title_keeps_the_pages_curly_apostrophe_and_the_bench_reads_it_as_the_reference() -> None:
    """The headline prints "Beginner\u2019s"; WCXB's reference writes "Beginner's". The tracker
    outputs the page's own character, and the bench compares titles with curly quotes folded
    to ASCII on both sides (this page scored as a wrong title before)."""
    fields = _fields("0091", PAGES["0091"]["url"])
    assert fields["title"] == "A Beginner\u2019s Guide to Starting Music Lessons at Any Age"
    assert title_right(PAGES["0091"]["title"], str(fields["title"]))
    assert title_right("A HPH guide to... plants", "A HPH guide to\u2026 plants")
    assert not title_right("A Beginner's Guide", "A Beginners Guide")


def test_a_date_line_far_below_the_headline_dates_a_page_without_any_other_date() -> None:
    """No JSON-LD, no meta date, nothing next to the headline: the page's only date is
    "Last updated: November 13, 2025" under its content, which htmldate's extensive search
    finds (the page had no date before)."""
    fields = _fields("0341", NPS_WEBCAMS)
    assert fields["published"] == "2025-11-13"
    assert published_right("2025-11-13", str(fields["published"]))


def test_a_copyright_year_is_not_a_publication_date() -> None:
    """The page prints no date, only years ("© 2025"); htmldate's extensive search turns such a
    year into 1 January, a day the page never printed: the page stays without a date."""
    fields = _fields("0164", CBC_BANK)
    assert "published" not in fields


def test_a_line_break_inside_the_headline_separates_its_words() -> None:
    """The <h1> is "Top MBA Programs of 2025 (US)<br>Your Guide to ...": the title read
    "(US)Your Guide" before, two words glued together."""
    fields = _fields("0022", MENLO_MBA)
    assert fields["title"] == (
        "Top MBA Programs of 2025 (US) Your Guide to the Best Business Schools"
    )


def test_a_site_selector_reads_a_line_break_in_the_headline_as_a_space() -> None:
    """The same headline read through a spider's ``selectors`` (the path a publisher's rules
    take): the selector's text glued "(US)Your Guide" too, and kept a script's text."""
    html = decode_html(gzip.decompress((WCXB / "0022.html.gz").read_bytes()))
    rules = SiteRules(selectors={"title": "h1"})
    fields = extract_article(html, MENLO_MBA, rules=rules).fields
    assert "(US) Your Guide" in fields["title"]


def test_the_extensive_date_search_runs_only_on_a_page_that_prints_a_full_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """htmldate's extensive search costs about a tenth of a second a page, and what it finds is
    kept only when the page prints that day in full. The page that prints only years
    ("© 2025") never gets that search (it was run, and its 1 January thrown away, before); the
    page that prints "Last updated: November 13, 2025" still gets it and keeps its date."""
    import htmldate

    extensive_runs: list[str] = []
    real_find_date = htmldate.find_date

    def counting_find_date(*args: Any, **kwargs: Any) -> str | None:
        if kwargs.get("extensive_search"):
            extensive_runs.append(str(kwargs.get("url")))
        return real_find_date(*args, **kwargs)

    monkeypatch.setattr(htmldate, "find_date", counting_find_date)
    assert "published" not in _fields("0164", CBC_BANK)
    assert extensive_runs == []
    assert _fields("0341", NPS_WEBCAMS)["published"] == "2025-11-13"
    assert extensive_runs == [NPS_WEBCAMS]
