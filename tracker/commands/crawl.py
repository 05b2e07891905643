"""``scrapy crawl``, with the spider's arguments checked before the crawl starts.

A bad ``-a`` value (``-a limit=abc``, ``-a urls=ftp://...``) becomes a one-line usage error and
exit code 2, instead of a traceback from inside the crawler. A crawl that stopped because it
could not do its job (finish reason in ``FAILED_REASONS``, logged as an ERROR line) exits with 1.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

# Finish reasons of crawls that could not do their job.
FAILED_REASONS = frozenset({"archive_error"})


class Command(ScrapyCrawlCommand):
    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        crawler = super()._create_crawler(spidercls)
        self._crawler = crawler
        return crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            try:
                spidercls = self.crawler_process.spider_loader.load(args[0])
            except KeyError:
                spidercls = None  # Scrapy's own run() reports an unknown spider
            check = getattr(spidercls, "check_arguments", None)
            if check is not None:
                try:
                    check(**opts.spargs)
                except ValueError as exc:
                    raise UsageError(str(exc), print_help=False) from None
        super().run(args, opts)
        crawler = getattr(self, "_crawler", None)
        stats = crawler.stats if crawler is not None else None
        if stats is not None and stats.get_value("finish_reason") in FAILED_REASONS:
            self.exitcode = 1
