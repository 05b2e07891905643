"""Every publisher spider is a complete declaration with reviewed, sourced fixture pages.

"Which spiders are publishers?" has one answer, tracker.spiders.publisher_spiders; the checks are
those of ``scrapy checkpublisher`` (tools.publisher_check) that extract nothing (the fields and
the same-item checks run over every page in test_spiders_fixtures.py and test_same_item.py).
"""

from __future__ import annotations

import pkgutil

import pytest

import tracker.spiders
from tools.fixtures import fixture_pages, fixtures_dir
from tools.publisher_check import check_publisher
from tracker.spiders import publisher_spiders
from tracker.spiders.base import NewsSpider

PUBLISHERS = publisher_spiders()
# Modules under tracker/spiders/ that hold no publisher: the base, its helpers, the generic spider.
NOT_PUBLISHERS = {"base", "declaration", "sources", "article"}
# Fixture folders that are not a spider's.
NOT_SPIDER_FIXTURES = {
    "extract",
    "languages",
    "fault_site",
    "feeds",
    "health",
    "js",
    "js-real",
    "metadata",
    "page_kind",
    "pipelines",
}


def test_enough_publishers() -> None:
    assert len(PUBLISHERS) >= 30


def test_every_spider_module_declares_one_publisher() -> None:
    modules = {m.name for m in pkgutil.iter_modules(tracker.spiders.__path__)} - NOT_PUBLISHERS
    assert modules == set(PUBLISHERS)
    for name, cls in PUBLISHERS.items():
        assert cls.__module__ == f"tracker.spiders.{name}"


@pytest.mark.parametrize("name", sorted(PUBLISHERS))
def test_publisher(name: str) -> None:
    failed = [
        f"{check.name}: {check.detail}"
        for check in check_publisher(name, PUBLISHERS[name], extraction=False)
        if not check.ok
    ]
    assert not failed, "\n".join(failed)


def test_fixture_folders_belong_to_spiders() -> None:
    folders = {p.name for p in fixtures_dir().iterdir() if p.is_dir()} - NOT_SPIDER_FIXTURES
    assert folders <= set(PUBLISHERS), folders - set(PUBLISHERS)
    assert {p.spider for p in fixture_pages()} <= set(PUBLISHERS)


def test_the_generic_spider_is_not_a_publisher() -> None:
    from tracker.spiders.article import ArticleSpider

    assert "article" not in PUBLISHERS
    assert not ArticleSpider.is_publisher()
    assert issubclass(ArticleSpider, NewsSpider)
