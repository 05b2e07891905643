"""The tracker's downloader middlewares, in the order a request meets them (settings.py):

- :mod:`tracker.downloader.seen`: skips article pages written in an earlier run;
- :mod:`tracker.cassettes`: answers from a cassette (``TRACKER_REPLAY``) or records into
  one (``TRACKER_RECORD``);
- :mod:`tracker.downloader.retry`: retries that wait (backoff, Retry-After);
- :mod:`tracker.downloader.redirects`: stops redirect loops.

A middleware that gives up on a request raises :class:`RejectRequest` with a reason code; the
spider's errback turns it into a reject (tracker.spiders.base.failure_reason).
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class RejectRequest(IgnoreRequest):
    """An IgnoreRequest that carries a reject reason code for the spider's errback."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
