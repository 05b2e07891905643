"""The two cassette middlewares, switched on by settings (the format: tracker.cassettes).

- ``ReplayMiddleware`` (``TRACKER_REPLAY=path.json``) answers every request from a cassette and
  never touches the network. A request the cassette lacks is logged, counted under
  ``tracker/replay/missing`` and dropped with a ``not_in_cassette`` reject, so the spider's
  errback runs.
- ``RecordMiddleware`` (``TRACKER_RECORD=path.json``) stores every exchange of a live crawl, with
  bodies exactly as received (a gzip body stays gzip), and writes the cassette when the spider
  closes, keeping the interactions already in the file.

Browser requests are not theirs: the browser loads a page and everything the page asks for
through tracker.browser.playwright, which replays from this middleware's cassette and records
into this middleware's list (``crawler.get_downloader_middleware``).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import CloseSpider, IgnoreRequest, NotConfigured

from tracker.cassettes import (
    SECRET_REQUEST_HEADERS,
    Cassette,
    CassetteError,
    header_lists,
    load_cassette,
    make_interaction,
    write_cassette,
)
from tracker.downloader import RejectRequest
from tracker.request_meta import FLAG_RENDERED, FLAG_REPLAYED, META_PLAYWRIGHT

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Headers, Request, Response
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


# Cassettes loaded in this process, by path, with the file's size and modification time when it
# was read: crawlall's crawlers (one per spider) replay one cassette, loaded once.
_loaded: dict[str, tuple[tuple[int, int], Cassette]] = {}
_loaded_lock = threading.Lock()


def shared_cassette(path: str) -> Cassette:
    """The cassette at ``path``, read once per process while the file stays as it was (a file
    changed since is read again). Use :meth:`Cassette.replayer` for a crawl's own view of it."""
    key = os.path.realpath(path)
    try:
        stat = os.stat(key)
    except OSError:
        return Cassette.load(path)  # its CassetteError says what is wrong with the path
    version = (stat.st_mtime_ns, stat.st_size)
    with _loaded_lock:
        cached = _loaded.get(key)
        if cached is None or cached[0] != version:
            cached = (version, Cassette.load(path))
            _loaded[key] = cached
        return cached[1]


class ReplayMiddleware:
    """Answer every request from the ``TRACKER_REPLAY`` cassette; nothing reaches the network.

    Sits at priority 60, before the other middlewares' ``process_request``; its responses still
    pass through every ``process_response``, so compressed bodies are decompressed and recorded
    3xx responses are followed by the redirect middleware.
    """

    def __init__(self, crawler: Crawler, path: str) -> None:
        self.crawler = crawler
        self.path = path
        self.stats: StatsCollector = crawler.stats
        self.error = ""
        self.cassette = Cassette()
        try:
            self.cassette = shared_cassette(path).replayer()
        except CassetteError as exc:
            self.error = str(exc)
        else:
            logger.info("Replaying %d recorded interactions from %s", len(self.cassette), path)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get("TRACKER_REPLAY") or ""
        if not path:
            raise NotConfigured("TRACKER_REPLAY is not set")
        return cls(crawler, str(path))

    def spider_opened(self, spider: Spider) -> None:
        if self.error:
            # Scrapy closes a spider whose spider_opened handler raises CloseSpider before any
            # request is sent, without a traceback: the line below is all the user sees.
            logger.error(
                "TRACKER_REPLAY: %s. Give the path of an existing cassette, or record one with "
                "-s TRACKER_RECORD=%s during a live crawl.",
                self.error,
                self.path,
            )
            raise CloseSpider("replay_cassette_error")

    def process_request(self, request: Request) -> Response | None:
        if self.error:  # the spider is closing; still, nothing may be fetched
            raise IgnoreRequest(f"TRACKER_REPLAY: {self.error}")
        if request.meta.get(META_PLAYWRIGHT):
            # A browser page: the browser loads it and its scripts and data from this cassette
            # (tracker.browser.playwright), so it really renders.
            return None
        interaction = self.cassette.lookup(request.method, request.url)
        if interaction is None:
            self.stats.inc_value("tracker/replay/missing")
            logger.warning(
                "Not in cassette %s, not fetched: %s %s", self.path, request.method, request.url
            )
            raise RejectRequest(
                "not_in_cassette", f"{request.method} {request.url} is not in cassette {self.path}"
            )
        self.stats.inc_value("tracker/replay/hits")
        return interaction.response(request)


class RecordMiddleware:
    """Record every exchange of a live crawl into the ``TRACKER_RECORD`` cassette.

    Sits at priority 950, next to the downloader, so it sees each response before
    decompression and each redirect hop on its own. Interactions already in the file are kept;
    the new ones are appended when the spider closes, written atomically.
    """

    def __init__(self, crawler: Crawler, path: str) -> None:
        self.crawler = crawler
        self.path = path
        self.stats: StatsCollector = crawler.stats
        self.error = ""
        self.kept: list[dict[str, Any]] = []
        self.recorded: list[dict[str, Any]] = []
        if Path(path).exists():
            try:
                self.kept = load_cassette(path)
            except CassetteError as exc:
                self.error = str(exc)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get("TRACKER_RECORD") or ""
        if not path:
            raise NotConfigured("TRACKER_RECORD is not set")
        return cls(crawler, str(path))

    def spider_opened(self, spider: Spider) -> None:
        if self.error:
            # Appending to a broken file would destroy it; stop before fetching anything.
            logger.error(
                "TRACKER_RECORD: %s. Fix or remove that file, or record into a new path.",
                self.error,
            )
            raise CloseSpider("record_cassette_error")

    def record(self, interaction: dict[str, Any]) -> None:
        """Add one exchange (as tracker.cassettes.make_interaction returns it) to the recording."""
        self.recorded.append(interaction)
        self.stats.inc_value("tracker/record/interactions")

    def process_response(self, request: Request, response: Response) -> Response:
        if FLAG_REPLAYED in response.flags:
            return response  # answered from a cassette: no HTTP exchange took place
        if FLAG_RENDERED in response.flags:
            # A rendered DOM, not an exchange: tracker.browser.playwright records the browser's.
            return response
        request_headers = {
            name: values
            for name, values in header_lists(request.headers).items()
            if name.lower() not in SECRET_REQUEST_HEADERS
        }
        self.record(
            make_interaction(
                method=request.method,
                uri=request.url,
                status=response.status,
                headers=header_lists(response.headers),
                body=response.body,
                url=response.url,
                request_headers=request_headers,
                request_body=request.body,
                encoding=_charset(response.headers),
            )
        )
        return response

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.error:
            return
        write_cassette(self.path, self.kept + self.recorded)
        logger.info(
            "Recorded %d interactions into %s (%d kept from before)",
            len(self.recorded),
            self.path,
            len(self.kept),
        )


def _charset(headers: Headers) -> str | None:
    content_type = (headers.get(b"Content-Type") or b"").decode("latin-1")
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
