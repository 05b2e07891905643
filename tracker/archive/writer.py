"""Gzipped WARC files that a killed crawl leaves readable.

``WarcWriter`` appends records, one gzip member each, to ``<dir>/<prefix>-<timestamp>-<serial>-
<host>-<pid>.warc.gz.open`` and renames the file without ``.open`` when it is full
(``max_size`` bytes) or the crawl ends. Every file starts with a warcinfo record.

Crash safety: a record is written with one ``write`` of its complete gzip member and flushed to
the operating system at once, so a killed process loses at most the record being written, and
a file is fsynced before it is renamed. A file still named ``.open`` whose writer is gone (same
host, dead pid) is repaired by the next writer on that folder (:func:`recover_open_files`): it
is cut after its last complete record and renamed, so its name is the one items recorded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tracker.archive.records import (
    WARC_FIELDS_TYPE,
    gzip_member,
    record_id,
    warc_date,
    warc_fields,
    warc_record,
)
from tracker.export.markdown import pid_alive

logger = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
DEFAULT_MAX_SIZE = 1_000_000_000  # 1 GB, the size Heritrix and Common Crawl use
_CHUNK = 1 << 20
_NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<host>[^-]+)-(?P<pid>\d+)\.warc\.gz\.open$")


@dataclass(frozen=True)
class RecordLocation:
    """Where a record starts: the WARC file's name (in the WARC folder) and its byte offset."""

    file: str
    offset: int


def _safe_host() -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "_", socket.gethostname()) or "host"


class WarcWriter:
    """Appends records to rotating gzipped WARC/1.1 files in ``folder`` (module docstring)."""

    def __init__(
        self,
        folder: str | os.PathLike[str],
        prefix: str,
        info: list[tuple[str, str]],
        max_size: int = DEFAULT_MAX_SIZE,
    ) -> None:
        self.folder = Path(folder)
        self.prefix = re.sub(r"[^A-Za-z0-9_.]+", "_", prefix) or "tracker"
        self.info = info
        self.max_size = max_size
        self.host = _safe_host()
        self.serial = 0
        self.files_written: list[str] = []
        self._fd: int | None = None
        self._name = ""
        self._size = 0
        self._info_size = 0
        self._info_id = ""

    # --- files ----------------------------------------------------------------------------------

    @property
    def current_file(self) -> str:
        return self._name

    def _open_next(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")[:17]
        while True:
            name = f"{self.prefix}-{stamp}-{self.serial:05d}-{self.host}-{os.getpid()}.warc.gz"
            self.serial += 1
            try:
                fd = os.open(
                    self.folder / (name + OPEN_SUFFIX), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644
                )
            except FileExistsError:
                continue
            break
        self._fd, self._name, self._size = fd, name, 0
        self._info_id = record_id()
        block = warc_fields([*self.info, ("format", "WARC File Format 1.1")])
        record = warc_record(
            "warcinfo",
            [
                ("WARC-Record-ID", self._info_id),
                ("WARC-Date", warc_date()),
                ("WARC-Filename", name),
            ],
            block,
            content_type=WARC_FIELDS_TYPE,
        )
        self._append(gzip_member(record))
        self._info_size = self._size
        logger.info("Writing WARC records into %s", self.folder / name)

    def _append(self, data: bytes) -> int:
        assert self._fd is not None
        offset = self._size
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        self._size += len(data)
        return offset

    def close(self) -> None:
        """Finish the current file: fsync it and drop the ``.open`` suffix."""
        if self._fd is None:
            return
        fd, name = self._fd, self._name
        self._fd = None
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(self.folder / (name + OPEN_SUFFIX), self.folder / name)
        self.files_written.append(name)
        logger.info("Closed WARC file %s (%d bytes)", self.folder / name, self._size)

    # --- records --------------------------------------------------------------------------------

    def write(self, records: list[bytes]) -> list[RecordLocation]:
        """Append uncompressed ``records`` (kept together in one file); their locations."""
        members = [gzip_member(record) for record in records]
        total = sum(len(m) for m in members)
        if self._fd is None:
            self._open_next()
        elif self._size > self._info_size and self._size + total > self.max_size:
            self.close()
            self._open_next()
        locations = []
        offset = self._size
        for member in members:
            locations.append(RecordLocation(self._name, offset))
            offset += len(member)
        # One write: a kill leaves either the whole group or a cut tail that recovery removes.
        self._append(b"".join(members))
        return locations

    @property
    def warcinfo_id(self) -> str:
        if self._fd is None:
            self._open_next()
        return self._info_id


# --- recovery ---------------------------------------------------------------------------------


def complete_length(path: Path) -> int:
    """The length of the leading run of complete records (gzip members) in ``path``."""
    good = 0
    with path.open("rb") as handle:
        buffer = b""  # unread bytes, starting at file offset ``good``
        while True:
            if not buffer:
                buffer = handle.read(_CHUNK)
                if not buffer:
                    return good
            inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            record = bytearray()
            used = 0
            data = buffer
            while True:
                try:
                    record += inflater.decompress(data)
                except zlib.error:
                    return good
                if inflater.eof:
                    used += len(data) - len(inflater.unused_data)
                    buffer = inflater.unused_data
                    break
                used += len(data)
                data = handle.read(_CHUNK)
                if not data:
                    return good  # the file ends inside this member
            if not _record_complete(bytes(record)):
                return good
            good += used


def _record_complete(record: bytes) -> bool:
    head_end = record.find(b"\r\n\r\n")
    if not record.startswith(b"WARC/") or head_end < 0:
        return False
    match = re.search(rb"\r\nContent-Length:\s*(\d+)", record[: head_end + 2], re.I)
    if match is None:
        return False
    return len(record) == head_end + 4 + int(match.group(1)) + 4


def recover_open_files(folder: str | os.PathLike[str]) -> list[str]:
    """Repair the ``.open`` files in ``folder`` left by dead writers on this host; their names."""
    repaired = []
    host = _safe_host()
    with contextlib.suppress(FileNotFoundError):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            match = _NAME_RE.match(entry.name)
            if not match or match.group("host") != host or pid_alive(int(match.group("pid"))):
                continue
            path = Path(entry.path)
            good = complete_length(path)
            size = path.stat().st_size
            if good < size:
                with path.open("r+b") as handle:
                    handle.truncate(good)
                    os.fsync(handle.fileno())
                logger.warning(
                    "WARC file %s was left open by a killed crawl: cut %d bytes of an incomplete"
                    " record after offset %d",
                    path,
                    size - good,
                    good,
                )
            final = path.with_name(entry.name.removesuffix(OPEN_SUFFIX))
            os.replace(path, final)
            repaired.append(final.name)
    return repaired
