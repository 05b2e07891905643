"""``scrapy health``: how each spider's last runs went, from the health history.

    scrapy health                      # a table: status, articles trend, coverage, failed checks
    scrapy health --spider bbc,nasa    # only these
    scrapy health --runs 20            # trend over the last 20 runs (default 10)
    scrapy health --json               # the same data for machines
    scrapy health --report             # also rewrite <TRACKER_OUTPUT_DIR>/health/ from the history

The history is in the state store that ``TRACKER_STATE`` names (SQLite under the output folder
by default, or Redis), written by the health checks at the end of every crawl (tracker.health).
Exit code 0; 1 with ``--fail`` when a spider's last run failed a check.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCommand):
    """Print the spiders' health from the history in the state store."""

    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Show each spider's last runs: status, trend, failed health checks"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--spider", metavar="NAMES", help="comma-separated spiders to show")
        parser.add_argument("--runs", type=int, default=10, help="runs in the trend (default 10)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.add_argument(
            "--report", action="store_true", help="rewrite the HTML report from the history"
        )
        parser.add_argument(
            "--fail", action="store_true", help="exit 1 when a spider's last run failed a check"
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError("health takes no arguments; use --spider NAMES", print_help=False)
        if opts.runs < 1:
            raise UsageError("--runs must be 1 or more", print_help=False)
        assert self.settings is not None
        from tracker.health.report import write_report
        from tracker.health.summary import collect, format_table
        from tracker.state import open_store

        output = self.settings.get("TRACKER_OUTPUT_DIR") or "output"
        target = str(self.settings.get("TRACKER_STATE") or os.path.join(output, "state.sqlite3"))
        if "://" not in target and not Path(target).exists():
            # Opening would create an empty database: say there is nothing yet instead.
            print(f"No crawl recorded yet: {target} does not exist (run a crawl first).")
            return
        try:
            store = open_store(target)
        except (ValueError, RuntimeError) as exc:
            raise UsageError(str(exc), print_help=False) from None
        try:
            wanted = [n.strip() for n in (opts.spider or "").split(",") if n.strip()] or None
            if wanted:
                unknown = sorted(set(wanted) - set(store.spiders_with_runs()))
                if unknown:
                    raise UsageError(f"no recorded runs of: {', '.join(unknown)}", print_help=False)
            health = collect(store, wanted, runs=opts.runs)
            if opts.report:
                index = write_report(store, output)
            if opts.json:
                print(json.dumps({"spiders": health}, ensure_ascii=False, indent=1))
            elif not health:
                print(f"No crawl recorded yet in {target}.")
            else:
                print(format_table(health))
            if opts.report and not opts.json:
                print(f"report: {index}")
        finally:
            store.close()
        if opts.fail and any(entry["status"] == "failing" for entry in health):
            self.exitcode = 1
