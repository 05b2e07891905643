"""The http/https download handler: plain HTTP, or a real browser for requests that ask for one.

Requests whose meta has ``playwright`` set go to scrapy-playwright (tracker.browser.playwright);
all others to Scrapy's own HTTP/1.1 handler, unchanged. Playwright is imported, its driver started
and Chromium launched only when the first browser request arrives, so a crawl that never renders
JavaScript pays nothing for the browser support being installed (bench/browser.py measures it).

With ``TRACKER_REPLAY`` set, the cassette answers every request before it reaches a download
handler (tracker.cassettes.ReplayMiddleware), except the browser's: the browser loads the page
and its scripts and data from the same cassette (tracker.browser.playwright). A plain request
that reaches this handler during replay is refused: replay never touches the network.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from tracker.browser import META_PLAYWRIGHT, BrowserSettingError, browser_path

if TYPE_CHECKING:
    from scrapy.http import Request, Response

logger = logging.getLogger(__name__)


class BrowserUnavailable(Exception):
    """A browser request when no browser can be started (a one-line reason for rejects)."""


class _SharedBrowser:
    """The one browser of a crawl, shared by the http and https handler instances."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.handler: Any = None
        self.lock = asyncio.Lock()
        # Why the browser cannot be used; once set, every browser request fails with it.
        self.error = ""
        try:
            browser_path(crawler.settings)
        except BrowserSettingError as exc:
            # Said once at start-up; plain requests are not affected.
            self.error = str(exc)
            logger.error("%s", exc)

    async def get(self) -> Any:
        async with self.lock:
            if self.handler is None and not self.error:
                # Imported here: Playwright's import, driver and browser cost time and memory
                # that crawls without JavaScript pages should not pay.
                from tracker.browser.playwright import BrowserLaunchError, TrackerPlaywrightHandler

                handler = TrackerPlaywrightHandler.from_crawler(self.crawler)
                try:
                    await handler.start()
                except BrowserLaunchError as exc:
                    await handler.close()
                    self.error = str(exc)
                    logger.error("%s", exc)
                else:
                    self.handler = handler
        if self.error:
            raise BrowserUnavailable(self.error)
        return self.handler

    async def close(self) -> None:
        async with self.lock:
            if self.handler is not None:
                handler, self.handler = self.handler, None
                await handler.close()


_BROWSERS: WeakKeyDictionary[Crawler, _SharedBrowser] = WeakKeyDictionary()


class BrowserDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, plus a browser started on the first request that wants one."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.replay = bool(crawler.settings.get("TRACKER_REPLAY"))
        # Scrapy makes one handler per scheme: http and https pages share one browser.
        if crawler not in _BROWSERS:
            _BROWSERS[crawler] = _SharedBrowser(crawler)
        self.browser = _BROWSERS[crawler]

    async def download_request(self, request: Request) -> Response:
        if request.meta.get(META_PLAYWRIGHT):
            handler = await self.browser.get()
            return await handler.download_request(request)
        if self.replay:
            raise IgnoreRequest(
                f"TRACKER_REPLAY is set: {request.method} {request.url} was not answered by the "
                "cassette and is not fetched"
            )
        return await super().download_request(request)

    async def close(self) -> None:
        await super().close()
        await self.browser.close()
