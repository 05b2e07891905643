"""Everything that must hold for one publisher spider, checked in one go.

``scrapy checkpublisher <name>`` prints these checks; tests/test_spiders_meta.py and
tests/test_same_item.py assert them for every publisher. Each check says what it looked at and,
when it fails, what to do:

- ``declaration``: the spider is a publisher (name and publisher), its module is named after it and
  says in its docstring what the outlet publishes, it has sources, allowed domains, a country and
  a language (the types and values themselves were checked when the class was created);
- ``fixtures``: at least one saved page under tests/fixtures/<name>/ with its expected JSON;
- ``reviewed``: no expected JSON still says ``"reviewed": false`` (a ``scrapy fixture`` draft);
- ``sources_md``: tests/fixtures/<name>/SOURCES.md names every page, and every JSON says its
  ``source``;
- ``urls``: each fixture page's URL passes the spider's URL filters (or discovery would drop it);
- ``health``: tracker/health/fixture_coverage.json (the health checks' per-spider thresholds,
  generated from the fixtures by tools/build_health_defaults.py) is current for the spider;
- ``fields``: each page's extracted fields match its JSON (tools.fixtures.score_page);
- ``same_item``: ``scrapy crawl article`` makes the same item of each page as the spider itself,
  apart from the ``spider`` field.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tools.fixtures import (
    BODY_F1_MIN,
    KNOWN_FIELD_GAPS,
    KNOWN_TAG_GAPS,
    FixturePage,
    PageExtractor,
    fixture_pages,
    score_page,
)
from tracker.items import ArticleItem
from tracker.spiders.article import ArticleSpider
from tracker.spiders.base import NewsSpider


@dataclass
class Check:
    """One check of one publisher: its name, whether it passed, and what it found."""

    name: str
    ok: bool
    detail: str


def item_differences(own: ArticleItem | None, generic: ArticleItem | None) -> list[str]:
    """The fields in which two spiders' items of one page differ, ``spider`` aside."""
    if own is None or generic is None:
        return [] if own is generic else ["one spider made no item"]
    mine, theirs = own.to_dict(), generic.to_dict()
    return [
        f"{name}: {mine[name]!r} != {theirs[name]!r}"
        for name in mine
        if name not in ("spider", "scraped_at") and mine[name] != theirs[name]
    ]


def check_declaration(name: str, spidercls: type[NewsSpider]) -> Check:
    problems = []
    if not spidercls.is_publisher():
        problems.append("not a publisher spider: set name and publisher")
    if spidercls.name != name:
        problems.append(f"name {spidercls.name!r} differs from {name!r}")
    module = importlib.import_module(spidercls.__module__)
    if module.__name__ != f"tracker.spiders.{name}":
        problems.append(f"declare it in tracker/spiders/{name}.py, not in {module.__name__}")
    if not (module.__doc__ or "").strip():
        problems.append("say in the module docstring what the outlet publishes")
    for attribute in ("sources", "allowed_domains", "country", "language"):
        if not getattr(spidercls, attribute, None):
            problems.append(f"declare {attribute}")
    detail = "; ".join(problems) or (
        f"{spidercls.publisher} ({spidercls.country}, {spidercls.language}),"
        f" {len(spidercls.sources)} sources on {', '.join(spidercls.allowed_domains)}"
    )
    return Check("declaration", not problems, detail)


def check_health_defaults(name: str, pages: list[FixturePage]) -> Check:
    from tools.build_health_defaults import stated_shares
    from tracker.health.config import fixture_coverage

    stored = fixture_coverage().get(name)
    current = stored is not None and stored.get("pages") == len(pages)
    if current and stored is not None:
        fields = stored.get("fields", {})
        current = all(fields.get(k) == v for k, v in stated_shares(pages).items())
    return Check(
        "health",
        current,
        "the health checks' coverage thresholds match the fixtures"
        if current
        else "tracker/health/fixture_coverage.json is not current for this spider: run"
        " .venv/bin/python tools/build_health_defaults.py",
    )


def check_publisher(
    name: str,
    spidercls: type[NewsSpider],
    extractor: PageExtractor | None = None,
    *,
    extraction: bool = True,
    root: Path | None = None,
) -> Iterator[Check]:
    """Every check of one publisher (module docstring), in order; with ``extraction=False``
    only those that extract nothing (tests/test_spiders_fixtures.py and tests/test_same_item.py
    extract every page once for all spiders). ``root``: the fixtures folder (default the
    project's tests/fixtures)."""
    yield check_declaration(name, spidercls)
    pages = fixture_pages(root, spider=name)
    yield Check(
        "fixtures",
        bool(pages),
        f"{len(pages)} page(s): {', '.join(p.name for p in pages)}"
        if pages
        else f"add a real page under tests/fixtures/{name}/ (`scrapy fixture {name} PAGE ...`)",
    )
    if not pages:
        return
    drafts = [p.name for p in pages if p.expected.get("reviewed") is False]
    yield Check(
        "reviewed",
        not drafts,
        f'still drafts, check them against the page and drop "reviewed": false: {drafts}'
        if drafts
        else "every expected JSON reviewed",
    )
    sources_md = pages[0].html_path.parent / "SOURCES.md"
    listed = sources_md.read_text(encoding="utf-8") if sources_md.exists() else ""
    unlisted = [p.html_path.name for p in pages if p.html_path.name not in listed]
    unsourced = [p.name for p in pages if not p.expected.get("source")]
    problems = []
    if not sources_md.exists():
        problems.append(f"add {sources_md} (file, URL, where it came from)")
    elif unlisted:
        problems.append(f"name these files in {sources_md.name}: {unlisted}")
    if unsourced:
        problems.append(f'give these JSON files a "source": {unsourced}')
    yield Check("sources_md", not problems, "; ".join(problems) or "every page's origin stated")
    spider = spidercls()
    refused = [p.url for p in pages if not spider.accepts_url(p.url)]
    yield Check(
        "urls",
        not refused,
        f"the spider's allowed_domains/allow/deny refuse {refused}"
        if refused
        else "every fixture URL passes the spider's URL filters",
    )
    yield check_health_defaults(name, pages)
    if not extraction:
        return
    extractor = extractor or PageExtractor()
    wrong: list[str] = []
    different: list[str] = []
    for page in pages:
        own = extractor.extract_page(spidercls, page)
        result = score_page(page, own)
        known = KNOWN_FIELD_GAPS.get(page.id, {})
        bad = [
            f
            for f in result.wrong_fields()
            if not (f == "tags" and page.id in KNOWN_TAG_GAPS) and f not in known
        ]
        if own is None:
            wrong.append(f"{page.name}: no item")
        elif bad:
            details = []
            for field in bad:
                if field == "body":
                    details.append(f"body F1 {result.body_f1:.3f} < {BODY_F1_MIN}")
                elif field == "tags":
                    details.append(f"tags Jaccard {result.tags_jaccard:.2f}")
                else:
                    got = getattr(own, field)
                    details.append(f"{field} {got!r} != {page.expected[field]!r}")
            wrong.append(f"{page.name}: {'; '.join(details)}")
        generic = extractor.extract_page(ArticleSpider, page)
        differences = item_differences(own, generic)
        if differences:
            different.append(f"{page.name}: {'; '.join(differences)}")
    yield Check(
        "fields",
        not wrong,
        " | ".join(wrong) or f"{len(pages)} page(s) match their expected JSON",
    )
    yield Check(
        "same_item",
        not different,
        " | ".join(different) or "`scrapy crawl article` makes the same items",
    )
