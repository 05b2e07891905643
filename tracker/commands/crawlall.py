"""``scrapy crawlall``: every publisher spider in one process (the daily job).

    scrapy crawlall                                   # all publishers
    scrapy crawlall -a limit=20                       # at most 20 articles from each
    scrapy crawlall --only bbc,guardian --skip nature
    scrapy crawlall -o "output/feeds/%(name)s.jsonl"  # one JSON lines file per spider

Publisher spiders are the project's NewsSpider subclasses that declare ``sources``; the generic
``article`` spider, which needs arguments, is not one of them. The crawls share one reactor, the
settings and the state store. The ``-a`` arguments and the settings are checked before any starts
(as ``scrapy crawl`` does: tracker.commands.crawl), and the command's exit code is 1 when any of
the crawls failed to start or could not do its job.
A feed URI given with -o/-O should contain ``%(name)s``: several spiders writing one file would
overwrite or interleave each other's items.

While it runs, a progress line is logged each time a spider finishes and every
``TRACKER_PROGRESS_INTERVAL`` seconds (spiders done of total, articles written, rejects); at the
end it prints a one-screen health summary (spiders ok and failing, with the failed checks, and
the spiders that found nothing: tracker.health).
"""

from __future__ import annotations

import argparse
import logging
import time

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings
from scrapy.spiderloader import get_spider_loader

from tracker.commands.crawl import check_spider_arguments, passes_preflight
from tracker.preflight import crawl_failure

logger = logging.getLogger(__name__)


def publisher_spiders(settings: BaseSettings) -> list[str]:
    """Names of the project's publisher spiders, sorted."""
    # Imported here: every scrapy command imports this module, and most never need spiders.
    from tracker.spiders.base import NewsSpider

    loader = get_spider_loader(settings)
    names = []
    for name in loader.list():
        cls = loader.load(name)
        if isinstance(cls, type) and issubclass(cls, NewsSpider) and cls.sources:
            names.append(name)
    return sorted(names)


def _names(value: str | None) -> list[str]:
    return [n.strip() for n in (value or "").split(",") if n.strip()]


class Command(BaseRunSpiderCommand):
    """Run every publisher spider (or a chosen few) in one crawler process."""

    requires_project = True

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Run every publisher spider in one process"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--only", metavar="NAMES", help="comma-separated spiders to run")
        parser.add_argument("--skip", metavar="NAMES", help="comma-separated spiders to leave out")
        parser.add_argument(
            "--list", action="store_true", help="print the spiders that would run, and exit"
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:
            raise UsageError("crawlall takes no spider names; use --only NAMES", print_help=False)
        assert self.settings is not None
        available = publisher_spiders(self.settings)
        only, skip = _names(opts.only), _names(opts.skip)
        unknown = sorted(set(only + skip) - set(available))
        if unknown:
            raise UsageError(
                f"not publisher spiders: {', '.join(unknown)} (`scrapy crawlall --list`)",
                print_help=False,
            )
        names = [n for n in available if (not only or n in only) and n not in skip]
        if opts.list:
            print("\n".join(names))
            return
        feeds = self.settings.getdict("FEEDS")
        if len(names) > 1 and any("%(name)s" not in str(uri) for uri in feeds):
            logger.warning(
                "A feed URI without %%(name)s is shared by %d spiders; use e.g. "
                '-o "output/feeds/%%(name)s.jsonl"',
                len(names),
            )
        assert self.crawler_process is not None
        loader = self.crawler_process.spider_loader
        for name in names:
            check_spider_arguments(loader.load(name), opts.spargs)
        if not passes_preflight(self.settings):
            self.exitcode = 1
            return
        logger.info("crawlall: starting %d spiders: %s", len(names), ", ".join(names))
        crawlers = [self._create_crawler(name) for name in names]
        for crawler in crawlers:
            self.crawler_process.crawl(crawler, **opts.spargs)
        started = time.monotonic()
        from tracker.health.crawlall import watch_progress

        with watch_progress(crawlers, self.settings.getfloat("TRACKER_PROGRESS_INTERVAL", 60)):
            self.crawler_process.start()
        if self.crawler_process.bootstrap_failed or any(crawl_failure(c) for c in crawlers):
            self.exitcode = 1
        from tracker.health.crawlall import summarise

        print(summarise(names, crawlers, self.settings, time.monotonic() - started))
