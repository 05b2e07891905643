"""Checks before a crawl starts, and the verdict on it when it ends.

``scrapy crawl`` and ``scrapy crawlall`` (tracker.commands) call :func:`preflight` before any
crawler exists: a setting of the wrong type, an output folder that is a file or read-only, a
state store that is damaged, not ours or unreachable, a Redis queue nobody answers, stop the
command with one line naming the setting, path or URL, and exit code 1, before anything is
fetched. (Bad ``-a`` arguments are usage errors, exit 2: NewsSpider.check_command_line.)

When the crawl has run, :func:`crawl_failure` says whether it could not do its job: a component
that finds the crawl failed (a missing replay cassette, a full disk) calls :func:`mark_failed`,
and the command exits 1. A crawl stopped on purpose (Ctrl-C, Scrapyd's cancel) has not failed.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

# Stats key holding why the crawl failed (a sentence); set by mark_failed.
FAILED_STAT = "tracker/failed"
# Finish reasons of crawls that stopped because they could not work (tracker.cassettes; an
# archive crawl that could list or read none of its WARC files, tracker.archive.source).
FAILED_FINISH_REASONS = frozenset(
    {"replay_cassette_error", "record_cassette_error", "archive_error"}
)


class ConfigError(Exception):
    """A configuration the crawl cannot run with; the message is one line naming the setting,
    path or URL at fault and what to do."""


# --- settings ------------------------------------------------------------------------------------


def _whole(minimum: int) -> Callable[[BaseSettings, str], None]:
    def check(settings: BaseSettings, name: str) -> None:
        try:
            value = settings.getint(name)
        except (TypeError, ValueError):
            raise ConfigError(f"{name}={settings.get(name)!r}: expected a whole number") from None
        if value < minimum:
            raise ConfigError(f"{name}={value}: must be {minimum} or more")

    return check


def _seconds(settings: BaseSettings, name: str) -> None:
    try:
        value = settings.getfloat(name)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}={settings.get(name)!r}: expected a number of seconds") from None
    if value < 0:
        raise ConfigError(f"{name}={value}: must be 0 or more")


def _flag(settings: BaseSettings, name: str) -> None:
    try:
        settings.getbool(name)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}={settings.get(name)!r}: expected true or false") from None


def _text_list(settings: BaseSettings, name: str) -> None:
    try:
        values = settings.getlist(name)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}={settings.get(name)!r}: expected a list") from None
    if not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{name}={settings.get(name)!r}: expected a list of strings")


def _category_rules(settings: BaseSettings, name: str) -> None:
    try:
        rules = settings.getdict(name)
    except (TypeError, ValueError, json.JSONDecodeError):
        raise ConfigError(
            f"{name}={settings.get(name)!r}: expected a JSON object such as"
            ' {"Science": ["space", "physics"]}'
        ) from None
    for category, words in rules.items():
        if not isinstance(words, str | list) or (
            isinstance(words, list) and not all(isinstance(w, str) for w in words)
        ):
            raise ConfigError(f"{name}: the keywords of {category!r} must be a list of strings")


def _http_url(settings: BaseSettings, name: str) -> None:
    value = str(settings.get(name) or "")
    if value and not value.startswith(("http://", "https://")):
        raise ConfigError(f"{name}={value!r}: expected an http(s) URL")


# Setting -> its check. A setting added to tracker/settings.py with a type to respect belongs
# here too.
SETTING_CHECKS: dict[str, Callable[[BaseSettings, str], None]] = {
    "TRACKER_FEED_MAX_ENTRIES": _whole(0),
    "TRACKER_SITEMAP_MAX_URLS": _whole(0),
    "TRACKER_SITEMAP_MAX_DEPTH": _whole(0),
    "TRACKER_MIN_WORDS": _whole(0),
    "TRACKER_BROWSER_SETTLE_MS": _whole(0),
    "TRACKER_RETRY_BACKOFF": _seconds,
    "TRACKER_RETRY_BACKOFF_MAX": _seconds,
    "TRACKER_RETRY_AFTER_MAX": _seconds,
    "TRACKER_QUEUE_IDLE_GRACE": _seconds,
    "TRACKER_RENDER_JS_FALLBACK": _flag,
    "TRACKER_BROWSER_ARGS": _text_list,
    "TRACKER_BROWSER_BLOCK": _text_list,
    "TRACKER_CATEGORY_RULES": _category_rules,
    "TRACKER_CONTACT_URL": _http_url,
    "TRACKER_PROGRESS_INTERVAL": _seconds,
    "TRACKER_HEALTH_ENABLED": _flag,
    "TRACKER_HEALTH_REPORT": _flag,
    "TRACKER_HEALTH_KEEP_RUNS": _whole(1),
    "TRACKER_HEALTH_ACTIONS": _text_list,
    "TRACKER_HEALTH_FINISHED_ACTIONS": _text_list,
    "CONCURRENT_REQUESTS": _whole(1),
    "CONCURRENT_REQUESTS_PER_DOMAIN": _whole(1),
    "RETRY_TIMES": _whole(0),
    "REDIRECT_MAX_TIMES": _whole(0),
    "DOWNLOAD_MAXSIZE": _whole(0),
    "DOWNLOAD_WARNSIZE": _whole(0),
    "URLLENGTH_LIMIT": _whole(0),
    "DOWNLOAD_TIMEOUT": _seconds,
    "DOWNLOAD_DELAY": _seconds,
    "AUTOTHROTTLE_START_DELAY": _seconds,
    "AUTOTHROTTLE_MAX_DELAY": _seconds,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": _seconds,
    "ROBOTSTXT_OBEY": _flag,
    "AUTOTHROTTLE_ENABLED": _flag,
    "RETRY_ENABLED": _flag,
}


def check_settings(settings: BaseSettings) -> None:
    """Every setting of SETTING_CHECKS that is set has a usable value."""
    for name, check in SETTING_CHECKS.items():
        if settings.get(name) is not None:
            check(settings, name)


# --- resources -----------------------------------------------------------------------------------


def check_output_dir(settings: BaseSettings) -> Path:
    """``TRACKER_OUTPUT_DIR`` is a folder (created if missing) that files can be written in."""
    root = Path(settings.get("TRACKER_OUTPUT_DIR") or "output")
    where = f"TRACKER_OUTPUT_DIR={root}"
    if root.exists() and not root.is_dir():
        raise ConfigError(f"{where}: that is a file, not a folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{where}: the folder cannot be created ({exc.strerror})") from None
    try:
        fd, probe = tempfile.mkstemp(dir=root, prefix=".tracker-write-check.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ConfigError(f"{where}: nothing can be written there ({exc.strerror})") from None
    return root


def check_state_store(settings: BaseSettings) -> None:
    """The state store opens: SQLite readable, undamaged and ours; Redis answering."""
    from tracker.state import open_store, store_target
    from tracker.state.errors import StateStoreError

    try:
        store = open_store(store_target(settings))
    except (StateStoreError, ValueError) as exc:
        raise ConfigError(str(exc)) from None
    store.close()


def check_queue(settings: BaseSettings) -> None:
    """The shared request queue's Redis (``TRACKER_QUEUE``) answers."""
    from tracker.distributed import queue_url

    try:
        url = queue_url(settings)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=10)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise ConfigError(
            f"TRACKER_QUEUE={url}: cannot reach Redis ({exc}); start redis-server or fix the URL"
        ) from None
    finally:
        client.close()


def preflight(settings: BaseSettings) -> None:
    """Everything a crawl needs before it starts; raises ConfigError (one line) at the first
    problem."""
    check_settings(settings)
    check_output_dir(settings)
    check_state_store(settings)
    check_queue(settings)


# --- the verdict ---------------------------------------------------------------------------------


def mark_failed(crawler: Crawler, why: str) -> None:
    """Record that the crawl could not do its job (the command then exits 1)."""
    if crawler.stats is not None and not crawler.stats.get_value(FAILED_STAT):
        crawler.stats.set_value(FAILED_STAT, why)


def crawl_failure(crawler: Crawler) -> str | None:
    """Why the finished crawl failed, or None when it did its job."""
    stats: Any = crawler.stats
    if stats is None:
        return None
    failed = stats.get_value(FAILED_STAT)
    if failed:
        return str(failed)
    reason = stats.get_value("finish_reason")
    if reason in FAILED_FINISH_REASONS:
        return str(reason)
    return None
