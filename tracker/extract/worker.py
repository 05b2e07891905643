"""What runs inside an extraction worker process (tracker.workers starts them); nothing here
imports Scrapy. The pool's forkserver imports tracker.extract.preload, so every worker is forked
with the extraction libraries already loaded.
"""

from __future__ import annotations

import resource
import signal
import traceback

from tracker.extract.article import extract_article
from tracker.extract.types import Extraction, FeedEntry, SiteRules

_MB = 1024 * 1024
MEMORY_REJECT = (
    "extract_memory",
    "extraction needed more memory than TRACKER_EXTRACT_MEMORY_MB allows",
)

# A hand-made page (not a publisher's) that goes through every extraction layer once.
_WARM_UP_PAGE = (
    "<html lang='en'><head><title>Warm-up</title>"
    "<meta property='og:title' content='Warm-up'>"
    '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": "Warm-up",'
    ' "datePublished": "2025-01-01T00:00:00Z"}</script></head><body><article><h1>Warm-up</h1>'
    + "<p>This paragraph exists so that every extraction layer runs once in a new worker.</p>" * 5
    + "</article></body></html>"
)


def _status_kib(field_name: str) -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def start_worker(memory_mb: int) -> None:
    """Runs once in each new worker: Ctrl-C is the crawl's to handle; the extraction path runs
    once (caches, what is still imported lazily), then the address space is capped at what the
    worker holds now plus ``memory_mb`` (RLIMIT_AS)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    extract_article(_WARM_UP_PAGE, "https://example.invalid/warm-up")
    if memory_mb > 0:
        ceiling = _status_kib("VmSize") * 1024 + memory_mb * _MB
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def extract_in_worker(
    html: str, url: str, rules: SiteRules, entry: FeedEntry | None
) -> Extraction | tuple[str, str, str]:
    """``extract_article`` in a worker, or ``(reason, detail, traceback)`` when it fails:
    ``extract_memory`` for a page that hit the memory ceiling (the worker goes on: the page's
    memory is freed as the error unwinds), ``extract_error`` for any other exception (sent as
    text: lxml's errors, for one, cannot be pickled back to the crawl)."""
    try:
        return extract_article(html, url, rules=rules, feed_entry=entry)
    except MemoryError:
        return (*MEMORY_REJECT, "")
    except Exception as exc:
        # libxml2 reports a failed allocation as a parser error of its own.
        if "memory allocation failed" in str(exc).lower():
            return (*MEMORY_REJECT, "")
        return ("extract_error", f"{type(exc).__name__}: {exc}", traceback.format_exc())
