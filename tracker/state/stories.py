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

Band keys are 63-bit integers; the index keeps one row per band of each article (32 with the
shapes of tracker.processing.stories), which is most of its size: bench/stories.py measures it.

SQLite: tables ``story_articles`` (keyed by the article id as a 60-bit integer) and
``story_bands`` (band key, article key), made on first use. Redis: a JSON string
``<prefix>story:a:<id>`` per entry (its band keys included, for pruning), the band index in
32,768 hashes
``<prefix>story:bands:<n>`` (field: band key, value: the ids of the articles in it), sorted sets
``<prefix>story:members:<story>`` and ``<prefix>story:byage``, and a set per day
``<prefix>story:day:<day>`` that expires on its own. Band fields are read, changed and written
back under the story lock.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

from tracker.processing.normalise import same_site
from tracker.processing.stories import (
    article_key,
    signature_from_bytes,
    similarity,
    story_features,
)

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


def republished_elsewhere(store: Any, url: str, title: str | None, text: str | None) -> bool:
    """Whether ``text`` is already in the story index exactly (the same shingles), and only
    under other sites than ``url``'s: another outlet republished it word for word. Such an
    article is written as a copy of its story; the same text twice on one site is a duplicate."""
    features = story_features(title, text)
    exact = [
        entry
        for entry in store.story_candidates(features.copy_bands, 0.0)
        if similarity(features.text_signature, signature_from_bytes(entry.text_signature)) == 1.0
    ]
    return bool(exact) and not any(same_site(entry.url, url) for entry in exact)


_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_articles (
    akey INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
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
    lead_signature BLOB NOT NULL,
    bands BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles (story_id, seen_at);
CREATE INDEX IF NOT EXISTS story_articles_day ON story_articles (day);
CREATE INDEX IF NOT EXISTS story_articles_age ON story_articles (seen_at);
CREATE TABLE IF NOT EXISTS story_bands (
    band INTEGER NOT NULL,
    akey INTEGER NOT NULL,
    PRIMARY KEY (band, akey)
) WITHOUT ROWID;
"""


def _pack_bands(bands: Sequence[int]) -> bytes:
    return b"".join(int(b).to_bytes(8, "little") for b in bands)


def _unpack_bands(data: bytes) -> list[int]:
    return [int.from_bytes(data[i : i + 8], "little") for i in range(0, len(data), 8)]


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
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

    def story_candidates(self, bands: Sequence[int], since: float) -> list[StoryEntry]:
        self._story_schema()
        keys: set[int] = set()
        with self._transaction() as cur:
            for chunk in _chunks(list(bands)):
                marks = ",".join("?" * len(chunk))
                rows = cur.execute(
                    f"SELECT akey FROM story_bands WHERE band IN ({marks})", tuple(chunk)
                ).fetchall()
                keys.update(int(row[0]) for row in rows)
        return [e for e in self._entries_where_keys(sorted(keys)) if e.seen_at >= since]

    def _entries_where_keys(self, keys: Sequence[int]) -> list[StoryEntry]:
        found: list[StoryEntry] = []
        with self._transaction() as cur:
            for chunk in _chunks(list(keys)):
                marks = ",".join("?" * len(chunk))
                rows = cur.execute(
                    f"SELECT {','.join(_COLUMNS)} FROM story_articles WHERE akey IN ({marks})",
                    tuple(chunk),
                ).fetchall()
                found.extend(StoryEntry(*row) for row in rows)
        return found

    def add_story_entry(self, entry: StoryEntry, bands: Sequence[int]) -> None:
        self._story_schema()
        akey = article_key(entry.article_id)
        values = [akey, *(getattr(entry, name) for name in _COLUMNS)]
        with self._transaction(begin=True) as cur:
            self._delete_bands(cur, akey)
            cur.execute(
                f"INSERT OR REPLACE INTO story_articles (akey, {','.join(_COLUMNS)}, bands)"
                f" VALUES (?, {','.join('?' * len(_COLUMNS))}, ?)",
                (*values, _pack_bands(bands)),
            )
            cur.executemany(
                "INSERT OR IGNORE INTO story_bands (band, akey) VALUES (?, ?)",
                [(band, akey) for band in bands],
            )

    @staticmethod
    def _delete_bands(cur: Any, akey: int) -> None:
        row = cur.execute("SELECT bands FROM story_articles WHERE akey = ?", (akey,)).fetchone()
        if row and row[0]:
            cur.executemany(
                "DELETE FROM story_bands WHERE band = ? AND akey = ?",
                [(band, akey) for band in _unpack_bands(row[0])],
            )

    def remove_story_entry(self, article_id: str) -> None:
        self._story_schema()
        akey = article_key(article_id)
        with self._transaction(begin=True) as cur:
            self._delete_bands(cur, akey)
            cur.execute("DELETE FROM story_articles WHERE akey = ?", (akey,))

    def story_entry(self, article_id: str) -> StoryEntry | None:
        self._story_schema()
        found = self._entries_where_keys([article_key(article_id)])
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
            old = cur.execute(
                "SELECT akey FROM story_articles WHERE seen_at < ?", (before,)
            ).fetchall()
            for (akey,) in old:
                self._delete_bands(cur, int(akey))
            cur.execute("DELETE FROM story_articles WHERE seen_at < ?", (before,))
        return len(old)

    def story_counts(self) -> dict[str, int]:
        """Entries and band keys in the index (for logs, tests and the bench)."""
        self._story_schema()
        with self._transaction() as cur:
            return {
                "entries": int(cur.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]),
                "bands": int(cur.execute("SELECT COUNT(*) FROM story_bands").fetchone()[0]),
            }


# Band fields are spread over this many Redis hashes: with up to ~100 fields each (3 million
# band rows, 100,000 articles) a hash keeps Redis's compact listpack encoding.
REDIS_BAND_SHARDS = 32768


class RedisStoryIndex:
    """Story index methods of RedisStateStore (keys under the store's prefix)."""

    prefix: str

    if TYPE_CHECKING:

        def _redis(self) -> redis.Redis: ...

    def _story_key(self, suffix: str) -> str:
        return f"{self.prefix}story:{suffix}"

    def _band_shard(self, band: int) -> str:
        return self._story_key(f"bands:{band % REDIS_BAND_SHARDS}")

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

    def _band_members(self, bands: Sequence[int]) -> list[str]:
        with self._redis().pipeline(transaction=False) as pipe:
            for band in bands:
                pipe.hget(self._band_shard(band), str(band))
            results: list[Any] = pipe.execute()
        return [str(value or "") for value in results]

    def story_candidates(self, bands: Sequence[int], since: float) -> list[StoryEntry]:
        ids = sorted({i for value in self._band_members(bands) for i in value.split()})
        return [e for e in self._entries_where_ids(ids) if e.seen_at >= since]

    def _entries_where_ids(self, ids: Sequence[str]) -> list[StoryEntry]:
        return [entry for entry, _bands in self._entries_and_bands(ids)]

    def _entries_and_bands(self, ids: Sequence[str]) -> list[tuple[StoryEntry, list[int]]]:
        if not ids:
            return []
        rows: list[Any] = self._redis().mget([self._story_key(f"a:{i}") for i in ids])
        out = []
        for row in rows:
            if row:
                data = json.loads(row)
                bands = [int(b) for b in data.pop("bands", [])]
                out.append((StoryEntry.from_strings(data), bands))
        return out

    def _set_bands(self, pipe: Any, article_id: str, bands: Sequence[int], add: bool) -> None:
        """Queue on ``pipe`` the band fields with ``article_id`` added or taken out (call under
        the story lock: the fields are read now and written when the pipe runs)."""
        for band, value in zip(bands, self._band_members(bands), strict=True):
            members = [i for i in value.split() if i != article_id]
            if add:
                members.append(article_id)
            if members:
                pipe.hset(self._band_shard(band), str(band), " ".join(members))
            else:
                pipe.hdel(self._band_shard(band), str(band))

    def add_story_entry(self, entry: StoryEntry, bands: Sequence[int]) -> None:
        client = self._redis()
        data: dict[str, Any] = dict(entry.to_strings())
        data["bands"] = [str(b) for b in bands]
        known = self._entries_and_bands([entry.article_id])
        old_bands = known[0][1] if known else []
        with client.pipeline(transaction=True) as pipe:
            self._set_bands(pipe, entry.article_id, [b for b in old_bands if b not in bands], False)
            self._set_bands(pipe, entry.article_id, list(bands), True)
            pipe.set(self._story_key(f"a:{entry.article_id}"), json.dumps(data))
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
        known = self._entries_and_bands([article_id])
        if not known:
            return
        entry, bands = known[0]
        with client.pipeline(transaction=True) as pipe:
            self._set_bands(pipe, article_id, bands, False)
            pipe.zrem(self._story_key(f"members:{entry.story_id}"), article_id)
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
        with self.story_lock():
            for article_id in old:
                self.remove_story_entry(str(article_id))
        # An entry whose hash was lost still leaves its age mark: drop those too.
        client.zremrangebyscore(self._story_key("byage"), "-inf", f"({before}")
        return len(old)

    def story_counts(self) -> dict[str, int]:
        """Entries and band fields in the index (for logs, tests and the bench)."""
        client = self._redis()
        with client.pipeline(transaction=False) as pipe:
            for n in range(REDIS_BAND_SHARDS):
                pipe.hlen(self._story_key(f"bands:{n}"))
            bands = sum(int(n) for n in pipe.execute())
        return {"entries": int(client.zcard(self._story_key("byage"))), "bands": bands}
