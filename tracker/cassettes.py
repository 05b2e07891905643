"""Cassettes: recorded HTTP traffic in betamax's JSON format, and the public API to use them.

One module owns the format; everything else goes through these names:

- :class:`Cassette`: the interactions of one file, with ``lookup(method, url)`` (exact URL first,
  then its canonical form; repeated requests are answered in recorded order), ``add``, ``save``;
- :class:`Interaction`: one recorded exchange (``method``, ``uri``, ``status``, ``headers``,
  ``body`` as stored, ``content()`` with any Content-Encoding undone, ``response(request)``);
- :func:`make_interaction` builds one from the bytes of an exchange, :func:`decode_content`
  undoes a Content-Encoding, :func:`load_cassette` / :func:`write_cassette` read and write files.

The downloader middlewares that replay and record a crawl are in tracker.downloader.cassettes;
the browser's replay and recording (tracker.browser.playwright) use the same API.

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
import gzip
import json
import logging
import os
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url

from tracker import PROJECT_NAME
from tracker.files import write_atomic
from tracker.request_meta import FLAG_REPLAYED

logger = logging.getLogger(__name__)

__all__ = [
    "RECORDED_WITH",
    "SECRET_REQUEST_HEADERS",
    "Cassette",
    "CassetteError",
    "Interaction",
    "body_field",
    "decode_body",
    "decode_content",
    "header_lists",
    "load_cassette",
    "make_interaction",
    "write_cassette",
]

RECORDED_WITH = f"{PROJECT_NAME}/0.1 (betamax 0.9.0 format)"
# Never written into a cassette: they may carry credentials, and replay does not match on them.
SECRET_REQUEST_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
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
        # Parsed from bytes: json.load on a text file took 1.3 CPU s for a 68 MB cassette
        # (bench.crawl_cost's 256 pages), json.loads on its bytes 0.55 s; same result.
        with open(where, "rb") as fh:
            data = json.loads(fh.read())
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
    """Write ``interactions`` to ``path`` atomically (tracker.files.write_atomic)."""
    data = {"http_interactions": interactions, "recorded_with": RECORDED_WITH}
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    # A cassette is shared like any other file; fsyncing its folder is not needed.
    write_atomic(Path(path), text.encode("utf-8"), sync_dir=False)


def header_lists(headers: Headers) -> dict[str, list[str]]:
    """Scrapy headers as a cassette stores them: name -> values, as text."""
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


def decode_content(body: bytes, encodings: Sequence[str]) -> bytes:
    """``body`` with its Content-Encoding undone (``encodings`` in the order they were applied,
    as the header lists them: gzip, x-gzip, deflate, br, identity).

    Raises ValueError for an encoding it cannot undo or a body that is not what its header says.
    """
    for coding in reversed([e.strip().lower() for part in encodings for e in part.split(",")]):
        try:
            if coding in ("gzip", "x-gzip"):
                body = gzip.decompress(body)
            elif coding == "deflate":
                try:
                    body = zlib.decompress(body)
                except zlib.error:
                    body = zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some send
            elif coding == "br":
                try:
                    import brotli  # type: ignore[import-not-found,unused-ignore]
                except ImportError:
                    raise ValueError("a brotli body, and the brotli package is missing") from None
                body = brotli.decompress(body)
            elif coding not in ("", "identity"):
                raise ValueError(f"unsupported Content-Encoding {coding!r}")
        except (OSError, EOFError, zlib.error) as exc:
            raise ValueError(f"the body is not valid {coding} ({exc})") from None
    return body


# --- Interactions and cassettes ------------------------------------------------------------------


def _canonical(url: str) -> str:
    try:
        return canonicalize_url(url)
    except ValueError:  # a URL w3lib cannot parse (a bad port, say) only matches exactly
        return url


@dataclass(frozen=True)
class Interaction:
    """One recorded exchange, read from its cassette JSON (``data``, kept as stored)."""

    data: dict[str, Any]

    @property
    def method(self) -> str:
        return str(self.data["request"]["method"]).upper()

    @property
    def uri(self) -> str:
        """The URL that was asked for."""
        return str(self.data["request"]["uri"])

    @property
    def url(self) -> str:
        """The URL that answered (the same as ``uri`` unless the recorder followed a redirect)."""
        return str(self.data["response"].get("url") or self.uri)

    @property
    def status(self) -> int:
        return _status_code(self.data["response"])

    @property
    def recorded_at(self) -> str | None:
        """betamax's timestamp as ISO 8601 UTC (it stores naive UTC), or None."""
        stamp = str(self.data.get("recorded_at") or "")
        if not stamp:
            return None
        return stamp if "+" in stamp or stamp.endswith("Z") else stamp + "+00:00"

    @property
    def headers(self) -> Headers:
        headers = Headers()
        for name, values in (self.data["response"].get("headers") or {}).items():
            for value in values if isinstance(values, list) else [values]:
                headers.appendlist(name, _header_bytes(value))
        return headers

    @property
    def content_type(self) -> str:
        return (self.headers.get(b"Content-Type") or b"").decode("latin-1")

    @property
    def body(self) -> bytes:
        """The body as stored: the bytes on the wire, any Content-Encoding still applied."""
        return decode_body(self.data["response"].get("body", ""))

    def content(self) -> bytes:
        """The body with its Content-Encoding undone (ValueError when it cannot be)."""
        encodings = [v.decode("latin-1") for v in self.headers.getlist(b"Content-Encoding")]
        body = self.body
        if encodings and not _encoded_as_declared(body, encodings):
            return body
        return decode_content(body, encodings)

    def response(self, request: Request) -> Response:
        """The Scrapy response that replays this exchange for ``request``, flagged as replayed.

        The body stays encoded (Scrapy's decompression middleware undoes it, as for a live
        reply), except when a recorder stored decoded text under a gzip header."""
        headers = self.headers
        body = self.body
        encodings = [v.decode("latin-1") for v in headers.getlist(b"Content-Encoding")]
        if encodings and not _encoded_as_declared(body, encodings):
            # Some recorders store the decoded text under the original header; decompressing
            # that would fail, so the header goes and the text is served as is.
            logger.debug("Cassette body for %s is not gzip despite its header", request.url)
            del headers[b"Content-Encoding"]
        # The request's URL, not the recorded one: redirects and urljoin must see what was asked.
        respcls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return respcls(
            url=request.url,
            status=self.status,
            headers=headers,
            body=body,
            flags=[FLAG_REPLAYED],
            request=request,
        )


def _encoded_as_declared(body: bytes, encodings: Sequence[str]) -> bool:
    """False for the one shape known to lie: a gzip header over a body that is not gzip."""
    declared = [e.strip().lower() for e in encodings]
    return not (declared in (["gzip"], ["x-gzip"]) and body and not body.startswith(_GZIP_MAGIC))


class Cassette:
    """The interactions of a cassette, looked up by (method, URL).

    ``lookup`` tries the exact URL first, then the canonical form (w3lib: sorted query,
    no fragment). Several interactions of one request are served in the order they were
    recorded; once they are used up the last one keeps answering (a crawl may ask twice for what
    was fetched once).
    """

    def __init__(
        self,
        interactions: Sequence[dict[str, Any]] = (),
        path: Path | None = None,
        *,
        checked: bool = False,
    ):
        self.path = path
        self.interactions: list[dict[str, Any]] = []
        self._exact: dict[tuple[str, str], list[Interaction]] = {}
        self._canonical: dict[tuple[str, str], list[Interaction]] = {}
        self._served: dict[tuple[str, tuple[str, str]], int] = {}
        for data in interactions:
            self.add(data, checked=checked)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Cassette:
        """The cassette at ``path`` (CassetteError with a one-line reason when unusable)."""
        # load_cassette has checked every interaction: checking each again (decoding every
        # body) doubled the cost of loading.
        return cls(load_cassette(path), Path(path), checked=True)

    def replayer(self) -> Cassette:
        """A cassette with the same interactions and lookup tables, served from the start.

        For several crawls in one process (crawlall) replaying one cassette: each needs its own
        count of what it was served, none needs its own copy of the file (loading a cassette of
        every fixture page once per spider made crawlall's time grow with the square of the
        spider count). Interactions added to either are seen by both."""
        twin = Cassette(path=self.path)
        twin.interactions = self.interactions
        twin._exact = self._exact
        twin._canonical = self._canonical
        return twin

    def add(self, data: dict[str, Any], *, checked: bool = False) -> Interaction:
        """Append one interaction (as :func:`make_interaction` returns it); ``checked``: the
        caller has already checked it is usable (load_cassette does)."""
        problem = "" if checked else _interaction_problem(data)
        if problem:
            raise CassetteError(f"interaction {problem}")
        interaction = Interaction(data)
        self.interactions.append(data)
        key = (interaction.method, interaction.uri)
        self._exact.setdefault(key, []).append(interaction)
        self._canonical.setdefault((key[0], _canonical(key[1])), []).append(interaction)
        return interaction

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Write the cassette (to ``path``, or where it was loaded from) atomically."""
        target = path if path is not None else self.path
        if target is None:
            raise ValueError("the cassette has no path: give one")
        write_cassette(target, self.interactions)

    def _found(self, method: str, url: str) -> tuple[str, tuple[str, str], list[Interaction]]:
        method = method.upper()
        exact = self._exact.get((method, url))
        if exact:
            return "exact", (method, url), exact
        key = (method, _canonical(url))
        return "canonical", key, self._canonical.get(key) or []

    def has(self, method: str, url: str) -> bool:
        """Whether the cassette can answer ``method url`` (nothing is counted as served)."""
        return bool(self._found(method, url)[2])

    def lookup(self, method: str, url: str) -> Interaction | None:
        """The next recorded answer to ``method url``, or None when the cassette has none."""
        kind, key, found = self._found(method, url)
        if not found:
            return None
        served = self._served.get((kind, key), 0)
        self._served[(kind, key)] = served + 1
        return found[min(served, len(found) - 1)]

    def __iter__(self) -> Iterator[Interaction]:
        return (Interaction(data) for data in self.interactions)

    def __len__(self) -> int:
        return len(self.interactions)
