"""``scrapy checkpublisher``: everything that must hold for a publisher spider, in one command.

    scrapy checkpublisher examplenews        # one publisher
    scrapy checkpublisher --all              # every one

Prints one line a check (tools.publisher_check: declaration, fixtures, reviewed, sources_md, urls,
health, fields, same_item) and exits 1 when any fails. It runs the spider on its saved pages only:
no network. It needs the project's checkout (tools/ and tests/fixtures/ are not in the egg).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCommand):
    """Check one publisher spider completely: declaration, fixtures, fields, same item."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "<spider> [<spider> ...] | --all"

    def short_desc(self) -> str:
        return "Check a publisher spider: declaration, fixtures reviewed and sourced, fields"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--all", action="store_true", help="check every publisher spider")
        parser.add_argument("--dir", help="fixtures folder (default: the project's tests/fixtures)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        from tracker.spiders import publisher_spiders

        assert self.settings is not None
        publishers = publisher_spiders(self.settings)
        names = sorted(publishers) if opts.all else args
        if not names:
            raise UsageError("name a publisher spider, or give --all", print_help=True)
        unknown = [name for name in names if name not in publishers]
        if unknown:
            raise UsageError(
                f"not publisher spiders: {', '.join(unknown)} (`scrapy publishers` lists them)",
                print_help=False,
            )
        try:
            from tools.fixtures import PageExtractor
            from tools.publisher_check import check_publisher
        except ImportError:
            raise UsageError(
                "scrapy checkpublisher needs the project's checkout (tools/ is not in the egg)",
                print_help=False,
            ) from None
        extractor = PageExtractor(self.settings)
        failed = 0
        for name in names:
            root = Path(opts.dir) if opts.dir else None
            for check in check_publisher(name, publishers[name], extractor, root=root):
                print(f"{'ok  ' if check.ok else 'FAIL'} {name} {check.name}: {check.detail}")
                failed += not check.ok
        print(f"{len(names)} publisher(s) checked, {failed} check(s) failed")
        self.exitcode = 1 if failed else 0
