"""The http/https download handler: plain HTTP, or a real browser for requests that ask for one.

Requests whose meta has ``playwright`` set go to scrapy-playwright (tracker.playwright_handler);
all others to Scrapy's own HTTP/1.1 handler, unchanged. Playwright is imported, its driver started
and Chromium launched only when the first browser request arrives, so a crawl that never renders
JavaScript pays nothing for the browser support being installed (bench/browser.py measures it).

With ``TRACKER_REPLAY`` set, the cassette answers every request before it reaches a download
handler (tracker.cassettes.ReplayMiddleware), except the browser's: the browser loads the page
and its scripts and data from the same cassette (tracker.playwright_handler). A plain request
that reaches this handler during replay is refused: replay never touches the network.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import IgnoreRequest

from tracker.browser import META_PLAYWRIGHT

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response

logger = logging.getLogger(__name__)


class BrowserDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, plus a browser started on the first request that wants one."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.crawler = crawler
        self.replay = bool(crawler.settings.get("TRACKER_REPLAY"))
        self._browser: Any = None
        self._browser_lock = asyncio.Lock()

    async def download_request(self, request: Request) -> Response:
        if request.meta.get(META_PLAYWRIGHT):
            browser = await self._browser_handler()
            return await browser.download_request(request)
        if self.replay:
            raise IgnoreRequest(
                f"TRACKER_REPLAY is set: {request.method} {request.url} was not answered by the "
                "cassette and is not fetched"
            )
        return await super().download_request(request)

    async def _browser_handler(self) -> Any:
        async with self._browser_lock:
            if self._browser is None:
                # Imported here: playwright costs a third of a second and memory to import.
                from tracker.playwright_handler import TrackerPlaywrightHandler

                handler = TrackerPlaywrightHandler.from_crawler(self.crawler)
                await handler.start()
                self._browser = handler
        return self._browser

    async def close(self) -> None:
        await super().close()
        if self._browser is not None:
            await self._browser.close()
            self._browser = None
