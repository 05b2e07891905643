"""The static health report: ``<TRACKER_OUTPUT_DIR>/health/index.html`` and one page per spider.

Plain HTML with inline SVG charts and inline CSS: no script, no CDN, no server; a file browser or
a phone opens it from disk. Built from the health history in the state store (the same data as
``scrapy health``) and the tail of ``rejects.jsonl``, with jinja2 templates
(tracker/health/templates/, autoescaped). Every file is written atomically, so a reader never
sees half a page; after a crawl only the index and that spider's page are rewritten
(``scrapy health --report`` rewrites every page).

- index.html: per spider its status, a sparkline of articles found per run, coverage bars per
  field (with the threshold marked), the last run's rejects by reason and the failed checks.
- <spider>.html: articles per run, coverage per field over the runs, rejects per run, the runs
  table, and the spider's last rejects from rejects.jsonl.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import jinja2
from spidermon import Action

from tracker.export.markdown import write_if_changed
from tracker.health.config import COVERAGE_FIELDS

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# Runs drawn in the charts (the history keeps more).
CHART_RUNS = 30
# Rejects listed on a spider page, and how much of rejects.jsonl's end is read to find them.
LAST_REJECTS = 20
REJECTS_TAIL_BYTES = 2 * 1024 * 1024
REPORT_DIR = "health"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


# --------------------------------------------------------------------------- charts


@dataclass
class Point:
    """One data point placed in a chart's viewBox, with its tooltip."""

    x: float
    y: float
    label: str


@dataclass
class Chart:
    """A line chart in SVG user units: points, the polyline through them, axis labels."""

    width: int
    height: int
    points: list[Point]
    top_label: str = ""
    first_label: str = ""
    last_label: str = ""
    guide_y: float | None = None
    guide_label: str = ""

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def line_chart(
    values: Sequence[float | None],
    labels: Sequence[str],
    *,
    width: int = 240,
    height: int = 36,
    pad: float = 3.0,
    top: float | None = None,
    guide: float | None = None,
) -> Chart:
    """Points for ``values`` (None: no point) spread over ``width``, 0 at the bottom."""
    known = [v for v in values if v is not None]
    ceiling = top if top is not None else max(known, default=0.0)
    ceiling = ceiling or 1.0
    count = len(values)
    step = (width - 2 * pad) / (count - 1) if count > 1 else 0.0
    points = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        if value is None:
            continue
        x = pad + index * step if count > 1 else width / 2
        y = height - pad - (height - 2 * pad) * min(value, ceiling) / ceiling
        points.append(Point(x, y, label))
    chart = Chart(width, height, points)
    if guide is not None and guide > 0:
        chart.guide_y = height - pad - (height - 2 * pad) * min(guide, ceiling) / ceiling
    return chart


# --------------------------------------------------------------------------- view models


def _when(stamp: str | None) -> str:
    if not stamp:
        return "?"
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def _duration(seconds: float | None) -> str:
    if not seconds:
        return "–"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


@dataclass
class FieldBar:
    """A field's coverage in the last run, with its threshold and verdict."""

    name: str
    share: float | None
    threshold: float | None
    status: str
    message: str

    @property
    def percent(self) -> str:
        return _pct(self.share)

    @property
    def width(self) -> float:
        return round(100 * (self.share or 0.0), 1)

    @property
    def mark(self) -> float | None:
        return None if not self.threshold else round(100 * self.threshold, 1)


@dataclass
class SpiderView:
    """One spider as the report shows it."""

    name: str
    runs: list[dict[str, Any]]  # oldest first, at most CHART_RUNS
    fields: Sequence[str]
    rejects_log: list[dict[str, Any]] = field(default_factory=list)

    @property
    def last(self) -> dict[str, Any]:
        return self.runs[-1] if self.runs else {}

    @property
    def status(self) -> str:
        return str(self.last.get("status") or "none")

    @property
    def failed(self) -> list[tuple[str, str]]:
        checks = self.last.get("checks", {})
        return [(c, str(checks.get(c, {}).get("message", ""))) for c in self.last.get("failed", [])]

    @property
    def last_when(self) -> str:
        return _when(self.last.get("finished_at"))

    def count(self, key: str) -> int:
        return int(self.last.get("counts", {}).get(key, 0))

    def _labels(self) -> list[str]:
        return [
            f"{_when(r.get('finished_at'))}: {r.get('counts', {}).get('articles', 0)} articles"
            f" ({r.get('counts', {}).get('written', 0)} new), {r.get('status', '?')}"
            for r in self.runs
        ]

    def sparkline(self) -> Chart:
        values = [float(r.get("counts", {}).get("articles", 0)) for r in self.runs]
        return line_chart(values, self._labels(), width=240, height=36)

    def items_chart(self) -> Chart:
        values = [float(r.get("counts", {}).get("articles", 0)) for r in self.runs]
        chart = line_chart(values, self._labels(), width=320, height=120, pad=8)
        chart.top_label = f"{max(values, default=0):g}"
        chart.first_label = _when(self.runs[0].get("finished_at"))[:10] if self.runs else ""
        chart.last_label = self.last_when[:10]
        return chart

    def coverage_charts(self) -> list[tuple[FieldBar, Chart]]:
        charts = []
        for bar in self.bars():
            values = [r.get("coverage", {}).get(bar.name) for r in self.runs]
            labels = [
                f"{_when(r.get('finished_at'))}: {bar.name} {_pct(v)}"
                for r, v in zip(self.runs, values, strict=True)
            ]
            chart = line_chart(
                values, labels, width=320, height=64, pad=6, top=1.0, guide=bar.threshold
            )
            chart.top_label, chart.guide_label = "100%", _pct(bar.threshold)
            charts.append((bar, chart))
        return charts

    def rejects_chart(self) -> Chart:
        values = [float(r.get("counts", {}).get("rejected", 0)) for r in self.runs]
        labels = [
            f"{_when(r.get('finished_at'))}: {r.get('counts', {}).get('rejected', 0)} rejects"
            + (
                " (" + ", ".join(f"{k} {v}" for k, v in r.get("rejects", {}).items()) + ")"
                if r.get("rejects")
                else ""
            )
            for r in self.runs
        ]
        chart = line_chart(values, labels, width=320, height=80, pad=6)
        chart.top_label = f"{max(values, default=0):g}"
        return chart

    @property
    def coverage_run(self) -> dict[str, Any]:
        """The newest run that wrote articles (an incremental run that found only known ones
        measures no coverage), else the last."""
        for run in reversed(self.runs):
            if run.get("counts", {}).get("written"):
                return run
        return self.last

    @property
    def coverage_when(self) -> str:
        return _when(self.coverage_run.get("finished_at"))

    def bars(self) -> list[FieldBar]:
        source = self.coverage_run
        checks = source.get("checks", {})
        bars = []
        for name in self.fields:
            check = checks.get(f"coverage/{name}", {})
            threshold = check.get("threshold")
            bars.append(
                FieldBar(
                    name,
                    source.get("coverage", {}).get(name),
                    float(threshold) if threshold is not None else None,
                    str(check.get("status", "none")),
                    str(check.get("message", "")),
                )
            )
        return bars

    @property
    def rejects(self) -> list[tuple[str, int]]:
        return list(self.last.get("rejects", {}).items())

    def table(self) -> list[dict[str, Any]]:
        rows = []
        for run in reversed(self.runs):
            counts = run.get("counts", {})
            rows.append(
                {
                    "when": _when(run.get("finished_at")),
                    "status": run.get("status", "?"),
                    "kind": run.get("kind", "full"),
                    "duration": _duration(run.get("duration_s")),
                    "ppm": run.get("pages_per_minute"),
                    "articles": counts.get("articles", 0),
                    "written": counts.get("written", 0),
                    "rejected": counts.get("rejected", 0),
                    "errors": counts.get("errors", 0),
                    "failed": ", ".join(run.get("failed", [])),
                }
            )
        return rows


def safe_href(url: str) -> str | None:
    """``url`` when it is an http(s) link, else None (shown as text, never as a link)."""
    return url if urlparse(url).scheme in ("http", "https") else None


def last_rejects(path: Path, spider: str, limit: int = LAST_REJECTS) -> list[dict[str, Any]]:
    """The spider's last ``limit`` rejects in rejects.jsonl, newest first (reads the end only)."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            start = max(0, size - REJECTS_TAIL_BYTES)
            handle.seek(start)
            data = handle.read()
    except FileNotFoundError:
        return []
    except OSError as exc:
        logger.warning("Cannot read %s for the health report: %s", path, exc)
        return []
    lines = data.decode("utf-8", "replace").splitlines()
    if start:
        lines = lines[1:]  # the first line may be cut
    found = []
    for line in reversed(lines):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("spider") == spider:
            url = str(entry.get("url") or "")
            found.append(
                {
                    "url": url,
                    "href": safe_href(url),
                    "reason": str(entry.get("reason") or "?"),
                    "detail": str(entry.get("detail") or ""),
                    "when": _when(entry.get("at")),
                }
            )
            if len(found) >= limit:
                break
    return found


# --------------------------------------------------------------------------- writing


def spider_view(store: Any, name: str, output_dir: Path, with_rejects: bool) -> SpiderView:
    runs = list(reversed(store.recent_runs(name, limit=CHART_RUNS)))
    fields = list(COVERAGE_FIELDS)
    for run in runs:
        fields += [f for f in run.get("present", {}) if f not in fields]
    view = SpiderView(name, runs, fields)
    if with_rejects:
        view.rejects_log = last_rejects(output_dir / "rejects.jsonl", name)
    return view


def _render(template: str, **context: Any) -> str:
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return _env.get_template(template).render(generated=generated, **context)


def write_report(
    store: Any,
    output_dir: str | os.PathLike[str],
    spiders: Iterable[str] | None = None,
    *,
    with_index: bool = True,
) -> Path:
    """Rewrite index.html (unless ``with_index`` is false) and the pages of ``spiders`` (None:
    every spider); returns the index."""
    output = Path(output_dir)
    folder = output / REPORT_DIR
    names = store.spiders_with_runs()
    index = folder / "index.html"
    if with_index:
        views = [spider_view(store, name, output, with_rejects=False) for name in names]
        counts = {
            "ok": sum(1 for v in views if v.status == "ok"),
            "failing": sum(1 for v in views if v.status == "failing"),
        }
        write_if_changed(index, _render("index.html", views=views, counts=counts), sync_dir=False)
    wanted = set(names if spiders is None else spiders)
    for name in names:
        if name in wanted:
            view = spider_view(store, name, output, with_rejects=True)
            write_if_changed(
                folder / f"{name}.html", _render("spider.html", view=view), sync_dir=False
            )
    return index


class WriteHealthReport(Action):
    """Spidermon action (on by default, ``TRACKER_HEALTH_REPORT``): rewrite the HTML report."""

    def __init__(self, output_dir: str = "output") -> None:
        super().__init__()
        self.output_dir = output_dir

    @classmethod
    def from_crawler_kwargs(cls, crawler: Crawler) -> dict[str, Any]:
        return {"output_dir": crawler.settings.get("TRACKER_OUTPUT_DIR") or "output"}

    def run_action(self) -> None:
        from tracker.health.extension import ERROR_LINES
        from tracker.state import store_for

        spider = self.data.health.spider
        # The index lists every spider: rewritten when each of crawlall's 186 spiders closed, it
        # made the run's cost grow with the square of the spider count. While other crawls of
        # this process are still open (ERROR_LINES.open: their health extensions) only this
        # spider's page is written; the last to close writes the index.
        others_open = bool(ERROR_LINES.open)
        index = write_report(
            store_for(self.data.crawler), self.output_dir, [spider], with_index=not others_open
        )
        if others_open:
            logger.info("Health report: %s (index when the last crawl closes)", index)
        else:
            logger.info("Health report: %s", index)
