"""Every spider module declares a well-formed publisher spider with at least one fixture page."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import tracker.spiders
from tools.fixtures import fixture_pages
from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Source

# Modules under tracker/spiders/ that are not publisher spiders.
NOT_PUBLISHERS = {"base", "sources", "article"}

MODULES = sorted(
    m.name for m in pkgutil.iter_modules(tracker.spiders.__path__) if m.name not in NOT_PUBLISHERS
)
FIXTURE_SPIDERS = {page.spider for page in fixture_pages()}


def spider_class(module_name: str) -> type[NewsSpider]:
    module = importlib.import_module(f"tracker.spiders.{module_name}")
    classes = [
        obj
        for obj in vars(module).values()
        if isinstance(obj, type)
        and issubclass(obj, NewsSpider)
        and obj.__module__ == module.__name__
    ]
    assert len(classes) == 1, f"{module_name}: expected one NewsSpider subclass, found {classes}"
    return classes[0]


def test_enough_publishers() -> None:
    assert len(MODULES) >= 30


@pytest.mark.parametrize("module_name", MODULES)
def test_spider_declaration(module_name: str) -> None:
    cls = spider_class(module_name)
    assert cls.name == module_name
    assert cls.publisher.strip(), "publisher must name the outlet"
    assert sys_module_doc(module_name), "say in the module docstring what the outlet publishes"
    assert cls.sources, "a publisher spider needs at least one discovery source"
    for source in cls.sources:
        assert isinstance(source, Source)
        assert source.url.startswith("https://"), source.url
    assert cls.allowed_domains, "allowed_domains keeps the crawl on the publisher's hosts"
    for domain in cls.allowed_domains:
        assert "/" not in domain and ":" not in domain, domain
    for pattern in [*cls.allow, *cls.deny]:
        re.compile(pattern)
    assert cls.language == "en"


@pytest.mark.parametrize("module_name", MODULES)
def test_spider_has_fixture(module_name: str) -> None:
    assert module_name in FIXTURE_SPIDERS, f"add a page under tests/fixtures/{module_name}/"


@pytest.mark.parametrize("module_name", MODULES)
def test_sources_are_on_allowed_domains(module_name: str) -> None:
    """Every source is fetched from a host the spider allows (or the offsite filter drops it)."""
    cls = spider_class(module_name)
    spider = cls()
    for source in cls.sources:
        host = re.sub(r"^https://([^/:]+).*$", r"\1", source.url)
        assert any(host == d or host.endswith("." + d) for d in cls.allowed_domains), source.url
    # A fixture page's own URL must pass the spider's URL filters, or discovery would drop it.
    for page in fixture_pages(spider=module_name):
        assert spider.accepts_url(page.url), page.url


def test_fixture_folders_belong_to_spiders() -> None:
    assert set(MODULES) | {"article", "nasa"} >= FIXTURE_SPIDERS


def sys_module_doc(module_name: str) -> str | None:
    return importlib.import_module(f"tracker.spiders.{module_name}").__doc__


def test_fixtures_are_reviewed() -> None:
    """`scrapy fixture` drafts carry "reviewed": false until a person has checked them."""
    drafts = [p.id for p in fixture_pages() if p.expected.get("reviewed") is False]
    assert not drafts, f"review these fixtures' expected JSON, then drop 'reviewed': {drafts}"


def test_fixtures_say_where_they_came_from() -> None:
    for page in fixture_pages():
        assert page.expected.get("source"), page.id
        assert (page.html_path.parent / "SOURCES.md").exists(), page.spider
