"""tracker.spider_loader: `scrapy crawl <name>` imports that spider's module alone; lists,
lookups by request and unknown names see every spider, as with Scrapy's own loader."""

from __future__ import annotations

import subprocess
import sys

import pytest
from scrapy.spiderloader import SpiderLoader, get_spider_loader
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from tracker.spider_loader import LazySpiderLoader
from tracker.spiders.article import ArticleSpider


def test_the_project_uses_the_lazy_loader_and_it_finds_what_scrapys_finds() -> None:
    settings = get_project_settings()
    assert isinstance(get_spider_loader(settings), LazySpiderLoader)
    scrapys = SpiderLoader(settings)
    names = scrapys.list()
    assert len(names) > 150
    for name in names:
        # A loader of its own for each name: the module of that name is all it reads (each
        # spider lives in the module named after it, docs/adding-a-publisher.md).
        assert LazySpiderLoader(settings)._load_alone(name) is scrapys.load(name), name
        assert LazySpiderLoader(settings).load(name) is scrapys.load(name), name
    lazy = LazySpiderLoader(settings)
    lazy.load("nasa")
    assert sorted(lazy.list()) == sorted(names)
    with pytest.raises(KeyError):
        LazySpiderLoader(settings).load("no-such-spider")


def test_crawling_one_spider_imports_its_module_alone() -> None:
    code = (
        "import sys\n"
        "from scrapy.spiderloader import get_spider_loader\n"
        "from scrapy.utils.project import get_project_settings\n"
        "loader = get_spider_loader(get_project_settings())\n"
        "assert loader.load('nasa').__name__ == 'NasaSpider'\n"
        "spiders = {m for m in sys.modules if m.startswith('tracker.spiders.')}\n"
        "assert spiders <= {'tracker.spiders.nasa', 'tracker.spiders.base',\n"
        "                   'tracker.spiders.sources', 'tracker.spiders.declaration'}, spiders\n"
        "assert len(loader.list()) > 150\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_the_generic_spider_reads_the_publishers_only_when_their_rules_may_apply() -> None:
    settings = {"SPIDER_MODULES": ["tracker.spiders"]}
    generic = ArticleSpider.from_crawler(
        get_crawler(ArticleSpider, settings), urls="https://example.com/a", rules="generic"
    )
    assert generic._dedicated == {}
    auto = ArticleSpider.from_crawler(
        get_crawler(ArticleSpider, settings), urls="https://example.com/a"
    )
    assert auto._dedicated["nasa.gov"].name == "nasa"
