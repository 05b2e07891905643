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
    coding, which some tools store, is removed); header values are the stored bytes. Records over
    ``max_size`` bytes (0: no limit) and records whose HTTP message cannot be parsed are reported
    to ``skipped``. A file that is not a WARC file, breaks off inside a record or holds bytes
    that are not records raises ArchiveError, after the records read before the damage.
    """
    if reader == "fastwarc":
        records = _fastwarc_records(stream, source, wanted, max_size, skipped)
    elif reader == "warcio":
        records = _warcio_records(stream, source, wanted, max_size, skipped)
    else:
        raise ValueError(f"TRACKER_WARC_READER={reader!r}: expected one of {', '.join(READERS)}")
    for raw in records:
        parsed = parse_http_response(raw.block)
        if parsed is None:
            if skipped is not None:
                skipped(SkippedRecord(raw.url, "bad_http"))
            continue
        status, headers, body = parsed
        if _is_chunked(headers):
            body = dechunked(body)
        yield ArchivedResponse(
            url=raw.url,
            status=status,
            headers=headers,
            body=body,
            date=raw.date,
            ip_address=raw.ip_address,
            source=source,
            offset=raw.offset,
        )


@dataclass
class _RawRecord:
    url: str
    block: bytes
    date: str | None
    ip_address: str | None
    offset: int


def _truncated(source: str, url: str, offset: int) -> ArchiveError:
    return ArchiveError(
        f"WARC file {source} breaks off inside the record at offset {offset} ({url})"
    )


def _fastwarc_records(
    stream: BinaryIO,
    source: str,
    wanted: Callable[[str], bool],
    max_size: int,
    skipped: Callable[[SkippedRecord], None] | None,
) -> Iterator[_RawRecord]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    try:
        for record in ArchiveIterator(stream, parse_http=False):
            count += 1
            length = record.content_length
            url = _target_uri(record.headers.get("WARC-Target-URI"))
            if record.headers.get("Content-Length") is None:
                # What fastwarc makes of a header cut short: no record at all.
                raise _truncated(source, url or "?", record.stream_pos)
            take = (
                record.record_type == WarcRecordType.response
                and bool(url)
                and wanted(url)
                and not (max_size and length > max_size)
            )
            if not take:
                is_wanted = record.record_type == WarcRecordType.response and url and wanted(url)
                if is_wanted and skipped is not None:
                    skipped(SkippedRecord(url, "too_large"))
                # fastwarc would skip the rest silently, even when the file ends inside it.
                if record.reader.consume() < length:
                    raise _truncated(source, url, record.stream_pos)
                continue
            block = record.reader.read()
            if len(block) < length:
                raise _truncated(source, url, record.stream_pos)
            yield _RawRecord(
                url,
                block,
                record.headers.get("WARC-Date"),
                record.headers.get("WARC-IP-Address"),
                record.stream_pos,
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


def _warcio_records(
    stream: BinaryIO,
    source: str,
    wanted: Callable[[str], bool],
    max_size: int,
    skipped: Callable[[SkippedRecord], None] | None,
) -> Iterator[_RawRecord]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    iterator = ArchiveIterator(stream, no_record_parse=True)
    try:
        for record in iterator:
            count += 1
            headers = record.rec_headers
            url = _target_uri(headers.get_header("WARC-Target-URI"))
            if headers.get_header("Content-Length") is None:
                # What warcio makes of a header cut short: no record at all.
                raise _truncated(source, url or "?", iterator.get_record_offset())
            length = int(headers.get_header("Content-Length") or 0)
            if record.rec_type != "response" or not url or not wanted(url):
                continue
            if max_size and length > max_size:
                if skipped is not None:
                    skipped(SkippedRecord(url, "too_large"))
                continue
            block = record.raw_stream.read()
            if len(block) < length:
                raise _truncated(source, url, iterator.get_record_offset())
            yield _RawRecord(
                url,
                block,
                headers.get_header("WARC-Date"),
                headers.get_header("WARC-IP-Address"),
                iterator.get_record_offset(),
            )
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        raise ArchiveError(
            f"WARC file {source} could not be read past record {count}: {exc}"
        ) from exc
    if count == 0:
        raise ArchiveError(f"{source} holds no WARC record (empty, or not a WARC file)")


def parse_http_response(block: bytes) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
    """(status, headers, body) of an HTTP response message; None when it is not one."""
    end, gap = block.find(b"\r\n\r\n"), 4
    if end < 0:
        end, gap = block.find(b"\n\n"), 2
    if end < 0:
        end, gap = len(block), 0
    head = block[:end].split(b"\n")
    status_line = head[0].strip().split(None, 2)
    if len(status_line) < 2 or not status_line[0].upper().startswith(b"HTTP/"):
        return None
    try:
        status = int(status_line[1])
    except ValueError:
        return None
    headers: list[tuple[bytes, bytes]] = []
    for line in head[1:]:
        line = line.rstrip(b"\r")
        if not line:
            continue
        if line[:1] in (b" ", b"\t") and headers:  # an obsolete folded continuation line
            name, value = headers[-1]
            headers[-1] = (name, value + b" " + line.strip())
            continue
        name, sep, value = line.partition(b":")
        if sep and name.strip():
            headers.append((name.strip(), value.strip()))
    return status, headers, block[end + gap :]


def _target_uri(value: str | None) -> str:
    # WARC/1.0 files written before the erratum put the URI in angle brackets.
    return (value or "").strip().removeprefix("<").removesuffix(">")


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
