"""``HealthExtension``: runs the health monitors when a spider closes, and keeps the history.

While the crawl runs it only counts, per written article, which of the judged fields have a value
(``tracker/health/present/<field>``) and this spider's ERROR log lines: a few dictionary
increments per item, nothing on the request path. When the spider closes it

1. builds the run's record from the stats (tracker.health.runs) and reads the spider's earlier
   runs from the state store (``TRACKER_STATE``);
2. runs the spidermon suite (tracker.health.monitors) on them;
3. stores the judged record (:class:`RecordHealthRun`), logs each failed check once (WARNING) and
   counts it in the stats (``tracker/health/failed/<check>``, ``tracker/health/status``);
4. rewrites the HTML report (``TRACKER_HEALTH_REPORT``, tracker.health.report) and runs the
   spidermon actions of ``TRACKER_HEALTH_ACTIONS`` (when a check failed) and
   ``TRACKER_HEALTH_FINISHED_ACTIONS`` (after every run).

A failure inside all this is logged and never fails the crawl: the articles are already written.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object
from spidermon import Action
from spidermon.exceptions import NotConfigured as ActionNotConfigured
from spidermon.runners import MonitorRunner

from tracker.health.config import COVERAGE_FIELDS, HealthConfigError, resolve
from tracker.health.monitors import (
    ERROR,
    FAILED,
    PASSED,
    SKIPPED,
    HealthContext,
    SpiderHealthSuite,
    spider_monitors,
)
from tracker.health.runs import PRESENT, build_run, has_value

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider
    from spidermon.results.monitor import MonitorResult

logger = logging.getLogger(__name__)

# ERROR lines kept in a run record as examples.
ERROR_SAMPLES = 3
_CRAWLER_ATTR = "_tracker_health_run"
_STATUS_OF = {"OK": PASSED, "FAIL": FAILED, "SKIPPED": SKIPPED, "ERROR": ERROR}


class _ErrorLines(logging.Handler):
    """One handler per process: gives each ERROR record to the spider it belongs to.

    Scrapy's own ``log_count/ERROR`` counts every record of the process, so in ``crawlall`` each
    spider would be charged with the others' errors. A record carrying a ``spider`` (Scrapy's
    core and ``spider.logger`` add it) goes to that spider; one without goes to the only open
    spider, and when several are open it is counted as unattributed (crawlall reports those).
    """

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.open: list[HealthExtension] = []
        self.unattributed = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(__package__ or "tracker.health"):
            return  # the health checks' own lines come after the verdict, about a closed spider
        spider = getattr(record, "spider", None)
        target = None
        if spider is not None:
            target = next((e for e in self.open if e.spider is spider), None)
        elif len(self.open) == 1:
            target = self.open[0]
        if target is None:
            self.unattributed += 1
            return
        target.errors += 1
        if len(target.error_samples) < ERROR_SAMPLES:
            try:
                text = record.getMessage()
            except Exception:  # a bad format string must not break logging
                text = str(record.msg)
            target.error_samples.append(" ".join(text.split())[:200])


ERROR_LINES = _ErrorLines()


def last_run(crawler: Crawler) -> dict[str, Any] | None:
    """The judged health record of the crawler's spider run, once it has closed."""
    run: dict[str, Any] | None = getattr(crawler, _CRAWLER_ATTR, None)
    return run


def load_actions(crawler: Crawler, setting: str) -> list[Action]:
    """The spidermon actions a setting names, each built from the crawler's settings."""
    actions = []
    for path in crawler.settings.getlist(setting):
        try:
            action_cls = load_object(path) if isinstance(path, str) else path
            actions.append(action_cls.from_crawler(crawler))
        except ActionNotConfigured as exc:
            logger.error("%s: %s is not configured, left out: %s", setting, path, exc)
        except (ImportError, NameError, AttributeError, TypeError, ValueError) as exc:
            logger.error("%s: cannot load %s, left out: %s", setting, path, exc)
    return actions


class RecordHealthRun(Action):
    """First action after the monitors: the verdict into the run record, stats, log and store."""

    def run_action(self) -> None:
        context: HealthContext = self.data.health
        crawler: Crawler = self.data.crawler
        run = context.run
        checks: dict[str, dict[str, Any]] = {}
        for item in self.result.monitor_results:
            check = str(item.monitor.method_name)
            outcome = dict(context.outcomes.get(check) or {})
            status = _STATUS_OF.get(item.status, ERROR)
            if status == ERROR or not outcome:
                # The monitor itself broke: its last traceback line says how.
                lines = (item.error or item.reason or "").strip().splitlines()
                outcome = {"message": f"check could not run: {lines[-1] if lines else '?'}"}
            outcome["status"] = status
            checks[check] = outcome
        failed = [c for c, o in checks.items() if o["status"] in (FAILED, ERROR)]
        run["checks"] = checks
        run["failed"] = failed
        run["status"] = "failing" if failed else "ok"
        stats = crawler.stats
        if stats is not None:
            for status in (PASSED, FAILED, SKIPPED, ERROR):
                count = sum(1 for o in checks.values() if o["status"] == status)
                stats.set_value(f"tracker/health/checks/{status}", count)
            for check in failed:
                stats.set_value(f"tracker/health/failed/{check}", 1)
            stats.set_value("tracker/health/status", run["status"])
        for check in failed:
            logger.warning(
                "Health check %s failed for %s: %s",
                check,
                context.spider,
                checks[check].get("message"),
            )
        store = _store(crawler)
        if store is not None:
            keep = crawler.settings.getint("TRACKER_HEALTH_KEEP_RUNS", 400)
            store.record_run(run, keep=keep)
        setattr(crawler, _CRAWLER_ATTR, run)
        logger.info(
            "Health of %s: %s (%d checks, %d failed%s); %d articles found, %d written",
            context.spider,
            run["status"],
            len(checks),
            len(failed),
            f": {', '.join(failed)}" if failed else "",
            run["counts"]["articles"],
            run["counts"]["written"],
        )


def _store(crawler: Crawler) -> Any:
    from tracker.state import store_for

    try:
        return store_for(crawler)
    except Exception as exc:  # a store that cannot open is reported by the pipelines already
        logger.warning("Health history not stored: the state store cannot open (%s)", exc)
        return None


class HealthExtension:
    """Scrapy extension: health monitors at spider close (module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("TRACKER_HEALTH_ENABLED", True):
            raise NotConfigured("TRACKER_HEALTH_ENABLED is off")
        self.crawler = crawler
        spidercls = crawler.spidercls
        try:
            self.config = resolve(
                crawler.settings, spidercls.name, getattr(spidercls, "health", None)
            )
        except HealthConfigError as exc:
            logger.error("Health checks are off for this crawl: %s", exc)
            raise NotConfigured(str(exc)) from None
        if not self.config.enabled:
            raise NotConfigured(f"health checks are disabled for {spidercls.name}")
        extra = [f for f in self.config.coverage if f not in COVERAGE_FIELDS]
        self.fields: tuple[str, ...] = (*COVERAGE_FIELDS, *extra)
        self.spider: Spider | None = None
        self.errors = 0
        self.error_samples: list[str] = []
        self.finished_actions: list[Action] = []
        if crawler.settings.getbool("TRACKER_HEALTH_REPORT", True):
            from tracker.health.report import WriteHealthReport

            self.finished_actions.append(WriteHealthReport.from_crawler(crawler))
        self.finished_actions += load_actions(crawler, "TRACKER_HEALTH_FINISHED_ACTIONS")
        self.failed_actions = load_actions(crawler, "TRACKER_HEALTH_ACTIONS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HealthExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    # --- while the crawl runs --------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        self.spider = spider
        if ERROR_LINES not in logging.root.handlers:
            logging.root.addHandler(ERROR_LINES)
        ERROR_LINES.open.append(self)

    def item_scraped(self, item: Any, response: Any = None, spider: Any = None) -> None:
        stats = self.crawler.stats
        if stats is None:
            return
        adapter = ItemAdapter(item)
        for name in self.fields:
            if has_value(adapter.get(name)):
                stats.inc_value(PRESENT + name)

    # --- at the end ------------------------------------------------------------------------------

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self in ERROR_LINES.open:
            ERROR_LINES.open.remove(self)
        try:
            self.check(spider, reason)
        except Exception as exc:
            from tracker.export.rejects import is_disk_full

            if is_disk_full(exc):
                # The rejects log says once that the disk is full; no traceback for it.
                logger.warning("Health checks of %s could not run: %s", spider.name, exc)
                return
            logger.exception("Health checks of %s could not run", spider.name)

    def run_kind(self, spider: Spider) -> str:
        limited = (
            getattr(spider, "article_urls", None) or getattr(spider, "limit", None) is not None
        )
        return "partial" if limited else "full"

    def check(self, spider: Spider, reason: str) -> MonitorResult | None:
        """Judge the run, record it and run the actions; returns spidermon's result."""
        stats = self.crawler.stats
        stats_dict = stats.get_stats() if stats is not None else {}
        run = build_run(
            spider.name,
            stats_dict,
            fields=self.fields,
            kind=self.run_kind(spider),
            errors=self.errors,
            error_samples=self.error_samples,
            finish_reason=reason,
            finished_at=datetime.now(UTC),
        )
        store = _store(self.crawler)
        history = []
        if store is not None:
            history = store.recent_runs(spider.name, limit=max(30, 3 * self.config.history_runs))
        context = HealthContext(spider.name, self.config, run, history)
        suite = SpiderHealthSuite(
            monitors=spider_monitors(self.fields),
            monitors_finished_actions=[RecordHealthRun(), *self.finished_actions],
            monitors_failed_actions=self.failed_actions,
            crawler=self.crawler,
        )
        result: MonitorResult = MonitorRunner().run(
            suite,
            stats=stats_dict,
            stats_history=[],
            crawler=self.crawler,
            spider=spider,
            job=None,
            health=context,
        )
        for item in (
            result.monitors_finished_action_results
            + result.monitors_passed_action_results
            + result.monitors_failed_action_results
        ):
            if item.status == "ERROR":
                lines = (item.error or "").strip().splitlines() or ["?"]
                logger.error("Health action %s failed: %s", item.action.name, lines[-1])
                logger.debug("Health action %s: %s", item.action.name, item.error)
        return result
