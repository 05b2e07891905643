"""Health in the terminal: the ``scrapy health`` table and JSON, crawlall's progress and summary."""

from __future__ import annotations

import logging
import shutil
import statistics
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tracker.health.config import COVERAGE_FIELDS

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

BLOCKS = "▁▂▃▄▅▆▇█"
# Short column heads for the judged fields.
FIELD_HEADS = {
    "title": "title",
    "body": "body",
    "published": "publ",
    "authors": "auth",
    "image": "img",
    "language": "lang",
}
# A field's coverage this far (in points) from its earlier median gets an arrow.
TREND_POINTS = 10


def sparkline(values: Sequence[float]) -> str:
    """Unicode block sparkline of ``values`` (0 at the bottom)."""
    top = max(values, default=0) or 1
    return "".join(
        BLOCKS[min(len(BLOCKS) - 1, int(v / top * (len(BLOCKS) - 1) + 0.5))] for v in values
    )


def _when(stamp: str | None) -> str:
    if not stamp:
        return "?"
    try:
        return datetime.fromisoformat(stamp).astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def spider_health(name: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One spider's health for ``scrapy health --json`` (``runs`` newest first; trends are
    oldest first)."""
    last = runs[0] if runs else {}
    ordered = list(reversed(runs))
    checks = last.get("checks", {})
    return {
        "spider": name,
        "status": last.get("status", "none"),
        "last_run": last or None,
        "failed": [
            {"check": c, "message": checks.get(c, {}).get("message", "")}
            for c in last.get("failed", [])
        ],
        "trend": {
            "finished_at": [r.get("finished_at") for r in ordered],
            "status": [r.get("status") for r in ordered],
            "articles": [r.get("counts", {}).get("articles", 0) for r in ordered],
            "written": [r.get("counts", {}).get("written", 0) for r in ordered],
            "rejected": [r.get("counts", {}).get("rejected", 0) for r in ordered],
            "coverage": {
                f: [r.get("coverage", {}).get(f) for r in ordered] for f in COVERAGE_FIELDS
            },
        },
    }


def collect(
    store: Any, spiders: Iterable[str] | None = None, runs: int = 10
) -> list[dict[str, Any]]:
    """Health of ``spiders`` (default: every spider with a recorded run)."""
    names = list(spiders) if spiders is not None else store.spiders_with_runs()
    return [spider_health(name, store.recent_runs(name, limit=runs)) for name in names]


def _coverage_cell(values: list[float | None]) -> str:
    """The latest known coverage (runs that wrote nothing have none), with a trend arrow."""
    known = [v for v in values if v is not None]
    if not known:
        return "-"
    last = known[-1]
    cell = f"{last * 100:.0f}"
    earlier = known[:-1]
    if earlier:
        median = statistics.median(earlier)
        if (last - median) * 100 <= -TREND_POINTS:
            cell += "↓"
        elif (last - median) * 100 >= TREND_POINTS:
            cell += "↑"
    return cell


def format_table(health: list[dict[str, Any]], width: int | None = None) -> str:
    """The ``scrapy health`` table: one line per spider, failing spiders first."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    heads = ["spider", "status", "last run (UTC)", "articles (trend)"]
    heads += [FIELD_HEADS.get(f, f[:5]) for f in COVERAGE_FIELDS] + ["failed checks"]
    rows = []
    order = {"failing": 0, "ok": 1}
    for entry in sorted(health, key=lambda e: (order.get(e["status"], 2), e["spider"])):
        trend = entry["trend"]
        articles = trend["articles"]
        last = entry["last_run"] or {}
        row = [
            entry["spider"],
            entry["status"],
            _when(last.get("finished_at")),
            f"{sparkline(articles)} {articles[-1] if articles else '-'}",
        ]
        row += [_coverage_cell(trend["coverage"][f]) for f in COVERAGE_FIELDS]
        row.append(", ".join(f["check"] for f in entry["failed"]) or "-")
        rows.append(row)
    widths = [max(len(str(r[i])) for r in [heads, *rows]) for i in range(len(heads) - 1)]
    lines = []
    for row in [heads, *rows]:
        cells = [str(c).ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        line = "  ".join(cells) + "  " + str(row[-1])
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    ok = sum(1 for e in health if e["status"] == "ok")
    failing = sum(1 for e in health if e["status"] == "failing")
    lines.append("")
    lines.append(
        f"{len(health)} spiders: {ok} ok, {failing} failing. Coverage: % of the articles written"
        " by the latest run that wrote any (↓/↑: 10+ points off the earlier runs' median)."
    )
    failing_entries = [e for e in health if e["failed"]]
    if failing_entries:
        lines.append("")
        for entry in sorted(failing_entries, key=lambda e: e["spider"]):
            for failure in entry["failed"]:
                text = f"{entry['spider']}: {failure['check']}: {failure['message']}"
                lines.append(text if len(text) <= width else text[: width - 1] + "…")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- crawlall


class CrawlProgress:
    """Counts spiders done, articles written and rejects over the crawlers of one process."""

    def __init__(self, crawlers: Sequence[Crawler]) -> None:
        self.crawlers = list(crawlers)
        self.done: set[str] = set()
        self.started = time.monotonic()

    def watch(self) -> None:
        from scrapy import signals

        for crawler in self.crawlers:
            crawler.signals.connect(self._closed, signal=signals.spider_closed)

    def _closed(self, spider: Any, reason: str = "") -> None:
        self.done.add(spider.name)
        self.log()

    def totals(self) -> tuple[int, int]:
        written = rejected = 0
        for crawler in self.crawlers:
            if crawler.stats is None:
                continue
            written += int(crawler.stats.get_value("item_scraped_count", 0) or 0)
            rejected += int(crawler.stats.get_value("tracker/rejected", 0) or 0)
        return written, rejected

    def line(self) -> str:
        written, rejected = self.totals()
        elapsed = int(time.monotonic() - self.started)
        return (
            f"crawlall: {len(self.done)}/{len(self.crawlers)} spiders done, {written} articles"
            f" written, {rejected} rejects, {elapsed // 60}m{elapsed % 60:02d}s"
        )

    def log(self) -> None:
        logger.info("%s", self.line())


def format_crawlall_summary(
    names: Sequence[str],
    runs: dict[str, dict[str, Any]],
    found_nothing: dict[str, Any] | None,
    elapsed_s: float,
    unattributed_errors: int = 0,
    report: str | None = None,
    width: int = 100,
) -> str:
    """crawlall's closing summary: one screen, failing spiders with their failed checks."""
    ok = [n for n in names if runs.get(n, {}).get("status") == "ok"]
    failing = [n for n in names if runs.get(n, {}).get("status") == "failing"]
    unknown = [n for n in names if n not in ok and n not in failing]
    written = sum(int(runs.get(n, {}).get("counts", {}).get("written", 0)) for n in names)
    found = sum(int(runs.get(n, {}).get("counts", {}).get("articles", 0)) for n in names)
    rejected = sum(int(runs.get(n, {}).get("counts", {}).get("rejected", 0)) for n in names)
    minutes, seconds = divmod(int(elapsed_s), 60)
    lines = [
        f"crawlall: {len(names)} spiders in {minutes}m{seconds:02d}s: {len(ok)} ok,"
        f" {len(failing)} failing"
        + (f", {len(unknown)} without a health record" if unknown else ""),
        f"  {found} articles found, {written} written, {rejected} rejects",
    ]
    if failing:
        lines.append("failing:")
        for name in failing:
            run = runs[name]
            checks = run.get("checks", {})
            failed = run.get("failed", [])
            first = checks.get(failed[0], {}).get("message", "") if failed else ""
            text = f"  {name}: {', '.join(failed)}" + (f" ({first})" if first else "")
            lines.append(text if len(text) <= width else text[: width - 1] + "…")
    if found_nothing and found_nothing.get("spiders"):
        text = "found nothing: " + ", ".join(found_nothing["spiders"])
        lines.append(text if len(text) <= width * 2 else text[: width * 2 - 1] + "…")
    if unknown:
        lines.append(
            "no health record (health checks off, or the crawl failed): " + ", ".join(unknown)
        )
    if unattributed_errors:
        lines.append(f"{unattributed_errors} ERROR log lines could not be tied to one spider")
    if ok:
        text = "ok: " + ", ".join(ok)
        lines.append(text if len(text) <= width * 3 else text[: width * 3 - 1] + "…")
    if report:
        lines.append(f"report: {report}")
    return "\n".join(lines)
