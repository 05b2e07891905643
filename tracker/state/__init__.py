"""The store of seen article URLs and content hashes that makes crawls incremental.

``TRACKER_STATE`` selects it: a filesystem path opens SQLite (the zero-setup default, under the
output folder), a ``redis://host:port/db`` URL opens the shared Redis store for several crawler
processes. One store is opened per crawler and shared by the components that need it
(``store_for(crawler)``): the seen-URL filter in the downloader and the dedupe and export pipelines.

Contract (both back ends):
- ``has_url(url)`` is true once an article fetched from or canonicalised to ``url`` was written.
- ``has_hash(content_hash)`` is true once an article with that normalised-text hash was written.
- ``claim(content_hash, url)`` reserves a hash for this process before its file is written and
  returns False when another writer holds or has finished it (atomic across processes).
- ``mark_written(content_hash, urls, path)`` records a written article; only after this do
  ``has_url``/``has_hash`` answer true, so a crash before it leaves nothing marked.
- ``release(content_hash)`` drops a claim whose write failed.
- the story index (``story_lock``, ``story_candidates``, ``add_story_entry``, ...:
  tracker.state.stories) and the revisit records (``save_revisit``, ``due_revisits``, ...:
  tracker.state.revisits), for stories across outlets and revisions of an article.
- ``record_run``, ``recent_runs``, ``spiders_with_runs``: the health history of spider runs
  (tracker.health.history).

URLs are stored and looked up in their canonical form
(``tracker.processing.normalise.url_key``), so a feed link with tracking parameters finds the
article written under its clean URL.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

from tracker.state.errors import StateStoreError
from tracker.state.revisits import RevisitRecord
from tracker.state.sqlite import SQLiteStateStore
from tracker.state.stories import StoryEntry

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

__all__ = [
    "RevisitRecord",
    "SQLiteStateStore",
    "StateStore",
    "StateStoreError",
    "StoryEntry",
    "close_store",
    "open_store",
    "store_for",
    "store_target",
]


class StateStore(Protocol):
    def has_url(self, url: str) -> bool: ...

    def has_hash(self, content_hash: str) -> bool: ...

    def claim(self, content_hash: str, url: str) -> bool: ...

    def release(self, content_hash: str) -> None: ...

    def mark_written(self, content_hash: str, urls: Iterable[str], path: str) -> None: ...

    def close(self) -> None: ...

    # The story index (tracker.state.stories).
    def story_lock(self) -> AbstractContextManager[None]: ...

    def story_candidates(self, bands: Sequence[int], since: float) -> list[StoryEntry]: ...

    def add_story_entry(self, entry: StoryEntry, bands: Sequence[int]) -> None: ...

    def remove_story_entry(self, article_id: str) -> None: ...

    def story_entry(self, article_id: str) -> StoryEntry | None: ...

    def story_members(self, story_id: str) -> list[StoryEntry]: ...

    def stories_of_day(self, day: str) -> list[str]: ...

    def prune_stories(self, before: float) -> int: ...

    # Revisit records (tracker.state.revisits).
    def save_revisit(self, record: RevisitRecord) -> None: ...

    def revisit_record(self, url: str) -> RevisitRecord | None: ...

    def due_revisits(
        self,
        spider: str,
        published_since: float,
        requested_before: float,
        now: float,
        limit: int = ...,
    ) -> list[RevisitRecord]: ...

    def touch_revisit(
        self, url: str, now: float, etag: str = ..., last_modified: str = ...
    ) -> None: ...

    def prune_revisits(self, published_before: float) -> int: ...

    # The health history (tracker.health.history): one record per spider run.
    def record_run(self, run: dict[str, Any], keep: int = ...) -> None: ...

    def recent_runs(self, spider: str, limit: int = ...) -> list[dict[str, Any]]: ...

    def spiders_with_runs(self) -> list[str]: ...


# Back ends other than SQLite, by URL scheme: a class path with ``from_url(url)``. The Redis store
# (shared by several crawler processes) plugs in here.
STORE_BACKENDS: dict[str, str] = {
    "redis": "tracker.state.redis.RedisStateStore",
    "rediss": "tracker.state.redis.RedisStateStore",
    "unix": "tracker.state.redis.RedisStateStore",
}


def open_store(url_or_path: str) -> StateStore:
    """Open the store ``TRACKER_STATE`` names: a ``scheme://`` URL of a registered back end, a
    ``sqlite:///path`` URL or a plain path to a SQLite file."""
    scheme, sep, rest = url_or_path.partition("://")
    if sep and scheme.lower() == "sqlite":
        return SQLiteStateStore(rest.removeprefix("/") if rest.startswith("//") else rest)
    if sep and len(scheme) > 1:
        backend = STORE_BACKENDS.get(scheme.lower())
        if backend is None:
            raise ValueError(
                f"TRACKER_STATE={url_or_path!r}: unknown store scheme {scheme!r}; use a file path"
                f" for SQLite or one of {sorted(STORE_BACKENDS)}"
            )
        from scrapy.utils.misc import load_object

        try:
            store_cls = load_object(backend)
        except (ImportError, NameError) as exc:
            raise ValueError(
                f"TRACKER_STATE={url_or_path!r}: the {scheme} store is not available ({exc})"
            ) from exc
        store: StateStore = store_cls.from_url(url_or_path)
        return store
    return SQLiteStateStore(url_or_path)


_CRAWLER_ATTR = "_tracker_state_store"


def store_target(settings: BaseSettings) -> str:
    """The path or URL of the store the settings name: ``TRACKER_STATE``, by default
    ``<TRACKER_OUTPUT_DIR>/state.sqlite3``."""
    return str(
        settings.get("TRACKER_STATE")
        or os.path.join(settings.get("TRACKER_OUTPUT_DIR") or "output", "state.sqlite3")
    )


def store_for(crawler: Crawler) -> StateStore:
    """The one store of this crawler, opened on first use and closed when the engine stops."""
    store: StateStore | None = getattr(crawler, _CRAWLER_ATTR, None)
    if store is not None:
        return store
    store = open_store(store_target(crawler.settings))
    setattr(crawler, _CRAWLER_ATTR, store)

    from scrapy import signals

    def _close() -> None:
        close_store(crawler)

    # weak=False: the closure has no other reference and would be collected at once.
    crawler.signals.connect(_close, signal=signals.engine_stopped, weak=False)
    return store


def close_store(crawler: Crawler) -> None:
    """Close the crawler's store if one is open (idempotent)."""
    store: StateStore | None = getattr(crawler, _CRAWLER_ATTR, None)
    if store is not None:
        store.close()
        setattr(crawler, _CRAWLER_ATTR, None)
