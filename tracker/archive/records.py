"""WARC/1.1 records as bytes: the HTTP blocks, the record headers, the digests.

Records are serialised here rather than through warcio's or fastwarc's writers: warcio rewrites
header values that are not ASCII (percent-encoding them) and compresses at level 9, and fastwarc's
writer adds no ``WARC-Payload-Digest``. Both libraries read what is written here, and the tests
check every record with each (tests/test_archive_warc.py).

A record is ``WARC/1.1`` + named fields + a blank line + the block + ``\\r\\n\\r\\n``
(the WARC 1.1 specification, section 4); a gzipped WARC file is one gzip member per record, so
any record can be read on its own from its offset.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from http import HTTPStatus
from urllib.parse import urlsplit

WARC_VERSION = b"WARC/1.1"
# Content-Type of the record blocks (WARC 1.1, section 5.3 and Annex: application/http).
HTTP_RESPONSE_TYPE = "application/http;msgtype=response"
HTTP_REQUEST_TYPE = "application/http;msgtype=request"
WARC_FIELDS_TYPE = "application/warc-fields"
# Headers that describe how the bytes travelled, not the stored body. When the stored body is
# not what they describe (de-chunked by the HTTP client, decoded by a browser), they are kept
# under Common Crawl's names so that readers neither de-chunk nor decode twice.
RENAMED_PREFIX = "X-Crawler-"
GZIP_LEVEL = 6

Headers = Iterable[tuple[bytes, bytes]]


def sha1_digest(data: bytes) -> str:
    """``sha1:<base32>``, the digest form WARC tools write and check."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def warc_date(when: datetime | None = None) -> str:
    """WARC 1.1 date: UTC with microseconds (``2026-01-31T12:00:00.123456Z``)."""
    moment = (when or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _header_lines(headers: Headers) -> bytes:
    lines = []
    for name, value in headers:
        # A header value never holds a line break on the wire; one that does would end the block.
        clean = value.replace(b"\r", b" ").replace(b"\n", b" ")
        lines.append(name + b": " + clean + b"\r\n")
    return b"".join(lines)


def response_block(status: int, headers: Headers, body: bytes, protocol: str | None) -> bytes:
    """The HTTP response message as stored in a response record's block."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    version = _http_version(protocol)
    status_line = f"{version} {status} {phrase}".rstrip().encode("ascii") + b"\r\n"
    return status_line + _header_lines(headers) + b"\r\n" + body


def request_block(
    method: str, url: str, headers: Headers, body: bytes, protocol: str | None
) -> bytes:
    """The HTTP request message, with the request line and Host the client sent."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    header_list = list(headers)
    if not any(name.lower() == b"host" for name, _ in header_list):
        header_list.insert(0, (b"Host", parts.netloc.encode("idna") if parts.netloc else b""))
    request_line = f"{method.upper()} {target} {_http_version(protocol)}\r\n".encode(
        "ascii", "replace"
    )
    return request_line + _header_lines(header_list) + b"\r\n" + body


def _http_version(protocol: str | None) -> str:
    text = (protocol or "").strip().upper()
    if text in ("H2", "HTTP/2", "HTTP/2.0"):
        return "HTTP/2"
    if text.startswith("HTTP/"):
        return text
    return "HTTP/1.1"


def http_payload(block: bytes) -> bytes:
    """The entity body of an HTTP message block (what ``WARC-Payload-Digest`` covers)."""
    end = block.find(b"\r\n\r\n")
    return block[end + 4 :] if end >= 0 else b""


def warc_record(
    record_type: str,
    fields: list[tuple[str, str]],
    block: bytes,
    *,
    content_type: str,
    payload: bytes | None = None,
) -> bytes:
    """One uncompressed record. ``fields`` are the named fields after WARC-Type (WARC-Record-ID,
    WARC-Date, WARC-Target-URI, ...); the digests, Content-Type and Content-Length are added."""
    named = [("WARC-Type", record_type), *fields, ("Content-Type", content_type)]
    if payload is not None:
        named.append(("WARC-Payload-Digest", sha1_digest(payload)))
    named.append(("WARC-Block-Digest", sha1_digest(block)))
    named.append(("Content-Length", str(len(block))))
    head = WARC_VERSION + b"\r\n"
    head += b"".join(f"{name}: {' '.join(value.split())}\r\n".encode() for name, value in named)
    return head + b"\r\n" + block + b"\r\n\r\n"


def gzip_member(record: bytes) -> bytes:
    """``record`` as one gzip member (a WARC.gz file is a concatenation of them)."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return compressor.compress(record) + compressor.flush()


def warc_fields(values: Iterable[tuple[str, str]]) -> bytes:
    """An ``application/warc-fields`` block (the warcinfo record's body)."""
    return b"".join(
        f"{name}: {' '.join(str(value).split())}\r\n".encode() for name, value in values
    )


def renamed_wire_headers(headers: Headers, names: frozenset[bytes]) -> list[tuple[bytes, bytes]]:
    """``headers`` with those in ``names`` (lower case) kept under ``X-Crawler-<Name>``."""
    out = []
    for name, value in headers:
        if name.lower() in names:
            out.append((RENAMED_PREFIX.encode() + name, value))
        else:
            out.append((name, value))
    return out
