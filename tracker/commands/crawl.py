"""``scrapy crawl``, with its arguments and settings checked before the crawl starts, and an exit
code that says whether the crawl did its job.

- An unknown spider name is a one-line usage error, exit code 2 (Scrapy's own is a traceback).
- A bad ``-a`` argument (an unknown name such as ``-a limt=1``, ``-a limit=abc``,
  ``-a urls=ftp://...``, ``-a feed=`` with no value) is a one-line usage error, exit code 2
  (NewsSpider.check_command_line).
- A configuration the crawl cannot run with (a setting of the wrong type, an output folder that
  is a file or read-only, a damaged or foreign state database, a Redis nobody answers) is one
  line naming the setting, path or URL, exit code 1, before anything is fetched
  (tracker.preflight).
- A crawl that ran but could not do its job (a missing replay cassette, a full disk) exits 1.
"""

from __future__ import annotations

import argparse
import logging

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings

from tracker.preflight import ConfigError, crawl_failure, preflight

logger = logging.getLogger(__name__)


def check_spider_arguments(spidercls: type | None, spider_args: dict[str, str]) -> None:
    """Raise UsageError (exit 2, one line) when the spider refuses its ``-a`` arguments."""
    check = getattr(spidercls, "check_command_line", None)
    if check is None:
        return
    try:
        check(spider_args)
    except ValueError as exc:
        raise UsageError(str(exc), print_help=False) from None


def passes_preflight(settings: BaseSettings, spidercls: type | None = None) -> bool:
    """Run tracker.preflight with the spider's own settings applied; log the one line and
    return False when the crawl cannot start."""
    effective = settings.copy()
    update = getattr(spidercls, "update_settings", None)
    if update is not None:
        update(effective)
    try:
        preflight(effective)
    except ConfigError as exc:
        logger.error("%s", exc)
        return False
    return True


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            # Scrapy's own answer is a KeyError traceback and exit 1.
            raise UsageError(
                f"no spider named {args[0]!r}: `scrapy list` names them all; "
                "`scrapy crawl article -a urls=...` reads any site",
                print_help=False,
            ) from None
        check_spider_arguments(spidercls, opts.spargs)
        assert self.settings is not None
        if not passes_preflight(self.settings, spidercls):
            self.exitcode = 1
            return
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed or crawl_failure(crawler):
            self.exitcode = 1
