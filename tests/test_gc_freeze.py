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


def test_at_exit_garbage_is_collected_once_and_the_rest_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The engine's stop registers (once per process) an exit hook: one full collection, so
    that garbage in reference cycles is still finalised, then everything alive is frozen, out of
    the way of the interpreter's collections while it tears the modules down."""
    import tracker.gc_freeze as gc_freeze

    registered: list[object] = []
    monkeypatch.setattr(gc_freeze.atexit, "register", registered.append)
    monkeypatch.setattr(gc_freeze, "_exit_hook_registered", False)
    crawler = get_crawler(Spider, {"EXTENSIONS": {"tracker.gc_freeze.GcFreezeExtension": 300}})
    GcFreezeExtension.from_crawler(crawler)
    thresholds = gc.get_threshold()
    try:
        crawler.signals.send_catch_log(signals.spider_opened, spider=None)
        crawler.signals.send_catch_log(signals.engine_stopped)
        crawler.signals.send_catch_log(signals.engine_stopped)  # a second crawl: still one hook
        assert registered == [gc_freeze.freeze_at_exit]
        assert gc.get_freeze_count() == 0  # frozen only at exit

        finalised: list[str] = []

        class Cycle:
            def __init__(self) -> None:
                self.me = self

            def __del__(self) -> None:
                finalised.append("cycle")

        Cycle()  # garbage only the collector can free
        gc.disable()  # no collection before the hook's
        try:
            gc_freeze.freeze_at_exit()
        finally:
            gc.enable()
        assert finalised == ["cycle"]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
