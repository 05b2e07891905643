"""Scrapy's spider loader, importing a spider's module alone when a command names one spider.

Scrapy's ``SpiderLoader`` imports every module under ``SPIDER_MODULES`` when it is built: every
``scrapy crawl <name>`` imported all the publisher spiders' modules (and the site helpers they
import) to run one of them. :class:`LazySpiderLoader` (``SPIDER_LOADER_CLASS``) answers
``load(name)`` from the module of that name (``tracker.spiders.nasa`` for ``nasa``: each spider
lives in the module named after it) and imports all of them, as Scrapy's does, the first time
anything needs them all: ``list()`` (``scrapy list``, ``scrapy publishers``, crawlall, checks),
``find_by_request()``, or a name no module of that name declares.
"""

from __future__ import annotations

import builtins
import importlib
import logging
from collections import defaultdict
from typing import TYPE_CHECKING

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.spider import iter_spider_classes

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)


class LazySpiderLoader(SpiderLoader):
    """Scrapy's SpiderLoader, with the spider modules imported when first needed."""

    def __init__(self, settings: BaseSettings) -> None:
        # SpiderLoader.__init__ would import every spider module: its state is set up here.
        self.spider_modules: list[str] = settings.getlist("SPIDER_MODULES")
        self.warn_only: bool = settings.getbool("SPIDER_LOADER_WARN_ONLY")
        self._spiders: dict[str, type[Spider]] = {}
        self._found: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
        self._all_loaded = False

    def _load_all(self) -> None:
        if not self._all_loaded:
            self._all_loaded = True
            self._spiders.clear()
            self._found.clear()
            self._load_all_spiders()

    def _load_alone(self, spider_name: str) -> type[Spider] | None:
        """The spider from the module named after it, or None (no such module, or it declares
        no spider of that name)."""
        if not spider_name.isidentifier():
            return None
        for package in self.spider_modules:
            module_name = f"{package}.{spider_name}"
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue  # no module of that name; a missing import inside it is raised
                raise
            for spidercls in iter_spider_classes(module):
                if spidercls.name == spider_name:
                    return spidercls
        return None

    def load(self, spider_name: str) -> type[Spider]:
        if not self._all_loaded and spider_name not in self._spiders:
            found = self._load_alone(spider_name)
            if found is None:
                self._load_all()
            else:
                self._spiders[spider_name] = found
        return super().load(spider_name)

    def list(self) -> list[str]:
        self._load_all()
        return super().list()

    def find_by_request(self, request: Request) -> builtins.list[str]:
        self._load_all()
        return super().find_by_request(request)
