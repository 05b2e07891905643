"""scrapy-playwright, set up for the tracker: launch options, settling, blocking, cassettes.

Imported only when a crawl's first browser request arrives (tracker.browser.routing). On top of
scrapy-playwright's download handler it:

- launches Chromium with the options built by tracker.browser.launch_options;
- after the load event, waits up to ``TRACKER_BROWSER_SETTLE_MS`` for the network to go quiet, so
  an article that scripts fetch and inject is in the DOM when the page is read;
- aborts the resource types in ``TRACKER_BROWSER_BLOCK`` (images, fonts, media);
- with ``TRACKER_REPLAY``, answers every request the browser makes (the page, its scripts, their
  XHR/fetch calls) from the cassette, through the same index as tracker.cassettes'
  ReplayMiddleware; what the cassette lacks is aborted, counted and logged, never fetched;
- with ``TRACKER_RECORD``, fetches what the browser asks for, stores each exchange (one per
  redirect hop) with RecordMiddleware's interactions, and hands it to the browser;
- with ``TRACKER_WARC``, writes the same exchanges (fetched or replayed) as WARC records through
  tracker.archive's WarcMiddleware.

It overrides two hooks of scrapy-playwright 0.0.48 (``_make_request_handler``,
``_apply_page_methods``) and calls ``_launch``; requirements.txt pins that version.
"""

from __future__ import annotations

import gzip
import logging
import re
import zlib
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Route, WebSocketRoute
from playwright.async_api import Request as PlaywrightRequest
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from tracker.archive.middleware import BROWSER_DECODED, WarcMiddleware
from tracker.archive.records import renamed_wire_headers
from tracker.browser import launch_options
from tracker.cassettes import (
    _SECRET_REQUEST_HEADERS,
    RecordMiddleware,
    ReplayMiddleware,
    _canonical,
    _CassetteIndex,
    _replayed_response,
    load_cassette,
    make_interaction,
)

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

RouteHandler = Callable[[Route, PlaywrightRequest], Awaitable[None]]
# Headers that describe the bytes on the wire; the browser is given decoded bodies.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class BrowserLaunchError(Exception):
    """Chromium could not be started; the message says what to install or set."""


class TrackerPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler with the tracker's launch options, settling and cassettes."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.crawler = crawler
        settings = crawler.settings
        self.config.launch_options = launch_options(settings)
        self.settle_ms = settings.getint("TRACKER_BROWSER_SETTLE_MS", 3000)
        self.blocked = frozenset(str(t) for t in settings.getlist("TRACKER_BROWSER_BLOCK"))
        self.user_agent = str(settings.get("USER_AGENT") or "")
        self.replay_path = str(settings.get("TRACKER_REPLAY") or "")
        self.replay_index: _CassetteIndex | None = None
        self.recorder: RecordMiddleware | None = None
        # TRACKER_WARC: the browser's exchanges go into the crawl's WARC files too.
        self.warc: WarcMiddleware | None = _downloader_middleware(crawler, WarcMiddleware)
        if self.replay_path:
            self.replay_index = self._replay_index()
            # Belt and braces: should anything slip past the routes (a preconnect, say), no
            # host name resolves, so replay stays offline.
            args = list(self.config.launch_options.get("args") or [])
            self.config.launch_options["args"] = [*args, "--host-resolver-rules=MAP * ~NOTFOUND"]
        elif settings.get("TRACKER_RECORD"):
            self.recorder = _downloader_middleware(crawler, RecordMiddleware)

    def _replay_index(self) -> _CassetteIndex:
        replay = _downloader_middleware(self.crawler, ReplayMiddleware)
        if replay is not None:
            # One index for plain and browser requests: repeated URLs are served in order.
            return replay.index
        return _CassetteIndex(load_cassette(self.replay_path))

    async def start(self) -> None:
        """Start Playwright's driver and the browser; BrowserLaunchError when it cannot start."""
        await self._launch()
        try:
            await self._maybe_launch_browser()
        except PlaywrightError as exc:
            # Playwright's message is a framed box of several lines; its first line is the cause.
            cause = next((line for line in str(exc).splitlines() if line.strip()), "unknown")
            raise BrowserLaunchError(
                f"the browser did not start ({cause.strip()}): install Chromium "
                "(apt-get install chromium) or run `playwright install chromium`, or set "
                "TRACKER_BROWSER_PATH to a Chromium executable"
            ) from None

    async def download_request(self, request: Request) -> Response:
        if self.replay_index is not None and not _in_index(self.replay_index, request):
            # Checked before a page opens, so a missing page fails like a plain request does.
            self.stats.inc_value("tracker/replay/missing")
            logger.warning(
                "Not in cassette %s, not rendered: %s %s",
                self.replay_path,
                request.method,
                request.url,
            )
            raise IgnoreRequest(
                f"{request.method} {request.url} is not in cassette {self.replay_path}"
            )
        self.stats.inc_value("tracker/render_js/pages")
        return await super().download_request(request)

    # --- scrapy-playwright hooks ---------------------------------------------------------------

    async def _create_browser_context(
        self, name: str, context_kwargs: dict[str, Any] | None, spider: Spider | None = None
    ) -> Any:
        # Service workers fetch past page routes (so past replay); the tracker needs none.
        kwargs = {"service_workers": "block", **(context_kwargs or {})}
        wrapper = await super()._create_browser_context(
            name=name, context_kwargs=kwargs, spider=spider
        )
        if self.replay_index is not None:
            # WebSockets are not HTTP: a cassette cannot hold them, and they must not connect.
            await wrapper.context.route_web_socket(re.compile(".*"), self._refuse_web_socket)
        return wrapper

    async def _refuse_web_socket(self, socket: WebSocketRoute) -> None:
        self.stats.inc_value("tracker/render_js/websocket_refused")
        logger.info("Replay: WebSocket %s not opened (no network during replay)", socket.url)
        await socket.close()

    def _make_request_handler(self, **kwargs: Any) -> RouteHandler:
        live: RouteHandler = super()._make_request_handler(**kwargs)

        async def route_request(route: Route, request: PlaywrightRequest) -> None:
            if request.resource_type in self.blocked:
                self.stats.inc_value("tracker/render_js/blocked")
                await route.abort("blockedbyclient")
            elif self.replay_index is not None:
                await self._replay(route, request, self.replay_index)
            elif self.recorder is not None or self.warc is not None:
                await self._record(route, request, self.recorder)
            else:
                await live(route, request)

        return route_request

    async def _apply_page_methods(self, page: Page, request: Request, spider: Spider) -> None:
        if self.settle_ms > 0:
            # "networkidle" is 500 ms without traffic; a page that polls never gets there,
            # hence the cap. What has rendered by then is what the spider reads.
            with suppress(PlaywrightTimeoutError):
                await page.wait_for_load_state("networkidle", timeout=self.settle_ms)
        await super()._apply_page_methods(page, request, spider)

    # --- cassettes -----------------------------------------------------------------------------

    async def _replay(
        self, route: Route, request: PlaywrightRequest, index: _CassetteIndex
    ) -> None:
        interaction = index.next_for(request.method, request.url)
        if interaction is None:
            self.stats.inc_value("tracker/replay/missing")
            logger.warning(
                "Not in cassette %s, not fetched by the browser: %s %s",
                self.replay_path,
                request.method,
                request.url,
            )
            await route.abort("internetdisconnected")
            return
        self.stats.inc_value("tracker/replay/hits")
        self.stats.inc_value("tracker/render_js/replayed")
        recorded = _replayed_response(interaction, Request(request.url, method=request.method))
        headers: dict[str, str] = {}
        for name, values in recorded.headers.items():
            key = name.decode("latin-1")
            if key.lower() in _WIRE_HEADERS:
                continue
            separator = "\n" if key.lower() == "set-cookie" else ", "
            headers[key] = separator.join(v.decode("latin-1") for v in values)
        encodings = [
            v.decode("latin-1").strip().lower()
            for v in recorded.headers.getlist("Content-Encoding")
        ]
        try:
            body = _decoded(recorded.body, encodings)
        except (OSError, zlib.error, ValueError) as exc:
            logger.warning("Cassette body of %s cannot be decoded (%s)", request.url, exc)
            await route.abort("failed")
            return
        if self.warc is not None:
            # The cassette's bytes, as a live fetch would have had them.
            self.warc.write_exchange(
                method=request.method,
                url=request.url,
                request_headers=_pairs(request.headers.items()),
                request_body=request.post_data_buffer or b"",
                status=recorded.status,
                response_headers=[
                    (name, value) for name, values in recorded.headers.items() for value in values
                ],
                body=recorded.body,
                browser=True,
            )
        await route.fulfill(status=recorded.status, headers=headers, body=body)

    async def _record(
        self, route: Route, request: PlaywrightRequest, recorder: RecordMiddleware | None
    ) -> None:
        headers = await request.all_headers()
        if self.user_agent:
            headers["user-agent"] = self.user_agent
        try:
            # One hop at a time: the browser follows a redirect with a new, recorded request.
            fetched = await route.fetch(headers=headers, max_redirects=0)
            body = await fetched.body()
        except PlaywrightError as exc:
            logger.info("Browser request %s failed while recording: %s", request.url, exc)
            await route.abort("failed")
            return
        response_headers: dict[str, list[str]] = {}
        for header in fetched.headers_array:
            if header["name"].lower() not in _WIRE_HEADERS:  # the body is stored decoded
                response_headers.setdefault(header["name"], []).append(header["value"])
        request_headers = {
            name: [value]
            for name, value in headers.items()
            if name.lower() not in _SECRET_REQUEST_HEADERS and not name.startswith(":")
        }
        if self.warc is not None:
            self.warc.write_exchange(
                method=request.method,
                url=request.url,
                request_headers=_pairs(headers.items()),
                request_body=request.post_data_buffer or b"",
                status=fetched.status,
                # The body comes decoded: what described its encoding is kept renamed.
                response_headers=renamed_wire_headers(
                    _pairs((h["name"], h["value"]) for h in fetched.headers_array),
                    BROWSER_DECODED,
                ),
                body=body,
                browser=True,
            )
        if recorder is None:
            await route.fulfill(response=fetched, body=body)
            return
        recorder.recorded.append(
            make_interaction(
                method=request.method,
                uri=request.url,
                status=fetched.status,
                headers=response_headers,
                body=body,
                url=fetched.url,
                request_headers=request_headers,
                request_body=request.post_data_buffer or b"",
            )
        )
        self.stats.inc_value("tracker/record/interactions")
        self.stats.inc_value("tracker/render_js/recorded")
        await route.fulfill(response=fetched, body=body)


def _pairs(headers: Any) -> list[tuple[bytes, bytes]]:
    """(name, value) header pairs as bytes (HTTP header bytes are Latin-1 on the wire)."""
    out = []
    for name, value in headers:
        if str(name).startswith(":"):  # HTTP/2 pseudo-headers are not message headers
            continue
        try:
            encoded = str(value).encode("latin-1")
        except UnicodeEncodeError:
            encoded = str(value).encode("utf-8")
        out.append((str(name).encode("latin-1", "replace"), encoded))
    return out


def _downloader_middleware(crawler: Crawler, cls: type[Any]) -> Any:
    engine = crawler.engine
    middlewares = engine.downloader.middleware.middlewares if engine is not None else ()
    return next((m for m in middlewares if isinstance(m, cls)), None)


def _in_index(index: _CassetteIndex, request: Request) -> bool:
    method = request.method.upper()
    return (method, request.url) in index.exact or (
        method,
        _canonical(request.url),
    ) in index.canonical


def _decoded(body: bytes, encodings: list[str]) -> bytes:
    """``body`` without its Content-Encoding, which the browser is not told about."""
    for encoding in reversed(encodings):
        if encoding in ("gzip", "x-gzip"):
            body = gzip.decompress(body)
        elif encoding == "deflate":
            try:
                body = zlib.decompress(body)
            except zlib.error:
                body = zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send
        elif encoding == "br":
            try:
                import brotli  # type: ignore[import-not-found,unused-ignore]
            except ImportError:
                raise ValueError("a brotli body, and the brotli package is not installed") from None
            body = brotli.decompress(body)
        elif encoding not in ("", "identity"):
            raise ValueError(f"unsupported Content-Encoding {encoding!r}")
    return body
