"""Record and replay of HTTP traffic in betamax's cassette JSON format.

Two downloader middlewares, switched on by settings:

- ``ReplayMiddleware`` (``TRACKER_REPLAY=path.json``) answers every request from a cassette and
  never touches the network. A request the cassette lacks is logged, counted under
  ``tracker/replay/missing`` and dropped with ``IgnoreRequest`` so the spider's errback runs.
- ``RecordMiddleware`` (``TRACKER_RECORD=path.json``) stores every exchange of a live crawl, with
  bodies exactly as received (a gzip body stays gzip), and writes the cassette when the spider
  closes, keeping the interactions already in the file.

The file format is betamax 0.9's JSON serialisation, so cassettes written by betamax through
``requests`` replay here, and cassettes written here replay in betamax::

    {"http_interactions": [{"request": {"method", "uri", "headers", "body"},
                            "response": {"status": {"code", "message"}, "headers",
                                         "body": {"encoding", "string" | "base64_string"},
                                         "url"},
                            "recorded_at": "YYYY-MM-DDTHH:MM:SS"}],
     "recorded_with": "..."}
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import CloseSpider, IgnoreRequest, NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url

from tracker import PROJECT_NAME
from tracker.downloader import RejectRequest

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

__all__ = [
    "RECORDED_WITH",
    "CassetteError",
    "RecordMiddleware",
    "ReplayMiddleware",
    "body_field",
    "decode_body",
    "load_cassette",
    "make_interaction",
    "write_cassette",
]

RECORDED_WITH = f"{PROJECT_NAME}/0.1 (betamax 0.9.0 format)"
# The flag a replayed response carries; Scrapy prints it in the "Crawled (200) <GET ...>" line.
REPLAY_FLAG = "cassette"
# Never written into a cassette: they may carry credentials, and replay does not match on them.
_SECRET_REQUEST_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
_GZIP_MAGIC = b"\x1f\x8b"


class CassetteError(Exception):
    """A cassette file that cannot be used; the message is one line meant for a person."""


# --- The file format ---------------------------------------------------------------------------


def load_cassette(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Return the interactions of the cassette at ``path``, checked enough to replay them.

    Raises CassetteError with a one-line reason when the file is missing, unreadable, not JSON,
    or not shaped like a betamax cassette.
    """
    where = os.fspath(path)
    try:
        with open(where, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise CassetteError(f"cassette file {where} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CassetteError(f"cannot read cassette file {where}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise CassetteError(f"cassette file {where} is not valid JSON: {exc}") from None
    interactions = data.get("http_interactions") if isinstance(data, dict) else None
    if not isinstance(interactions, list):
        raise CassetteError(
            f"cassette file {where} has no 'http_interactions' list (not a betamax cassette)"
        )
    for number, interaction in enumerate(interactions):
        problem = _interaction_problem(interaction)
        if problem:
            raise CassetteError(f"cassette file {where}: interaction {number} {problem}")
    return interactions


def _interaction_problem(interaction: Any) -> str:
    """Say what makes ``interaction`` unusable for replay, or return an empty string."""
    if not isinstance(interaction, dict):
        return "is not an object"
    request, response = interaction.get("request"), interaction.get("response")
    if not isinstance(request, dict) or not isinstance(response, dict):
        return "lacks a 'request' or 'response' object"
    if not isinstance(request.get("method"), str) or not isinstance(request.get("uri"), str):
        return "has no request method or uri"
    try:
        _status_code(response)
        decode_body(response.get("body", ""))
    except (KeyError, TypeError, ValueError) as exc:
        return f"has an unusable response: {exc}"
    if not isinstance(response.get("headers", {}), dict):
        return "has response headers that are not an object"
    return ""


def _status_code(response: Mapping[str, Any]) -> int:
    # betamax 0.9 writes {"status": {"code", "message"}}; older cassettes have "status_code".
    status = response.get("status")
    code = status.get("code") if isinstance(status, dict) else response.get("status_code")
    if isinstance(code, bool) or not isinstance(code, int | str):
        raise ValueError("no status code")
    return int(code)


def decode_body(body: Any) -> bytes:
    """Return the bytes a cassette body field holds (``string`` or ``base64_string``)."""
    if isinstance(body, str):  # betamax's oldest format: the body as a bare string
        return body.encode("utf-8")
    if not isinstance(body, dict):
        raise TypeError("body is neither an object nor a string")
    if body.get("base64_string") is not None:
        try:
            return base64.b64decode(body["base64_string"], validate=True)
        except (binascii.Error, TypeError) as exc:
            raise ValueError(f"bad base64_string ({exc})") from None
    text = body.get("string") or ""
    if not isinstance(text, str):
        raise TypeError("body string is not a string")
    encoding = body.get("encoding") or "utf-8"
    try:
        return text.encode(encoding)
    except (LookupError, UnicodeEncodeError):
        # An unknown or too narrow encoding name: UTF-8 is what betamax falls back to as well.
        return text.encode("utf-8")


def body_field(body: bytes, encoding: str | None = None) -> dict[str, Any]:
    """Return a cassette body field for ``body``: readable text when it is UTF-8, else base64.

    ``encoding`` is the charset the response declared; it is kept for base64 bodies as betamax
    does, and a text body is always stored with the encoding that turns it back into the same
    bytes.
    """
    try:
        return {"encoding": "utf-8", "string": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"encoding": encoding, "base64_string": base64.b64encode(body).decode("ascii")}


def make_interaction(
    *,
    method: str,
    uri: str,
    status: int,
    headers: Mapping[str, list[str]],
    body: bytes,
    url: str | None = None,
    request_headers: Mapping[str, list[str]] | None = None,
    request_body: bytes = b"",
    recorded_at: datetime | None = None,
    encoding: str | None = None,
) -> dict[str, Any]:
    """Return one betamax interaction for an exchange, bodies given as the raw bytes on the wire.

    A body sent with a Content-Encoding is always stored as base64, as betamax does for gzip,
    so replay hands the compressed bytes to Scrapy's decompression middleware.
    """
    content_encoded = any(name.lower() == "content-encoding" for name in headers)
    response_body = (
        {"encoding": encoding, "base64_string": base64.b64encode(body).decode("ascii")}
        if content_encoded
        else body_field(body, encoding)
    )
    try:
        message = HTTPStatus(status).phrase
    except ValueError:
        message = ""
    when = (recorded_at or datetime.now(UTC)).astimezone(UTC)
    return {
        "request": {
            "body": body_field(request_body),
            "headers": {name: list(values) for name, values in (request_headers or {}).items()},
            "method": method.upper(),
            "uri": uri,
        },
        "response": {
            "body": response_body,
            "headers": {name: list(values) for name, values in headers.items()},
            "status": {"code": status, "message": message},
            "url": url or uri,
        },
        # betamax's own timestamp shape: naive UTC, seconds.
        "recorded_at": when.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def write_cassette(path: str | os.PathLike[str], interactions: list[dict[str, Any]]) -> None:
    """Write ``interactions`` to ``path`` atomically (a temporary file, then a rename)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {"http_interactions": interactions, "recorded_with": RECORDED_WITH}
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); a cassette is shared like any other file.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _header_lists(headers: Headers) -> dict[str, list[str]]:
    # HTTP header bytes are Latin-1 on the wire (http.client, and so betamax, read them that way).
    return {
        key.decode("latin-1"): [value.decode("latin-1") for value in values]
        for key, values in headers.items()
    }


def _header_bytes(value: Any) -> bytes:
    text = str(value)
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8")


def _charset(headers: Headers) -> str | None:
    content_type = (headers.get(b"Content-Type") or b"").decode("latin-1")
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


# --- Replay ------------------------------------------------------------------------------------


class _CassetteIndex:
    """Interactions by (method, URL): exact URL first, then the canonical form.

    Several interactions of one request are served in the order they were recorded; once they
    are used up the last one keeps answering (a crawl may ask twice for what was fetched once).
    """

    def __init__(self, interactions: list[dict[str, Any]]) -> None:
        self.exact: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.canonical: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._served: dict[tuple[str, tuple[str, str]], int] = {}
        for interaction in interactions:
            method = interaction["request"]["method"].upper()
            uri = interaction["request"]["uri"]
            self.exact.setdefault((method, uri), []).append(interaction)
            self.canonical.setdefault((method, _canonical(uri)), []).append(interaction)

    def next_for(self, method: str, url: str) -> dict[str, Any] | None:
        method = method.upper()
        for kind, table, key in (
            ("exact", self.exact, (method, url)),
            ("canonical", self.canonical, (method, _canonical(url))),
        ):
            found = table.get(key)
            if found:
                served = self._served.get((kind, key), 0)
                self._served[(kind, key)] = served + 1
                return found[min(served, len(found) - 1)]
        return None


def _canonical(url: str) -> str:
    try:
        return canonicalize_url(url)
    except ValueError:  # a URL w3lib cannot parse (a bad port, say) only matches exactly
        return url


def _replayed_response(interaction: dict[str, Any], request: Request) -> Response:
    recorded = interaction["response"]
    headers = Headers()
    for name, values in (recorded.get("headers") or {}).items():
        for value in values if isinstance(values, list) else [values]:
            headers.appendlist(name, _header_bytes(value))
    body = decode_body(recorded.get("body", ""))
    encodings = [v.strip().lower() for v in headers.getlist(b"Content-Encoding")]
    if encodings in ([b"gzip"], [b"x-gzip"]) and body and not body.startswith(_GZIP_MAGIC):
        # Some recorders store the decoded text under the original header; decompressing that
        # would fail, so the header goes and the text is served as is.
        logger.debug("Cassette body for %s is not gzip despite its header", request.url)
        del headers[b"Content-Encoding"]
    # The request's URL, not the recorded one: redirects and urljoin must see what was asked for.
    respcls = responsetypes.from_args(headers=headers, url=request.url, body=body)
    return respcls(
        url=request.url,
        status=_status_code(recorded),
        headers=headers,
        body=body,
        flags=[REPLAY_FLAG],
        request=request,
    )


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
        self.index = _CassetteIndex([])
        try:
            interactions = load_cassette(path)
        except CassetteError as exc:
            self.error = str(exc)
        else:
            self.index = _CassetteIndex(interactions)
            logger.info("Replaying %d recorded interactions from %s", len(interactions), path)
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
        if request.meta.get("playwright"):
            # A browser page: the browser loads it and its scripts and data from this cassette
            # (tracker.browser.playwright answers them through self.index), so it really renders.
            return None
        interaction = self.index.next_for(request.method, request.url)
        if interaction is None:
            self.stats.inc_value("tracker/replay/missing")
            logger.warning(
                "Not in cassette %s, not fetched: %s %s", self.path, request.method, request.url
            )
            raise RejectRequest(
                "not_in_cassette", f"{request.method} {request.url} is not in cassette {self.path}"
            )
        self.stats.inc_value("tracker/replay/hits")
        return _replayed_response(interaction, request)


# --- Record ------------------------------------------------------------------------------------


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

    def process_response(self, request: Request, response: Response) -> Response:
        if REPLAY_FLAG in response.flags:
            return response  # answered from a cassette: no HTTP exchange took place
        if "playwright" in response.flags:
            # A rendered DOM, not an exchange: tracker.browser.playwright records the browser's.
            return response
        request_headers = {
            name: values
            for name, values in _header_lists(request.headers).items()
            if name.lower() not in _SECRET_REQUEST_HEADERS
        }
        self.recorded.append(
            make_interaction(
                method=request.method,
                uri=request.url,
                status=response.status,
                headers=_header_lists(response.headers),
                body=response.body,
                url=response.url,
                request_headers=request_headers,
                request_body=request.body,
                encoding=_charset(response.headers),
            )
        )
        self.stats.inc_value("tracker/record/interactions")
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
