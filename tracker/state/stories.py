"""The story index: which written article belongs to which story, kept in the state store.

Both stores (``tracker.state.sqlite.SQLiteStateStore``, ``tracker.state.redis.RedisStateStore``)
take these methods from the mixins below, so every crawler process sharing a store shares one
index, across runs:

- ``story_lock()``: a context manager held while a new article is matched and added, so two
  processes that meet copies of one story at the same moment do not both make it an original
  (SQLite: a lock file beside the database; Redis: a Redis lock with a timeout);
- ``story_candidates(bands, since)``: entries written at or after ``since`` that share at least
  one LSH band key with the new article (tracker.processing.stories.band_keys);
- ``add_story_entry(entry, bands)``, ``remove_story_entry(article_id)``;
- ``story_entry(article_id)``, ``story_members(story_id)`` (oldest first);
- ``stories_of_day(day)``: the ids of stories with a member written under that day's folder;
- ``prune_stories(before)``: drops entries and band keys written before ``before``
  (``TRACKER_STORY_DAYS``), returns how many entries went.

SQLite: tables ``story_articles`` and ``story_bands`` (band key, article id, time), made on
first use. Redis: hash ``<prefix>story:a:<id>`` per entry, sorted sets
``<prefix>story:band:<key>`` (members by time), ``<prefix>story:members:<story>``,
``<prefix>story:byage`` and a set ``<prefix>story:day:<day>`` that expires on its own.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    import redis

# How long a Redis story lock may be held before it is taken as abandoned (a crashed process).
REDIS_LOCK_TIMEOUT = 30.0


@dataclass
class StoryEntry:
    """One written article in the story index."""

    article_id: str
    story_id: str
    role: str  # "original" or "copy"
    url: str
    path: str  # of the Markdown file, relative to the output folder
    day: str  # the day folder of that file
    seen_at: float  # when it was added (epoch seconds): pruning and the related window
    publisher: str = ""
    title: str = ""
    published: str = ""
    similarity: float = 1.0  # to the member it matched (1 for an original)
    text_signature: bytes = b""
    lead_signature: bytes = b""

    def to_strings(self) -> dict[str, str]:
        out = {}
        for name, value in asdict(self).items():
            if isinstance(value, bytes):
                out[name] = base64.b64encode(value).decode("ascii")
            else:
                out[name] = str(value)
        return out

    @classmethod
    def from_strings(cls, data: dict[str, Any]) -> StoryEntry:
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = data.get(f.name)
            if raw is None:
                continue
            if isinstance(raw, bytes) and f.type != "bytes":
                raw = raw.decode("utf-8")
            if f.type == "bytes":
                values[f.name] = base64.b64decode(raw) if raw else b""
            elif f.type == "float":
                values[f.name] = float(raw)
            else:
                values[f.name] = str(raw)
        return cls(**values)


_COLUMNS = [f.name for f in fields(StoryEntry)]

_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL,
    role TEXT NOT NULL,
    url TEXT NOT NULL,
    path TEXT NOT NULL,
    day TEXT NOT NULL,
    seen_at REAL NOT NULL,
    publisher TEXT NOT NULL,
    title TEXT NOT NULL,
    published TEXT NOT NULL,
    similarity REAL NOT NULL,
    text_signature BLOB NOT NULL,
    lead_signature BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles (story_id, seen_at);
CREATE INDEX IF NOT EXISTS story_articles_day ON story_articles (day);
CREATE INDEX IF NOT EXISTS story_articles_age ON story_articles (seen_at);
CREATE TABLE IF NOT EXISTS story_bands (
    band TEXT NOT NULL,
    article_id TEXT NOT NULL,
    seen_at REAL NOT NULL,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_bands_age ON story_bands (seen_at);
"""


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SQLiteStoryIndex:
    """Story index methods of SQLiteStateStore (uses its locked transactions)."""

    _stories_ready = False
    path: Path

    if TYPE_CHECKING:

        def _transaction(self, begin: bool = False) -> Any: ...

    def _story_schema(self) -> None:
        if not self._stories_ready:
            with self._transaction() as cur:
                cur.executescript("BEGIN IMMEDIATE;" + _SQLITE_SCHEMA + "COMMIT;")
            self._stories_ready = True

    @contextlib.contextmanager
    def story_lock(self) -> Iterator[None]:
        """Serialises matching across threads and processes on this machine (the lock file
        sits beside the database)."""
        thread_lock = self.__dict__.setdefault("_story_thread_lock", threading.RLock())
        with thread_lock:
            fd = os.open(f"{self.path}.stories.lock", os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    def story_candidates(self, bands: Sequence[str], since: float) -> list[StoryEntry]:
        self._story_schema()
        ids: set[str] = set()
        with self._transaction() as cur:
            for chunk in _chunks(list(bands)):
                marks = ",".join("?" * len(chunk))
                rows = cur.execute(
                    f"SELECT DISTINCT article_id FROM story_bands WHERE band IN ({marks})"
                    " AND seen_at >= ?",
                    (*chunk, since),
                ).fetchall()
                ids.update(str(row[0]) for row in rows)
        return self._entries_where_ids(sorted(ids))

    def _entries_where_ids(self, ids: Sequence[str]) -> list[StoryEntry]:
        found: list[StoryEntry] = []
        with self._transaction() as cur:
            for chunk in _chunks(list(ids)):
                marks = ",".join("?" * len(chunk))
                rows = cur.execute(
                    f"SELECT {','.join(_COLUMNS)} FROM story_articles"
                    f" WHERE article_id IN ({marks})",
                    tuple(chunk),
                ).fetchall()
                found.extend(StoryEntry(*row) for row in rows)
        return found

    def add_story_entry(self, entry: StoryEntry, bands: Sequence[str]) -> None:
        self._story_schema()
        values = [getattr(entry, name) for name in _COLUMNS]
        with self._transaction(begin=True) as cur:
            cur.execute(
                f"INSERT OR REPLACE INTO story_articles ({','.join(_COLUMNS)})"
                f" VALUES ({','.join('?' * len(_COLUMNS))})",
                values,
            )
            cur.execute("DELETE FROM story_bands WHERE article_id = ?", (entry.article_id,))
            cur.executemany(
                "INSERT OR IGNORE INTO story_bands (band, article_id, seen_at) VALUES (?, ?, ?)",
                [(band, entry.article_id, entry.seen_at) for band in bands],
            )

    def remove_story_entry(self, article_id: str) -> None:
        self._story_schema()
        with self._transaction(begin=True) as cur:
            cur.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
            cur.execute("DELETE FROM story_bands WHERE article_id = ?", (article_id,))

    def story_entry(self, article_id: str) -> StoryEntry | None:
        self._story_schema()
        found = self._entries_where_ids([article_id])
        return found[0] if found else None

    def story_members(self, story_id: str) -> list[StoryEntry]:
        self._story_schema()
        with self._transaction() as cur:
            rows = cur.execute(
                f"SELECT {','.join(_COLUMNS)} FROM story_articles WHERE story_id = ?"
                " ORDER BY seen_at, article_id",
                (story_id,),
            ).fetchall()
        return [StoryEntry(*row) for row in rows]

    def stories_of_day(self, day: str) -> list[str]:
        self._story_schema()
        with self._transaction() as cur:
            rows = cur.execute(
                "SELECT DISTINCT story_id FROM story_articles WHERE day = ? ORDER BY story_id",
                (day,),
            ).fetchall()
        return [str(row[0]) for row in rows]

    def prune_stories(self, before: float) -> int:
        self._story_schema()
        with self._transaction(begin=True) as cur:
            gone = cur.execute("DELETE FROM story_articles WHERE seen_at < ?", (before,)).rowcount
            cur.execute("DELETE FROM story_bands WHERE seen_at < ?", (before,))
        return int(gone or 0)

    def story_counts(self) -> dict[str, int]:
        """Entries and band keys in the index (for logs, tests and the bench)."""
        self._story_schema()
        with self._transaction() as cur:
            return {
                "entries": int(cur.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]),
                "bands": int(cur.execute("SELECT COUNT(*) FROM story_bands").fetchone()[0]),
            }


class RedisStoryIndex:
    """Story index methods of RedisStateStore (keys under the store's prefix)."""

    prefix: str

    if TYPE_CHECKING:

        def _redis(self) -> redis.Redis: ...

    def _story_key(self, suffix: str) -> str:
        return f"{self.prefix}story:{suffix}"

    @contextlib.contextmanager
    def story_lock(self) -> Iterator[None]:
        """A Redis lock every process sharing the database honours; a holder that dies frees
        it after REDIS_LOCK_TIMEOUT seconds."""
        lock = self._redis().lock(
            self._story_key("lock"), timeout=REDIS_LOCK_TIMEOUT, blocking_timeout=120
        )
        if not lock.acquire():
            raise TimeoutError("the story index lock stayed taken for 120 s")
        try:
            yield
        finally:
            with contextlib.suppress(Exception):  # expired meanwhile: nothing left to free
                lock.release()

    def story_candidates(self, bands: Sequence[str], since: float) -> list[StoryEntry]:
        client = self._redis()
        with client.pipeline(transaction=False) as pipe:
            for band in bands:
                pipe.zrangebyscore(self._story_key(f"band:{band}"), since, "+inf")
            results: list[Any] = pipe.execute()
        ids = sorted({str(member) for members in results for member in members})
        return self._entries_where_ids(ids)

    def _entries_where_ids(self, ids: Sequence[str]) -> list[StoryEntry]:
        if not ids:
            return []
        with self._redis().pipeline(transaction=False) as pipe:
            for article_id in ids:
                pipe.hgetall(self._story_key(f"a:{article_id}"))
            rows: list[Any] = pipe.execute()
        return [StoryEntry.from_strings(row) for row in rows if row]

    def add_story_entry(self, entry: StoryEntry, bands: Sequence[str]) -> None:
        client = self._redis()
        fields_: dict[Any, Any] = dict(entry.to_strings())
        fields_["bands"] = " ".join(bands)
        old: Any = client.hget(self._story_key(f"a:{entry.article_id}"), "bands")
        with client.pipeline(transaction=True) as pipe:
            for band in str(old or "").split():
                pipe.zrem(self._story_key(f"band:{band}"), entry.article_id)
            pipe.hset(self._story_key(f"a:{entry.article_id}"), mapping=fields_)
            for band in bands:
                pipe.zadd(self._story_key(f"band:{band}"), {entry.article_id: entry.seen_at})
            members_key = self._story_key(f"members:{entry.story_id}")
            pipe.zadd(members_key, {entry.article_id: entry.seen_at})
            pipe.zadd(self._story_key("byage"), {entry.article_id: entry.seen_at})
            day_key = self._story_key(f"day:{entry.day}")
            pipe.sadd(day_key, entry.story_id)
            # A day's story list outlives the entries it names by a day, then goes by itself.
            pipe.expire(day_key, int(self.__dict__.get("story_day_ttl", 8 * 86400)))
            pipe.execute()

    def remove_story_entry(self, article_id: str) -> None:
        client = self._redis()
        row: Any = client.hgetall(self._story_key(f"a:{article_id}"))
        if not row:
            return
        with client.pipeline(transaction=True) as pipe:
            for band in str(row.get("bands") or "").split():
                pipe.zrem(self._story_key(f"band:{band}"), article_id)
            pipe.zrem(self._story_key(f"members:{row.get('story_id')}"), article_id)
            pipe.zrem(self._story_key("byage"), article_id)
            pipe.delete(self._story_key(f"a:{article_id}"))
            pipe.execute()

    def story_entry(self, article_id: str) -> StoryEntry | None:
        found = self._entries_where_ids([article_id])
        return found[0] if found else None

    def story_members(self, story_id: str) -> list[StoryEntry]:
        ids: Any = self._redis().zrange(self._story_key(f"members:{story_id}"), 0, -1)
        members = self._entries_where_ids([str(i) for i in ids])
        return sorted(members, key=lambda e: (e.seen_at, e.article_id))

    def stories_of_day(self, day: str) -> list[str]:
        ids: Any = self._redis().smembers(self._story_key(f"day:{day}"))
        return sorted(str(i) for i in ids)

    def prune_stories(self, before: float) -> int:
        client = self._redis()
        old: Any = client.zrangebyscore(self._story_key("byage"), "-inf", f"({before}")
        for article_id in old:
            self.remove_story_entry(str(article_id))
        # An entry whose hash was lost still leaves its age mark: drop those too.
        client.zremrangebyscore(self._story_key("byage"), "-inf", f"({before}")
        return len(old)

    def story_counts(self) -> dict[str, int]:
        """Entries and band keys in the index (for logs, tests and the bench)."""
        client = self._redis()
        bands = sum(1 for _ in client.scan_iter(match=self._story_key("band:*"), count=1000))
        return {"entries": int(client.zcard(self._story_key("byage"))), "bands": bands}
