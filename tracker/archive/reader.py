"""Reading HTTP responses out of WARC files, streaming (no Scrapy here).

:func:`archived_responses` walks one WARC file (gzipped or not) record by record and yields the
HTTP response records a caller wants, as :class:`ArchivedResponse` values: memory holds one
record at a time whatever the file's size. Two readers are supported and give the same values:
fastwarc (Rust; the default, ``TRACKER_WARC_READER``) and warcio (pure Python);
bench/warc.py measures both.

:func:`open_archive` opens a local path or streams an http(s) URL: a remote file is read as it
arrives, never buffered whole (Scrapy's downloader would keep it in memory, and CC-NEWS files
are about 1 GB).
"""

from __future__ import annotations

import logging
import os
import re
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

logger = logging.getLogger(__name__)

READERS = ("fastwarc", "warcio")
# Read from the network in pieces of this size.
_CHUNK = 1 << 16


class ArchiveError(Exception):
    """A WARC file that cannot be opened or read; the message is one line for a person."""


@dataclass
class ArchivedResponse:
    """One HTTP response record: the page as the archive holds it, and where it lives."""

    url: str
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    date: str | None  # WARC-Date
    ip_address: str | None
    source: str  # the file's path or URL
    offset: int  # of the record (its gzip member) in the file


@dataclass
class SkippedRecord:
    """A response record that was not read, and why (a stats key)."""

    url: str
    reason: str


class _CountingStream:
    """A non-seekable stream with ``tell``, which fastwarc needs to report record offsets."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        data: bytes = self.raw.read(size if size is not None and size >= 0 else _CHUNK)
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = 0) -> int:
        raise OSError("a streamed WARC file cannot seek")

    def close(self) -> None:
        self.raw.close()


def open_archive(location: str, timeout: float = 60.0, user_agent: str = "") -> BinaryIO:
    """A binary stream over the WARC file at ``location`` (a path, or an http(s) URL streamed)."""
    if re.match(r"^https?://", location, re.I):
        request = urllib.request.Request(location, headers={"User-Agent": user_agent or "tracker"})
        try:
            response = urllib.request.urlopen(request, timeout=timeout)
        except OSError as exc:
            raise ArchiveError(f"cannot fetch WARC file {location}: {exc}") from None
        stream: BinaryIO = _CountingStream(response)  # type: ignore[assignment]
        return stream
    try:
        return open(os.path.expanduser(location), "rb")
    except OSError as exc:
        raise ArchiveError(f"cannot open WARC file {location}: {exc.strerror or exc}") from None


def archived_responses(
    stream: BinaryIO,
    source: str,
    wanted: Callable[[str], bool] = lambda url: True,
    *,
    reader: str = "fastwarc",
    max_size: int = 0,
    skipped: Callable[[SkippedRecord], None] | None = None,
) -> Iterator[ArchivedResponse]:
    """The HTTP response records of one WARC file whose target URL ``wanted`` accepts.

    Bodies are the payload as stored (a ``Content-Encoding`` still applies; a chunked transfer
    coding, which some tools store, is removed). Records over ``max_size`` bytes (0: no limit)
    and records whose HTTP message cannot be parsed are reported to ``skipped``. A file that is
    not a WARC file, or that breaks off, raises ArchiveError after the records read so far.
    """
    if reader == "fastwarc":
        records = _fastwarc_responses(stream, source, wanted, max_size, skipped)
    elif reader == "warcio":
        records = _warcio_responses(stream, source, wanted, max_size, skipped)
    else:
        raise ValueError(f"TRACKER_WARC_READER={reader!r}: expected one of {', '.join(READERS)}")
    for response in records:
        if _is_chunked(response.headers):
            response.body = dechunked(response.body)
        yield response


def _fastwarc_responses(
    stream: BinaryIO,
    source: str,
    wanted: Callable[[str], bool],
    max_size: int,
    skipped: Callable[[SkippedRecord], None] | None,
) -> Iterator[ArchivedResponse]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    try:
        for record in ArchiveIterator(stream, parse_http=False):
            count += 1
            if record.record_type != WarcRecordType.response:
                continue
            url = _target_uri(record.headers.get("WARC-Target-URI"))
            if not url or not wanted(url):
                continue
            if max_size and record.content_length > max_size:
                if skipped is not None:
                    skipped(SkippedRecord(url, "too_large"))
                continue
            try:
                record.parse_http(strict_mode=False)
            except Exception:  # fastwarc raises its own parse errors
                if skipped is not None:
                    skipped(SkippedRecord(url, "bad_http"))
                continue
            http = record.http_headers
            status = http.status_code
            if status is None:
                if skipped is not None:
                    skipped(SkippedRecord(url, "bad_http"))
                continue
            headers = [(_latin1(k), _latin1(v)) for k, v in http.to_tuples()]
            yield ArchivedResponse(
                url=url,
                status=int(status),
                headers=headers,
                body=record.reader.read(),
                date=record.headers.get("WARC-Date"),
                ip_address=record.headers.get("WARC-IP-Address"),
                source=source,
                offset=record.stream_pos,
            )
    except (OSError, ValueError) as exc:
        raise ArchiveError(
            f"WARC file {source} could not be read past record {count}: {exc}"
        ) from exc
    except BaseException as exc:
        # fastwarc's Rust panics surface as pyo3's PanicException (a BaseException).
        if type(exc).__name__ == "PanicException":
            raise ArchiveError(f"WARC file {source} could not be read: {exc}") from None
        raise
    if count == 0:
        raise ArchiveError(f"{source} holds no WARC record (empty, or not a WARC file)")


def _warcio_responses(
    stream: BinaryIO,
    source: str,
    wanted: Callable[[str], bool],
    max_size: int,
    skipped: Callable[[SkippedRecord], None] | None,
) -> Iterator[ArchivedResponse]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    iterator = ArchiveIterator(stream, no_record_parse=False, ensure_http_headers=False)
    try:
        for record in iterator:
            count += 1
            if record.rec_type != "response":
                continue
            url = _target_uri(record.rec_headers.get_header("WARC-Target-URI"))
            if not url or not wanted(url):
                continue
            length = int(record.rec_headers.get_header("Content-Length") or 0)
            if max_size and length > max_size:
                if skipped is not None:
                    skipped(SkippedRecord(url, "too_large"))
                continue
            http = record.http_headers
            status_text = (http.get_statuscode() if http is not None else "") or ""
            if not status_text.isdigit():
                if skipped is not None:
                    skipped(SkippedRecord(url, "bad_http"))
                continue
            assert http is not None
            headers = [(_latin1(k), _latin1(v)) for k, v in http.headers]
            yield ArchivedResponse(
                url=url,
                status=int(status_text),
                headers=headers,
                body=record.raw_stream.read(),
                date=record.rec_headers.get_header("WARC-Date"),
                ip_address=record.rec_headers.get_header("WARC-IP-Address"),
                source=source,
                offset=iterator.get_record_offset(),
            )
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        raise ArchiveError(
            f"WARC file {source} could not be read past record {count}: {exc}"
        ) from exc
    if count == 0:
        raise ArchiveError(f"{source} holds no WARC record (empty, or not a WARC file)")


def _target_uri(value: str | None) -> str:
    # WARC/1.0 files written before the erratum put the URI in angle brackets.
    return (value or "").strip().removeprefix("<").removesuffix(">")


def _latin1(value: str | bytes) -> bytes:
    if isinstance(value, bytes):
        return value
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def _is_chunked(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(
        name.lower() == b"transfer-encoding" and b"chunked" in value.lower()
        for name, value in headers
    )


def dechunked(body: bytes) -> bytes:
    """``body`` without its chunked transfer coding; unchanged when it is not really chunked
    (some tools keep the header on a body they already de-chunked)."""
    out = bytearray()
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            return body
        size_text = body[position:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return body
        if size == 0:
            return bytes(out)
        start = line_end + 2
        if start + size > len(body):
            return body
        out += body[start : start + size]
        position = start + size + 2
