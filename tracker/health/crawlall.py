"""``scrapy crawlall``'s health: the progress line while it runs and the closing summary.

The summary runs the crawlall suite (tracker.health.monitors.CrawlAllSuite: the spiders that found
nothing) on the run records each spider's health extension left on its crawler, logs a failure
once, and returns the one-screen text the command prints.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spidermon.runners import MonitorRunner

from tracker.health.extension import ERROR_LINES, last_run
from tracker.health.monitors import CrawlAllContext, CrawlAllSuite
from tracker.health.report import REPORT_DIR
from tracker.health.summary import CrawlProgress, format_crawlall_summary

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def watch_progress(crawlers: Sequence[Crawler], interval: float) -> Iterator[CrawlProgress]:
    """Log the progress line when a spider finishes and every ``interval`` seconds (0: never)."""
    progress = CrawlProgress(crawlers)
    progress.watch()
    loop = None
    if interval > 0:
        from twisted.internet import reactor, task

        loop = task.LoopingCall(progress.log)
        reactor.callWhenRunning(loop.start, interval, now=False)
    try:
        yield progress
    finally:
        if loop is not None and loop.running:
            loop.stop()


def summarise(
    names: Sequence[str], crawlers: Sequence[Crawler], settings: BaseSettings, elapsed_s: float
) -> str:
    """Judge the crawlall as a whole and return its summary text."""
    runs: dict[str, dict[str, Any]] = {}
    for crawler in crawlers:
        run = last_run(crawler)
        if run is not None:
            runs[str(run["spider"])] = run
    context = CrawlAllContext(list(names), runs)
    result = MonitorRunner().run(CrawlAllSuite(), health=context)
    outcome = context.outcomes.get("found_nothing")
    if outcome is None:
        lines = [(item.error or "?").strip().splitlines()[-1] for item in result.monitor_results]
        logger.error("The crawlall health check could not run: %s", "; ".join(lines))
    elif outcome["status"] != "passed":
        logger.warning("Health check found_nothing failed for crawlall: %s", outcome["message"])
    report = None
    if settings.getbool("TRACKER_HEALTH_REPORT", True) and runs:
        index = Path(settings.get("TRACKER_OUTPUT_DIR") or "output") / REPORT_DIR / "index.html"
        report = os.fspath(index) if index.exists() else None
    width = shutil.get_terminal_size((100, 24)).columns
    return format_crawlall_summary(
        names, runs, outcome, elapsed_s, ERROR_LINES.unattributed, report, width=width
    )
