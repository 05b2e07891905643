"""The spidermon monitors the tracker runs when a spider closes, and the crawlall suite.

Each check is one spidermon test method whose name is the check's id (``item_count``,
``coverage/<field>``, ``rejects``, ``errors``, ``sources``, ``finish_reason``; for crawlall
``found_nothing``). A check records its outcome (status, a sentence for a person, the measured
value and the threshold) in ``data.health.outcomes`` before it passes, fails or skips, so the
history, ``scrapy health`` and the report can say why, not only that.

The data a suite runs on (``tracker.health.extension``): spidermon's usual ``stats``, ``crawler``
and ``spider``, plus ``health``, a :class:`HealthContext` with the resolved thresholds, this run's
record (tracker.health.runs) and the spider's earlier runs from the state store.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spidermon import Monitor, MonitorSuite, monitors

from tracker.health.config import COVERAGE_FIELDS, HealthConfig

PASSED, FAILED, SKIPPED, ERROR = "passed", "failed", "skipped", "error"


@dataclass
class HealthContext:
    """What the monitors of one spider run judge."""

    spider: str
    config: HealthConfig
    run: dict[str, Any]
    # The spider's earlier runs, newest first (this run is not among them).
    history: list[dict[str, Any]] = field(default_factory=list)
    outcomes: dict[str, dict[str, Any]] = field(default_factory=dict)


class _Skip(Exception):
    pass


class HealthMonitor(Monitor):
    """Base of the tracker's monitors: records each outcome before reporting it to spidermon."""

    @property
    def health(self) -> HealthContext:
        context: HealthContext = self.data.health
        return context

    @property
    def counts(self) -> dict[str, Any]:
        counts: dict[str, Any] = self.health.run.get("counts", {})
        return counts

    def judge(
        self,
        check: str,
        ok: bool,
        message: str,
        value: float | None = None,
        threshold: float | None = None,
    ) -> None:
        """Record the outcome of ``check`` and fail the test when not ``ok``."""
        self.health.outcomes[check] = {
            "status": PASSED if ok else FAILED,
            "message": message,
            "value": value,
            "threshold": threshold,
        }
        if not ok:
            self.fail(message)

    def skip(self, check: str, reason: str, value: float | None = None) -> None:
        """Record ``check`` as not judged this run, and skip the test."""
        self.health.outcomes[check] = {
            "status": SKIPPED,
            "message": reason,
            "value": value,
            "threshold": None,
        }
        self.skipTest(reason)


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


@monitors.name("Item count")
class ItemCountMonitor(HealthMonitor):
    """Articles found (written now, or written in an earlier run) against recent runs."""

    @monitors.name("item_count")
    def test_item_count(self) -> None:
        check, config = "item_count", self.health.config
        articles = int(self.counts.get("articles", 0))
        if articles == 0:
            self.judge(check, False, "found no articles (sources empty, failing or filtered)", 0)
        if self.health.run.get("kind") == "partial":
            self.skip(check, "a partial run (-a urls or -a limit) is not compared", articles)
        baseline = [
            run
            for run in self.health.history
            if run.get("kind") == "full" and "item_count" not in run.get("failed", [])
        ][: config.history_runs]
        if len(baseline) < config.min_history:
            self.skip(
                check,
                f"{articles} articles; {len(baseline)} earlier complete runs,"
                f" {config.min_history} needed to compare",
                articles,
            )
        median = statistics.median(int(r.get("counts", {}).get("articles", 0)) for r in baseline)
        floor = config.min_items_share * median
        share = articles / median if median else 1.0
        self.judge(
            check,
            articles >= floor,
            f"{articles} articles, {_pct(share)} of the median {median:g} of the last"
            f" {len(baseline)} runs (at least {_pct(config.min_items_share)} expected)",
            articles,
            floor,
        )


def _coverage_test(name: str) -> Callable[[HealthMonitor], None]:
    @monitors.name(f"coverage/{name}")
    def test(self: HealthMonitor) -> None:
        check, config = f"coverage/{name}", self.health.config
        written = int(self.counts.get("written", 0))
        present = int(self.health.run.get("present", {}).get(name, 0))
        share = present / written if written else None
        threshold = config.coverage_threshold(name)
        if written < max(1, config.min_items_for_coverage):
            reason = (
                f"{written} articles written, {config.min_items_for_coverage} needed to judge"
                f" {name} coverage"
            )
            self.skip(check, reason, share)
        assert share is not None
        if threshold <= 0:
            self.skip(check, f"{name} on {_pct(share)} of {written} articles (not checked)", share)
        self.judge(
            check,
            share >= threshold,
            f"{name} on {present} of {written} articles ({_pct(share)}),"
            f" {'below' if share < threshold else 'at least'} {_pct(threshold)}",
            share,
            threshold,
        )

    test.__name__ = f"test_coverage_{name}"
    test.__doc__ = f"Share of written articles that have {name}."
    return test


def coverage_monitor(names: Iterable[str] = COVERAGE_FIELDS) -> type[HealthMonitor]:
    """A monitor with one check per field: ``coverage/<field>``."""
    methods: dict[str, Any] = {f"test_coverage_{n}": _coverage_test(n) for n in names}
    methods["__doc__"] = "Share of written articles that have each field."
    cls = type("FieldCoverageMonitor", (HealthMonitor,), methods)
    return monitors.name("Field coverage")(cls)


@monitors.name("Rejects")
class RejectsMonitor(HealthMonitor):
    """Share of the articles handled this run that were rejected, per reason."""

    @monitors.name("rejects")
    def test_rejects(self) -> None:
        check, config = "rejects", self.health.config
        rejects: dict[str, int] = self.health.run.get("rejects", {})
        rejected = sum(rejects.values())
        handled = int(self.counts.get("written", 0)) + int(self.counts.get("duplicates", 0))
        handled += rejected
        if not rejected:
            self.judge(check, True, "no rejects", 0.0, None)
            return
        too_many = []
        for reason, count in sorted(rejects.items(), key=lambda kv: -kv[1]):
            share = count / handled
            limit = config.reject_threshold(reason)
            if count >= config.min_rejects and share > limit:
                too_many.append(f"{reason} {count} ({_pct(share)}, max {_pct(limit)})")
        listed = ", ".join(f"{r} {c}" for r, c in sorted(rejects.items(), key=lambda kv: -kv[1]))
        if too_many:
            message = f"too many rejects of {handled} articles: " + "; ".join(too_many)
        else:
            message = f"{rejected} of {handled} articles rejected ({listed})"
        self.judge(check, not too_many, message, rejected / handled, None)


@monitors.name("Error log lines")
class ErrorsMonitor(HealthMonitor):
    """ERROR lines this spider logged."""

    @monitors.name("errors")
    def test_errors(self) -> None:
        errors = int(self.counts.get("errors", 0))
        limit = self.health.config.max_errors
        samples = self.health.run.get("error_samples") or []
        message = f"{errors} ERROR log lines (at most {limit})"
        if errors and samples:
            message += f", first: {samples[0]}"
        self.judge("errors", errors <= limit, message, errors, limit)


@monitors.name("Sources")
class SourcesMonitor(HealthMonitor):
    """Feeds and sitemaps that failed to download or could not be read."""

    @monitors.name("sources")
    def test_sources(self) -> None:
        failures: dict[str, int] = self.health.run.get("source_failures", {})
        failed = sum(failures.values())
        limit = self.health.config.max_source_failures
        if failed:
            listed = ", ".join(f"{k} {v}" for k, v in sorted(failures.items()))
            message = f"{failed} feeds or sitemaps failed ({listed}), at most {limit}"
        else:
            message = "every feed and sitemap was read"
        self.judge("sources", failed <= limit, message, failed, limit)


@monitors.name("Finish reason")
class FinishReasonMonitor(HealthMonitor):
    """The reason the crawl finished."""

    @monitors.name("finish_reason")
    def test_finish_reason(self) -> None:
        reason = str(self.health.run.get("finish_reason") or "")
        expected = self.health.config.finish_reasons
        self.judge(
            "finish_reason",
            reason in expected,
            f"finished with {reason!r}"
            + ("" if reason in expected else f", expected {' or '.join(map(repr, expected))}"),
        )


def spider_monitors(fields: Iterable[str] = COVERAGE_FIELDS) -> list[type[Monitor]]:
    """The monitors run on every spider when it closes."""
    return [
        ItemCountMonitor,
        coverage_monitor(fields),
        RejectsMonitor,
        ErrorsMonitor,
        SourcesMonitor,
        FinishReasonMonitor,
    ]


class SpiderHealthSuite(MonitorSuite):
    """The tracker's suite for one spider run (monitors and actions chosen by the extension)."""


# ---------------------------------------------------------------------------- crawlall


@dataclass
class CrawlAllContext:
    """What the crawlall suite judges: the run records of the spiders it ran."""

    spiders: list[str]
    runs: dict[str, dict[str, Any]]
    outcomes: dict[str, dict[str, Any]] = field(default_factory=dict)


@monitors.name("Spiders that found nothing")
class FoundNothingMonitor(HealthMonitor):
    """Spiders of a crawlall that found no article (or ended without a health record)."""

    @monitors.name("found_nothing")
    def test_found_nothing(self) -> None:
        context: CrawlAllContext = self.data.health
        empty = [
            name
            for name in context.spiders
            if int(context.runs.get(name, {}).get("counts", {}).get("articles", 0)) == 0
        ]
        if empty:
            message = f"{len(empty)} of {len(context.spiders)} spiders found nothing: "
            message += ", ".join(empty)
        else:
            message = f"all {len(context.spiders)} spiders found articles"
        context.outcomes["found_nothing"] = {
            "status": FAILED if empty else PASSED,
            "message": message,
            "value": len(empty),
            "threshold": 0,
            "spiders": empty,
        }
        if empty:
            self.fail(message)


class CrawlAllSuite(MonitorSuite):
    """Run once after every spider of ``scrapy crawlall`` has closed."""

    monitors = [FoundNothingMonitor]
