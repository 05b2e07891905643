"""Retries that wait: :class:`BackoffRetryMiddleware` replaces Scrapy's RetryMiddleware.

The same retry rules (``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``), but each retry
waits first: exponential backoff (``TRACKER_RETRY_BACKOFF`` seconds, doubled each time, at most
``TRACKER_RETRY_BACKOFF_MAX``), or the server's ``Retry-After`` (seconds or an HTTP date) when a
retryable answer (429, 503, ...) carries one. A Retry-After longer than
``TRACKER_RETRY_AFTER_MAX`` is not waited for: the request gives up at once and the answer goes
on to the spider (a reject such as ``http_503``), so a server cannot park the crawl for hours.

The spider's errback turns a final failure into a reject with a reason
(tracker.spiders.base.failure_reason).
"""

from __future__ import annotations

import email.utils
import logging
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Self

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response
    from scrapy.settings import BaseSettings


logger = logging.getLogger(__name__)

# How often a waiting retry checks whether the crawl is closing.
WAIT_STEP = 0.25


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None when
    the header is missing or unreadable. A date in the past means 0."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry rules, with a wait before each retry (see the module docstring).

    A Retry-After also pauses the whole site (``_pause_site``).

    Counters: ``tracker/retry/backoff_ms`` (total waited), ``tracker/retry/retry_after``
    (waits the server asked for), ``tracker/retry/site_paused``,
    ``tracker/retry/retry_after_too_long`` (gave up instead),
    ``tracker/retry/abandoned_on_close`` (the crawl began to close during a wait: the request
    gives up and is rejected with its last error, so a graceful stop never hangs on a wait).
    """

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff = max(0.0, settings.getfloat("TRACKER_RETRY_BACKOFF", 1.0))
        self.backoff_max = max(0.0, settings.getfloat("TRACKER_RETRY_BACKOFF_MAX", 30.0))
        self.retry_after_max = max(0.0, settings.getfloat("TRACKER_RETRY_AFTER_MAX", 120.0))
        # Replaying a cassette there is no server to spare: retry at once.
        self.no_wait = bool(settings.get("TRACKER_REPLAY"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    def backoff_delay(self, retry_times: int) -> float:
        """The wait before retry number ``retry_times`` (1-based): base, 2 x base, 4 x base..."""
        return float(min(self.backoff_max, self.backoff * 2 ** max(0, retry_times - 1)))

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"tracker/retry/{key}", count)

    def _closing(self) -> bool:
        engine = getattr(self.crawler, "engine", None)
        if engine is None:
            return False
        slot = getattr(engine, "_slot", None)
        return not engine.running or getattr(slot, "closing", None) is not None

    async def _wait(self, seconds: float) -> bool:
        """Wait before a retry; False when the crawl started closing meanwhile (Ctrl-C,
        Scrapyd's cancel, CLOSESPIDER_*): a graceful stop must not hang on a long backoff."""
        if seconds <= 0 or self.no_wait:
            return True
        self._inc("backoff_ms", round(seconds * 1000))
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if self._closing():
                self._inc("abandoned_on_close")
                return False
            await sleep(min(left, WAIT_STEP))
        return not self._closing()

    def _pause_site(self, request: Request, seconds: float) -> None:
        """Hold back every request to the site (its downloader slot) for ``seconds``: a 429 or
        503 with Retry-After speaks for the whole server, not only for this page. Scrapy waits
        ``delay`` after a slot's ``lastseen``, so this works when a download delay is set
        (DOWNLOAD_DELAY or AutoThrottle, as by default)."""
        downloader = getattr(getattr(self.crawler, "engine", None), "downloader", None)
        if downloader is None or self.no_wait:
            return
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is None:
            return
        until = time.monotonic() + seconds
        if until > slot.lastseen:
            slot.lastseen = until
            self._inc("site_paused")

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is not None and wait > self.retry_after_max:
            self._inc("retry_after_too_long")
            logger.warning(
                "Not retrying %s: the server asks to wait %.0f s (Retry-After), more than"
                " TRACKER_RETRY_AFTER_MAX=%.0f s",
                request.url,
                wait,
                self.retry_after_max,
            )
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if wait is not None:
            self._inc("retry_after")
            logger.debug("Waiting %.1f s before retrying %s (Retry-After)", wait, request.url)
            self._pause_site(request, wait)
        else:
            wait = self.backoff_delay(retry.meta.get("retry_times", 1))
        # Closing meanwhile: the last answer goes to the spider (a reject), not a new request.
        return retry if await self._wait(wait) else response

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get(
            "dont_retry", False
        ):
            return None
        retry = self._retry(request, exception)
        if retry is None:
            return None
        if not await self._wait(self.backoff_delay(retry.meta.get("retry_times", 1))):
            return None  # closing: the exception goes on to the spider's errback
        return retry
