"""Common Crawl's news crawl (CC-NEWS): the WARC files of a month or a day.

Common Crawl publishes, for each month, a gzipped list of the month's WARC file paths at
``<base>crawl-data/CC-NEWS/YYYY/MM/warc.paths.gz``; each path (``crawl-data/CC-NEWS/2024/05/
CC-NEWS-20240501004214-01416.warc.gz``) is fetched from ``<base><path>``. The timestamp in a
file's name is when it was begun, so a day's files are those whose name starts with that day.
``TRACKER_CCNEWS_BASE`` sets ``<base>`` (default ``https://data.commoncrawl.org/``; tests serve
their own).
"""

from __future__ import annotations

import gzip
import re
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import date

from tracker.archive.reader import ArchiveError

DEFAULT_BASE = "https://data.commoncrawl.org/"
FIRST_MONTH = (2016, 8)  # CC-NEWS begins in August 2016
_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
# A path list is a few hundred lines; anything far larger is not one.
_MAX_LIST_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Period:
    """A month (``day`` None) or a day of CC-NEWS."""

    year: int
    month: int
    day: int | None = None

    def __str__(self) -> str:
        text = f"{self.year:04d}-{self.month:02d}"
        return f"{text}-{self.day:02d}" if self.day else text

    @property
    def paths_list(self) -> str:
        return f"crawl-data/CC-NEWS/{self.year:04d}/{self.month:02d}/warc.paths.gz"

    def holds(self, path: str) -> bool:
        """Whether the WARC file at ``path`` belongs to this period."""
        name = path.rsplit("/", 1)[-1]
        prefix = f"CC-NEWS-{self.year:04d}{self.month:02d}"
        if self.day:
            prefix += f"{self.day:02d}"
        return name.startswith(prefix) and name.endswith((".warc.gz", ".warc"))


def parse_period(text: str) -> Period:
    """``YYYY-MM`` or ``YYYY-MM-DD``; ValueError with a one-line message otherwise."""
    match = _PERIOD_RE.match(text.strip())
    if not match:
        raise ValueError(f"-a ccnews: expected YYYY-MM or YYYY-MM-DD, got {text!r}")
    year, month = int(match.group(1)), int(match.group(2))
    day = int(match.group(3)) if match.group(3) else None
    try:
        date(year, month, day or 1)
    except ValueError:
        raise ValueError(f"-a ccnews: {text!r} is not a real date") from None
    if (year, month) < FIRST_MONTH:
        raise ValueError(f"-a ccnews: CC-NEWS begins in 2016-08, got {text!r}")
    return Period(year, month, day)


def warc_urls(period: Period, base: str = DEFAULT_BASE, timeout: float = 60.0) -> list[str]:
    """The URLs of the period's WARC files, in the path list's order (oldest first)."""
    base = base if base.endswith("/") else base + "/"
    list_url = base + period.paths_list
    try:
        with urllib.request.urlopen(list_url, timeout=timeout) as response:
            raw = response.read(_MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise ArchiveError(f"cannot fetch the CC-NEWS path list {list_url}: {exc}") from None
    if len(raw) > _MAX_LIST_BYTES:
        raise ArchiveError(f"{list_url} is larger than a CC-NEWS path list can be")
    try:
        text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        raise ArchiveError(f"{list_url} is not a gzipped list of paths: {exc}") from None
    paths = [line.strip() for line in text.splitlines() if line.strip()]
    return [base + path.lstrip("/") for path in paths if period.holds(path)]
