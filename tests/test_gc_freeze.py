"""tracker.gc_freeze: start-up's objects are frozen out of the collector's way, and handed back
when the engine stops."""

from __future__ import annotations

import gc

import pytest
from scrapy import Spider, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from tracker.gc_freeze import CRAWL_THRESHOLDS, GcFreezeExtension


def test_freezes_at_open_and_after_the_first_item_and_unfreezes_at_the_end() -> None:
    crawler = get_crawler(Spider, {"EXTENSIONS": {"tracker.gc_freeze.GcFreezeExtension": 300}})
    GcFreezeExtension.from_crawler(crawler)
    gc.unfreeze()
    thresholds = gc.get_threshold()
    try:
        crawler.signals.send_catch_log(signals.spider_opened, spider=None)
        at_open = gc.get_freeze_count()
        assert at_open > 0
        assert gc.get_threshold() == CRAWL_THRESHOLDS != thresholds
        kept = [object() for _ in range(10)], {"a": [1]}  # made after the first freeze
        crawler.signals.send_catch_log(signals.item_scraped, item={}, response=None, spider=None)
        assert gc.get_freeze_count() > at_open
        after_first = gc.get_freeze_count()
        crawler.signals.send_catch_log(signals.item_scraped, item={}, response=None, spider=None)
        assert gc.get_freeze_count() == after_first  # only the first item freezes again
        assert gc.get_threshold() == CRAWL_THRESHOLDS
        crawler.signals.send_catch_log(signals.engine_stopped)
        assert gc.get_freeze_count() == 0
        assert gc.get_threshold() == thresholds
        assert kept
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_the_setting_turns_it_off() -> None:
    crawler = get_crawler(Spider, {"TRACKER_GC_FREEZE": False})
    with pytest.raises(NotConfigured):
        GcFreezeExtension.from_crawler(crawler)
