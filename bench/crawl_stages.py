"""``scrapy`` with CPU seconds counted per stage: what ``bench.crawl_cost --stages`` runs.

Usage (bench.crawl_cost builds the command)::

    python -m bench.crawl_stages OUT.json crawl article -a ... -s ...

runs ``scrapy`` with the same arguments in this process, after wrapping extraction
(``tracker.workers.extract_article``, the call ``TRACKER_EXTRACT_WORKERS=0`` makes in the crawl's
own thread), the replay cassette's load and each pipeline's ``process_item`` and
``close_spider`` in ``time.process_time`` counters, and garbage collection in a ``gc`` callback.
At exit it writes OUT.json: the process's CPU seconds (user + system), each stage's, and
``rest`` (start-up, Scrapy's machinery, the spider's own work: what no counter holds). Nested
counters do not overlap here (no pipeline calls another); garbage collection is counted both
on its own and inside whichever stage it interrupted.

The counters cost a few microseconds a call: the bench's ratio is measured on the unwrapped
run, these are for "where does the time beyond extraction go".
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any

# Modules whose pipeline classes are timed (those the project's ITEM_PIPELINES name).
PIPELINE_MODULES = ("tracker.pipelines", "tracker.story_pipelines")


class StageTimes:
    """CPU seconds per named stage, and the collector's."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.gc_seconds = 0.0
        self._gc_start = 0.0

    def timed(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """``func`` with its CPU time added to stage ``name``."""

        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - start
                self.calls[name] = self.calls.get(name, 0) + 1

        return wrapper

    def on_gc(self, phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_start = time.process_time()
        else:
            self.gc_seconds += time.process_time() - self._gc_start

    def install(self) -> None:
        """Wrap extraction, the cassette's load and the pipelines (imports tracker's modules)."""
        import importlib

        import tracker.cassettes
        import tracker.workers

        tracker.workers.extract_article = self.timed("extract", tracker.workers.extract_article)
        tracker.cassettes.load_cassette = self.timed("cassette", tracker.cassettes.load_cassette)
        for module_name in PIPELINE_MODULES:
            module = importlib.import_module(module_name)
            for name, cls in vars(module).items():
                if not (isinstance(cls, type) and cls.__module__ == module_name):
                    continue
                if "process_item" in vars(cls):
                    cls.process_item = self.timed(name, cls.process_item)  # type: ignore[attr-defined]
                if "close_spider" in vars(cls):
                    cls.close_spider = self.timed(f"{name}.close", cls.close_spider)  # type: ignore[attr-defined]
        gc.callbacks.append(self.on_gc)

    def report(self) -> dict[str, Any]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        total = usage.ru_utime + usage.ru_stime
        return {
            "total": total,
            "user": usage.ru_utime,
            "system": usage.ru_stime,
            "gc": self.gc_seconds,
            "rest": total - sum(self.seconds.values()),
            "stages": dict(sorted(self.seconds.items(), key=lambda kv: -kv[1])),
            "calls": self.calls,
        }


def format_report(report: dict[str, Any]) -> str:
    """The report as lines for a person: total, beyond extraction, each stage."""
    stages = report["stages"]
    beyond = report["total"] - stages.get("extract", 0.0)
    lines = [
        f"crawl process {report['total']:.2f} CPU s (user {report['user']:.2f}, system "
        f"{report['system']:.2f}); beyond extraction {beyond:.2f}; garbage collection "
        f"{report['gc']:.2f} (inside the stages)"
    ]
    for name, seconds in stages.items():
        lines.append(f"  {name:<28} {seconds:7.3f}  ({report['calls'].get(name, 0)} calls)")
    lines.append(f"  {'rest (start-up, Scrapy, spider)':<28} {report['rest']:7.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m bench.crawl_stages OUT.json SCRAPY_ARGS...", file=sys.stderr)
        return 2
    out, scrapy_args = Path(args[0]), args[1:]
    times = StageTimes()
    times.install()
    from scrapy.cmdline import execute

    code: int | str | None = 0
    try:
        execute(["scrapy", *scrapy_args])
    except SystemExit as exc:
        code = exc.code
    finally:
        out.write_text(json.dumps(times.report(), indent=1), encoding="utf-8")
    return code if isinstance(code, int) else 1


if __name__ == "__main__":
    sys.exit(main())
