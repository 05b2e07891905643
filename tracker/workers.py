"""Extraction off the crawl's thread: a pool of worker processes with a time budget and a memory
ceiling per page.

Extraction is pure CPU work on one page (tracker.extract). Run in the reactor's thread, a page
built to be slow held up every download and pipeline meanwhile, a page that ate memory could take
the crawl down, and one crawl used one core. Here each page goes to a worker process:

- a page that takes longer than ``TRACKER_EXTRACT_TIMEOUT`` seconds is rejected
  (``extract_timeout``) and its worker killed and replaced;
- a worker may grow by ``TRACKER_EXTRACT_MEMORY_MB`` over what it holds between pages (its address
  space is capped with RLIMIT_AS); a page that needs more is rejected (``extract_memory``);
- a worker that dies (a crash, the kernel's OOM killer) is replaced and its page rejected
  (``extract_crash``, with the exit code or signal in the detail);
- meanwhile the crawl goes on, and with several workers it uses several cores.

``TRACKER_EXTRACT_WORKERS``: ``auto`` (the default) starts one worker per core this process may
run on; a number starts that many; ``0`` extracts in the crawl's own thread as before, with no
time or memory bound. The pool (pebble's ProcessPool) is started on the first page and stopped
when the spider closes or the process exits; workers are forked from a clean forkserver that has
the extraction code loaded, ignore Ctrl-C (the crawl's own shutdown stops them) and exit when
the crawl's process goes away.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

from scrapy import signals

from tracker.extract import Extraction, FeedEntry, SiteRules, extract_article

if TYPE_CHECKING:
    from pebble import ProcessPool
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 1024
# A worker is replaced after this many pages, so that what a long crawl leaves behind in one
# (fragmented heap, caches) cannot creep up to its memory ceiling.
MAX_TASKS_PER_WORKER = 500


class ExtractionRejected(Exception):
    """A page the worker pool could not extract: ``reason`` is the reject code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and taskset set)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def worker_count(value: object) -> int:
    """``TRACKER_EXTRACT_WORKERS`` as a number of processes (0: extract in the crawl's thread).

    Raises ValueError with a message naming the setting for anything else."""
    text = str(value if value is not None else "auto").strip().lower()
    if text in ("", "auto"):
        return usable_cores()
    try:
        count = int(text)
    except ValueError:
        raise ValueError(
            f"TRACKER_EXTRACT_WORKERS={value!r}: expected auto, 0 (in the crawl's thread) or a"
            " number of worker processes"
        ) from None
    if count < 0:
        raise ValueError(f"TRACKER_EXTRACT_WORKERS={value!r}: must be 0 or more")
    return count


# --- in the crawl ----------------------------------------------------------------------------


class ExtractionPool:
    """Worker processes that extract pages, bounded per page in time and memory (module
    docstring). ``await extract(...)`` from the reactor's thread."""

    def __init__(self, workers: int, timeout: float, memory_mb: int) -> None:
        self.workers = workers
        self.timeout = timeout if timeout > 0 else None
        self.memory_mb = memory_mb
        self._pool: ProcessPool | None = None

    def _started(self) -> ProcessPool:
        if self._pool is None:
            from pebble import ProcessPool

            from tracker.extract.worker import start_worker

            # forkserver: workers are forked from a small clean process that has the extraction
            # code imported, not from the crawl (threads, sockets, a running reactor).
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["tracker.extract.preload"])
            self._pool = ProcessPool(
                max_workers=self.workers,
                max_tasks=MAX_TASKS_PER_WORKER,
                initializer=start_worker,
                initargs=(self.memory_mb,),
                context=context,
            )
            logger.info(
                "Extraction in %d worker process(es), at most %s s and %d MB more per page",
                self.workers,
                self.timeout,
                self.memory_mb,
            )
        return self._pool

    async def extract(
        self, html: str, url: str, rules: SiteRules, entry: FeedEntry | None
    ) -> Extraction:
        """The page's extraction, or ExtractionRejected with the reason."""
        from pebble import ProcessExpired

        from tracker.extract.worker import MEMORY_REJECT, extract_in_worker

        future = self._started().schedule(
            extract_in_worker, args=(html, url, rules, entry), timeout=self.timeout
        )
        try:
            result = await asyncio.wrap_future(future)
        except FutureTimeout:
            raise ExtractionRejected(
                "extract_timeout",
                f"extraction took longer than TRACKER_EXTRACT_TIMEOUT={self.timeout:g} s;"
                " its worker was stopped",
            ) from None
        except ProcessExpired as exc:
            raise ExtractionRejected("extract_crash", _death(exc.exitcode)) from None
        except MemoryError:  # raised outside extract_article's own handler (unpickling)
            raise ExtractionRejected(*MEMORY_REJECT) from None
        if isinstance(result, tuple):
            reason, detail, trace = result
            if trace:
                logger.error("Extraction failed on %s in a worker:\n%s", url, trace.rstrip())
            raise ExtractionRejected(reason, detail)
        return result

    def close(self) -> None:
        """Stop the workers (pages still queued are not extracted). Safe to call twice."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        pool.stop()
        pool.join(timeout=10)
        logger.info("Extraction workers stopped")


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"was killed by {name}"
        if exitcode == -signal.SIGKILL:
            how += " (the kernel's out-of-memory killer, or someone, killed it)"
    else:
        how = f"exited with code {exitcode}"
    return f"the extraction worker {how} while extracting this page; it was replaced"


# The pools of this process by (workers, timeout, memory), with how many crawlers use each.
# crawlall runs every spider in one process: a pool per crawler started 372 worker processes for
# 186 spiders on a 2-core machine (each warming its caches on its first page), where the cores
# allow 2; its crawlers now share one pool, stopped when the last of them closes.
_shared: dict[tuple[int, float, int], tuple[ExtractionPool, int]] = {}
_shared_lock = threading.Lock()


def _acquire_pool(key: tuple[int, float, int]) -> ExtractionPool:
    with _shared_lock:
        pool, users = _shared.get(key) or (ExtractionPool(*key), 0)
        _shared[key] = (pool, users + 1)
        return pool


def _release_pool(key: tuple[int, float, int]) -> None:
    with _shared_lock:
        pool, users = _shared[key]
        if users > 1:
            _shared[key] = (pool, users - 1)
            return
        del _shared[key]
    pool.close()


class PageExtractor:
    """The crawler's way to extract a page: in the process's worker pool (shared by the crawlers
    of one process that ask for the same workers, time and memory), or in its own thread when
    ``TRACKER_EXTRACT_WORKERS=0``. One per crawler (:func:`extractor_for`)."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.workers = worker_count(settings.get("TRACKER_EXTRACT_WORKERS", "auto"))
        self.pool: ExtractionPool | None = None
        self._key: tuple[int, float, int] | None = None
        if self.workers > 0:
            self._key = (
                self.workers,
                settings.getfloat("TRACKER_EXTRACT_TIMEOUT", DEFAULT_TIMEOUT),
                settings.getint("TRACKER_EXTRACT_MEMORY_MB", DEFAULT_MEMORY_MB),
            )
            self.pool = _acquire_pool(self._key)
            crawler.signals.connect(self.close, signal=signals.spider_closed)
            crawler.signals.connect(self.close, signal=signals.engine_stopped)

    async def extract(
        self, html: str, url: str, rules: SiteRules, entry: FeedEntry | None
    ) -> Extraction:
        if self.pool is None:
            return extract_article(html, url, rules=rules, feed_entry=entry)
        return await self.pool.extract(html, url, rules, entry)

    def close(self, *_args: Any, **_kwargs: Any) -> None:
        """Give up this crawler's use of the pool (the last user stops it). Safe to call twice."""
        key, self._key = self._key, None
        if key is not None:
            _release_pool(key)


def extractor_for(crawler: Crawler) -> PageExtractor:
    """The crawler's PageExtractor, made on first use."""
    extractor = getattr(crawler, "_tracker_extractor", None)
    if extractor is None:
        extractor = PageExtractor(crawler)
        crawler._tracker_extractor = extractor  # type: ignore[attr-defined]
    return extractor
