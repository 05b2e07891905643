"""``TRACKER_WARC=DIR``: every HTTP exchange of the crawl into gzipped WARC/1.1 files.

``WarcMiddleware`` is a downloader middleware at 950, beside the cassette recorder, so it sees
each response before HttpCompressionMiddleware decodes it and each redirect hop on its own: the
body is stored as it came (a gzip body stays gzip, with its Content-Encoding). Each exchange
becomes a request record and a response record (WARC-Concurrent-To links them), with
WARC-Target-URI, WARC-Date, WARC-IP-Address when the download handler knows it, and payload and
block digests. Pages a browser fetched (tracker.browser.playwright) are written through
:meth:`WarcMiddleware.write_exchange` by the browser's request handler, one record pair per
request the page made.

What is not the wire's bytes, and why: Scrapy keeps header names in Title-Case and groups
repeated headers, and does not keep the reason phrase (the standard one is written). The HTTP
client has removed any chunked transfer coding, so ``Transfer-Encoding`` is kept as
``X-Crawler-Transfer-Encoding`` (Common Crawl's convention) and readers do not de-chunk; a
browser hands over decoded bodies, so its ``Content-Encoding`` and ``Content-Length`` are kept
the same way. ``Cookie``, ``Authorization`` and ``Proxy-Authorization`` request headers are not
written (as in cassettes). Responses read from an archive (``-a warc=``) are not written again.

``WarcLocationMiddleware`` (a spider middleware) copies the location of the page's response
record into the items made from it: ``warc_file`` (the file's name in ``TRACKER_WARC``) and
``warc_offset`` (where its gzip member starts).
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit, urlunsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from tracker import PROJECT_NAME, PROJECT_URL
from tracker.archive.records import (
    HTTP_REQUEST_TYPE,
    HTTP_RESPONSE_TYPE,
    http_payload,
    record_id,
    renamed_wire_headers,
    request_block,
    response_block,
    warc_date,
    warc_record,
)
from tracker.archive.writer import DEFAULT_MAX_SIZE, RecordLocation, WarcWriter, recover_open_files
from tracker.items import ArticleItem

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

# request.meta key: {"file", "offset"} of the response record of the page (set here, or by the
# archive reader for pages read from a WARC).
META_WARC = "tracker_warc"
# Flag of responses read from an archive: they are not exchanges of this crawl.
ARCHIVE_FLAG = "warc"
# Request headers never written (they may carry credentials); the same as in cassettes.
SECRET_REQUEST_HEADERS = frozenset({b"authorization", b"proxy-authorization", b"cookie"})
# What the HTTP client undid: the stored body is no longer chunked.
_CLIENT_DECODED = frozenset({b"transfer-encoding"})
# What a browser undid: its bodies come decoded and de-chunked.
BROWSER_DECODED = frozenset({b"transfer-encoding", b"content-encoding", b"content-length"})
# Settings described in the warcinfo record besides the TRACKER_* ones.
_INFO_SETTINGS = (
    "BOT_NAME",
    "ROBOTSTXT_OBEY",
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED",
    "DOWNLOAD_TIMEOUT",
    "DOWNLOAD_MAXSIZE",
    "RETRY_TIMES",
)
# Pages rendered by the browser whose main document was just written: URL -> location.
_BROWSER_LOCATIONS_KEPT = 1024


def _redacted(value: Any) -> str:
    """A setting value for the warcinfo record, with any password in a URL left out."""
    text = value if isinstance(value, str) else json.dumps(value, default=str, sort_keys=True)
    if "://" in text and "@" in text:
        parts = urlsplit(text)
        if parts.password is not None:
            host = parts.hostname or ""
            netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
            return urlunsplit(parts._replace(netloc=netloc))
    return text


def warcinfo_fields(settings: BaseSettings, spider_name: str) -> list[tuple[str, str]]:
    """The warcinfo record's fields: the crawler, its operator contact and its settings."""
    fields = [
        ("software", f"{PROJECT_NAME}/0.1 (Scrapy; +{PROJECT_URL})"),
        ("isPartOf", spider_name),
        ("description", f"scrapy crawl {spider_name}"),
        ("http-header-user-agent", str(settings.get("USER_AGENT") or "")),
        ("robots", "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore"),
        (
            "conformsTo",
            "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        ),
    ]
    names = sorted(name for name in settings.attributes if name.startswith("TRACKER_"))
    for name in [*_INFO_SETTINGS, *names]:
        value = settings.get(name)
        if value not in (None, "", [], {}):
            fields.append(("tracker-setting", f"{name}={_redacted(value)}"))
    return fields


def _header_pairs(headers: Any) -> list[tuple[bytes, bytes]]:
    """(name, value) pairs from Scrapy Headers or a {name: [values]} mapping, values as bytes."""
    pairs = []
    for name, values in headers.items():
        key = name if isinstance(name, bytes) else str(name).encode("latin-1", "replace")
        for value in values if isinstance(values, list | tuple) else [values]:
            if isinstance(value, bytes):
                pairs.append((key, value))
            else:
                text = str(value)
                try:
                    pairs.append((key, text.encode("latin-1")))
                except UnicodeEncodeError:
                    pairs.append((key, text.encode("utf-8")))
    return pairs


class WarcMiddleware:
    """Writes every exchange into ``TRACKER_WARC`` (module docstring)."""

    def __init__(self, crawler: Crawler, folder: str, max_size: int) -> None:
        self.crawler = crawler
        self.folder = folder
        self.max_size = max_size
        self.writer: WarcWriter | None = None
        self.browser_locations: OrderedDict[str, RecordLocation] = OrderedDict()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        folder = str(crawler.settings.get("TRACKER_WARC") or "")
        if not folder:
            raise NotConfigured("TRACKER_WARC is not set")
        max_size = crawler.settings.getint("TRACKER_WARC_MAX_SIZE", DEFAULT_MAX_SIZE)
        if max_size <= 0:
            raise ValueError(f"TRACKER_WARC_MAX_SIZE={max_size}: expected a size in bytes above 0")
        return cls(crawler, folder, max_size)

    def spider_opened(self, spider: Spider) -> None:
        for name in recover_open_files(self.folder):
            logger.info("Recovered WARC file %s left open by an earlier crawl", name)
        self.writer = WarcWriter(
            self.folder,
            prefix=spider.name,
            info=warcinfo_fields(self.crawler.settings, spider.name),
            max_size=self.max_size,
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.writer is not None:
            self.writer.close()
            if self.crawler.stats is not None:
                self.crawler.stats.set_value("tracker/warc/files", len(self.writer.files_written))

    # --- downloader middleware ------------------------------------------------------------------

    def process_response(self, request: Request, response: Response) -> Response:
        if ARCHIVE_FLAG in response.flags:
            return response
        if "playwright" in response.flags:
            # A rendered DOM, not an exchange: the browser's own requests were written as they
            # happened; the page's location is that of its main document.
            location = self.browser_locations.get(response.url)
            if location is not None:
                request.meta[META_WARC] = {"file": location.file, "offset": location.offset}
            return response
        ip = getattr(response, "ip_address", None)
        location = self.write_exchange(
            method=request.method,
            url=request.url,
            request_headers=_header_pairs(request.headers),
            request_body=request.body,
            status=response.status,
            response_headers=renamed_wire_headers(_header_pairs(response.headers), _CLIENT_DECODED),
            body=response.body,
            protocol=getattr(response, "protocol", None),
            ip_address=str(ip) if ip is not None else None,
            truncated="dataloss" in response.flags,
        )
        request.meta[META_WARC] = {"file": location.file, "offset": location.offset}
        return response

    # --- writing --------------------------------------------------------------------------------

    def write_exchange(
        self,
        *,
        method: str,
        url: str,
        request_headers: Iterable[tuple[bytes, bytes]],
        request_body: bytes,
        status: int,
        response_headers: Iterable[tuple[bytes, bytes]],
        body: bytes,
        protocol: str | None = None,
        ip_address: str | None = None,
        truncated: bool = False,
        when: datetime | None = None,
        browser: bool = False,
    ) -> RecordLocation:
        """Write one request/response pair; the response record's location."""
        if self.writer is None:  # written before spider_opened (cannot happen in a crawl)
            raise RuntimeError("WarcMiddleware: the spider is not open")
        date = warc_date(when)
        request_id, response_id = record_id(), record_id()
        common = [("WARC-Date", date), ("WARC-Target-URI", url)]
        info = [("WARC-Warcinfo-ID", self.writer.warcinfo_id)]
        ip = [("WARC-IP-Address", ip_address)] if ip_address else []
        kept_request_headers = [
            (name, value)
            for name, value in request_headers
            if name.lower() not in SECRET_REQUEST_HEADERS
        ]
        req_block = request_block(method, url, kept_request_headers, request_body, protocol)
        resp_block = response_block(status, response_headers, body, protocol)
        request_record = warc_record(
            "request",
            [("WARC-Record-ID", request_id), *common, *info, ("WARC-Concurrent-To", response_id)],
            req_block,
            content_type=HTTP_REQUEST_TYPE,
            payload=http_payload(req_block),
        )
        extra = [("WARC-Truncated", "disconnect")] if truncated else []
        response_record = warc_record(
            "response",
            [
                ("WARC-Record-ID", response_id),
                *common,
                *info,
                *ip,
                ("WARC-Concurrent-To", request_id),
                *extra,
            ],
            resp_block,
            content_type=HTTP_RESPONSE_TYPE,
            payload=body,
        )
        _, location = self.writer.write([request_record, response_record])
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value("tracker/warc/records", 2)
            if browser:
                stats.inc_value("tracker/warc/browser_records", 2)
        if browser:
            self.browser_locations[url] = location
            self.browser_locations.move_to_end(url)
            while len(self.browser_locations) > _BROWSER_LOCATIONS_KEPT:
                self.browser_locations.popitem(last=False)
        return location


class WarcLocationMiddleware:
    """Spider middleware: items made from a page get its record's ``warc_file``/``warc_offset``."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.get("TRACKER_WARC"):
            raise NotConfigured("TRACKER_WARC is not set")
        return cls()

    def process_spider_output(
        self, response: Response, result: Iterable[Any], spider: Spider | None = None
    ) -> Iterator[Any]:
        location = _location_of(response)
        for element in result:
            yield _located(element, location)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        location = _location_of(response)
        async for element in result:
            yield _located(element, location)


def _location_of(response: Any) -> dict[str, Any] | None:
    try:
        location = response.meta.get(META_WARC)
    except AttributeError:  # no request behind it (errback output)
        return None
    return location if isinstance(location, dict) else None


def _located(element: Any, location: dict[str, Any] | None) -> Any:
    if location and isinstance(element, ArticleItem) and element.warc_file is None:
        element.warc_file = location["file"]
        element.warc_offset = location["offset"]
    return element
