"""A spider run's health record, built from the crawl's stats when the spider closes.

The record is a plain JSON-able dict, stored as is in the state store (tracker.health.history):

- ``spider``, ``started_at``, ``finished_at`` (ISO 8601 UTC), ``duration_s``, ``finish_reason``;
- ``kind``: ``full``, or ``partial`` for a run limited by ``-a urls`` or ``-a limit`` (not used
  as a baseline for the item count);
- ``counts``: ``articles`` (found this run: ``written`` + ``seen`` (written in an earlier run,
  not fetched again) + ``duplicates``), ``written``, ``seen``, ``duplicates``, ``rejected``,
  ``pages`` (responses received), ``errors`` (this spider's ERROR log lines);
- ``pages_per_minute``;
- ``present``: per field, how many written articles have a value; ``coverage``: the same as a
  share of ``written`` (None when nothing was written);
- ``rejects``: rejects by reason; ``source_failures``: failed or unreadable feeds and sitemaps
  by reason; ``error_samples``: the first ERROR lines;
- after the monitors ran: ``status`` (``ok`` or ``failing``), ``failed`` (ids of the failed
  checks) and ``checks`` (id -> status, message, value, threshold).
"""

from __future__ import annotations

import socket
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

# Stats prefixes (tracker.export.rejects, tracker.spiders.base, tracker.pipelines).
REJECTED = "tracker/rejected/"
PRESENT = "tracker/health/present/"
# Not a reason: the count of rejects that could not be appended to rejects.jsonl.
_NOT_A_REASON = {"unrecorded"}


def has_value(value: Any) -> bool:
    """Whether a field holds something (None, blank strings and empty lists do not count)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict, set)):
        return any(has_value(v) for v in value) if not isinstance(value, dict) else bool(value)
    return True


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _int(stats: Mapping[str, Any], key: str) -> int:
    value = stats.get(key)
    return int(value) if isinstance(value, (int, float)) else 0


def _by_suffix(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {
        key[len(prefix) :]: int(value)
        for key, value in stats.items()
        if key.startswith(prefix) and "/" not in key[len(prefix) :] and isinstance(value, int)
    }


def source_failures(stats: Mapping[str, Any]) -> dict[str, int]:
    """Feeds and sitemaps that failed to download (by reason) or could not be read."""
    failures = {
        f"failed_{reason}": count
        for reason, count in _by_suffix(stats, "tracker/discovery/failed/").items()
    }
    for key in ("bad_feed", "bad_sitemap"):
        if _int(stats, f"tracker/discovery/{key}"):
            failures[key] = _int(stats, f"tracker/discovery/{key}")
    return failures


def build_run(
    spider: str,
    stats: Mapping[str, Any],
    *,
    fields: Iterable[str],
    kind: str = "full",
    errors: int = 0,
    error_samples: Iterable[str] = (),
    finish_reason: str | None = None,
    finished_at: datetime | None = None,
) -> dict[str, Any]:
    """The health record of a run from its stats (before the monitors judge it)."""
    started = stats.get("start_time")
    finished = stats.get("finish_time") or finished_at or datetime.now(UTC)
    duration = stats.get("elapsed_time_seconds")
    if not isinstance(duration, (int, float)):
        duration = (finished - started).total_seconds() if isinstance(started, datetime) else 0.0
    written = _int(stats, "item_scraped_count")
    seen = _int(stats, "tracker/skipped/seen_url")
    duplicates = _int(stats, "tracker/duplicates")
    rejects = {
        reason: count
        for reason, count in _by_suffix(stats, REJECTED).items()
        if reason not in _NOT_A_REASON and count
    }
    pages = _int(stats, "response_received_count")
    present = {name: _int(stats, PRESENT + name) for name in fields}
    return {
        "spider": spider,
        "host": socket.gethostname(),
        "started_at": iso(started if isinstance(started, datetime) else None),
        "finished_at": iso(finished if isinstance(finished, datetime) else None),
        "duration_s": round(float(duration), 3),
        "finish_reason": finish_reason or stats.get("finish_reason"),
        "kind": kind,
        "counts": {
            "articles": written + seen + duplicates,
            "written": written,
            "seen": seen,
            "duplicates": duplicates,
            "rejected": sum(rejects.values()),
            "pages": pages,
            "errors": errors,
        },
        "pages_per_minute": round(pages / (duration / 60), 1) if duration > 0 else None,
        "present": present,
        "coverage": {
            name: (round(count / written, 4) if written else None)
            for name, count in present.items()
        },
        "rejects": dict(sorted(rejects.items(), key=lambda kv: (-kv[1], kv[0]))),
        "source_failures": source_failures(stats),
        "error_samples": list(error_samples),
    }
