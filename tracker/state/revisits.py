"""Revisit records: what later crawls need to ask for an article again and to tell what changed.

One record per written article that is still young enough to be revisited
(``TRACKER_REVISIT_DAYS``): its canonical URL, spider, Markdown path, publication time, the title
and normalised text of its latest revision (compressed), the page's HTTP validators (ETag,
Last-Modified) for conditional requests, its revision number and history, and when it was last
requested. Both stores take these methods from the mixins below:

- ``save_revisit(record)``: insert or replace;
- ``revisit_record(url)``: the record of an article, by any form of its URL, or None;
- ``due_revisits(spider, published_since, requested_before, now, limit)``: records of the spider
  published at or after ``published_since`` and not requested since ``requested_before``; each
  one returned is marked requested at ``now`` in the same atomic step, so two crawler processes
  never revisit one article twice within ``TRACKER_REVISIT_HOURS``;
- ``touch_revisit(url, now, etag, last_modified)``: a revisit found nothing new;
- ``prune_revisits(published_before)``: drops records too old to be revisited again.

SQLite: table ``revisits`` (made on first use). Redis: hash ``<prefix>revisit:<sha1 of url>`` and
sorted set ``<prefix>revisit:due:<spider>`` (by publication time); the due query is a Lua script.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from tracker.processing.normalise import url_key

if TYPE_CHECKING:
    import redis


@dataclass
class RevisitRecord:
    """The latest known state of one written article."""

    url: str  # canonical form (url_key)
    spider: str
    path: str
    published_at: float  # epoch seconds; the first visit's time when the page gives no date
    content_hash: str
    title: str
    text: str
    etag: str = ""
    last_modified: str = ""
    revision: int = 1
    # One entry per revision after the first: {"revision", "at", "summary", "previous_hash"}.
    history: list[dict[str, Any]] = field(default_factory=list)
    last_requested: float = 0.0
    first_seen: float = 0.0

    def to_json(self) -> str:
        data = asdict(self)
        data["text"] = base64.b64encode(zlib.compress(self.text.encode("utf-8"), 6)).decode()
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | bytes) -> RevisitRecord:
        data = json.loads(raw)
        data["text"] = zlib.decompress(base64.b64decode(data.get("text") or "")).decode("utf-8")
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS revisits (
    url TEXT PRIMARY KEY,
    spider TEXT NOT NULL,
    published_at REAL NOT NULL,
    last_requested REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS revisits_due ON revisits (spider, published_at);
"""


class _RevisitUpdates:
    """What both stores do the same way on top of their own revisit_record/save_revisit."""

    def revisit_record(self, url: str) -> RevisitRecord | None:
        raise NotImplementedError

    def save_revisit(self, record: RevisitRecord) -> None:
        raise NotImplementedError

    def touch_revisit(self, url: str, now: float, etag: str = "", last_modified: str = "") -> None:
        """Record a revisit request's validators and time (the article itself did not change)."""
        record = self.revisit_record(url)
        if record is None:
            return
        record.etag = etag or record.etag
        record.last_modified = last_modified or record.last_modified
        record.last_requested = max(record.last_requested, now)
        self.save_revisit(record)


class SQLiteRevisits(_RevisitUpdates):
    """Revisit methods of SQLiteStateStore (uses its locked transactions)."""

    _revisits_ready = False

    if TYPE_CHECKING:

        def _transaction(self, begin: bool = False) -> Any: ...

    def _revisit_schema(self) -> None:
        if not self._revisits_ready:
            with self._transaction() as cur:
                cur.executescript("BEGIN IMMEDIATE;" + _SQLITE_SCHEMA + "COMMIT;")
            self._revisits_ready = True

    def save_revisit(self, record: RevisitRecord) -> None:
        self._revisit_schema()
        record.url = url_key(record.url)
        with self._transaction(begin=True) as cur:
            cur.execute(
                "INSERT OR REPLACE INTO revisits (url, spider, published_at, last_requested, data)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    record.url,
                    record.spider,
                    record.published_at,
                    record.last_requested,
                    record.to_json(),
                ),
            )

    def revisit_record(self, url: str) -> RevisitRecord | None:
        self._revisit_schema()
        with self._transaction() as cur:
            row = cur.execute(
                "SELECT data, last_requested FROM revisits WHERE url IN (?, ?) LIMIT 1",
                (url_key(url), url),
            ).fetchone()
        if row is None:
            return None
        record = RevisitRecord.from_json(row[0])
        record.last_requested = float(row[1])
        return record

    def due_revisits(
        self,
        spider: str,
        published_since: float,
        requested_before: float,
        now: float,
        limit: int = 1000,
    ) -> list[RevisitRecord]:
        self._revisit_schema()
        with self._transaction(begin=True) as cur:
            rows = cur.execute(
                "SELECT url, data FROM revisits WHERE spider = ? AND published_at >= ?"
                " AND last_requested <= ? ORDER BY published_at DESC LIMIT ?",
                (spider, published_since, requested_before, limit),
            ).fetchall()
            cur.executemany(
                "UPDATE revisits SET last_requested = ? WHERE url = ?",
                [(now, row[0]) for row in rows],
            )
        records = [RevisitRecord.from_json(row[1]) for row in rows]
        for record in records:
            record.last_requested = now
        return records

    def prune_revisits(self, published_before: float) -> int:
        self._revisit_schema()
        with self._transaction(begin=True) as cur:
            gone = cur.execute(
                "DELETE FROM revisits WHERE published_at < ?", (published_before,)
            ).rowcount
        return int(gone or 0)


# KEYS[1] the spider's due set; ARGV: published_since, requested_before, now, limit, key prefix.
# Reads and marks in one step, so concurrent crawlers split the due articles between them.
_DUE = """
local urls = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', ARGV[1])
local out = {}
for _, id in ipairs(urls) do
  if #out >= tonumber(ARGV[4]) then break end
  local key = ARGV[5] .. id
  local last = tonumber(redis.call('HGET', key, 'last_requested') or '0')
  if redis.call('EXISTS', key) == 1 and last <= tonumber(ARGV[2]) then
    redis.call('HSET', key, 'last_requested', ARGV[3])
    table.insert(out, redis.call('HGET', key, 'data'))
  end
end
return out
"""


def _url_id(url: str) -> str:
    return hashlib.sha1(url_key(url).encode("utf-8")).hexdigest()


class RedisRevisits(_RevisitUpdates):
    """Revisit methods of RedisStateStore (keys under the store's prefix)."""

    prefix: str

    if TYPE_CHECKING:

        def _redis(self) -> redis.Redis: ...

    def _revisit_key(self, url: str) -> str:
        return f"{self.prefix}revisit:{_url_id(url)}"

    def _due_key(self, spider: str) -> str:
        return f"{self.prefix}revisit:due:{spider}"

    def save_revisit(self, record: RevisitRecord) -> None:
        record.url = url_key(record.url)
        with self._redis().pipeline(transaction=True) as pipe:
            pipe.hset(
                self._revisit_key(record.url),
                mapping={"data": record.to_json(), "last_requested": repr(record.last_requested)},
            )
            pipe.zadd(self._due_key(record.spider), {_url_id(record.url): record.published_at})
            pipe.execute()

    def revisit_record(self, url: str) -> RevisitRecord | None:
        row: Any = self._redis().hgetall(self._revisit_key(url))
        if not row or "data" not in row:
            return None
        record = RevisitRecord.from_json(row["data"])
        record.last_requested = float(row.get("last_requested") or 0.0)
        return record

    def due_revisits(
        self,
        spider: str,
        published_since: float,
        requested_before: float,
        now: float,
        limit: int = 1000,
    ) -> list[RevisitRecord]:
        client = self._redis()
        script = client.register_script(_DUE)
        rows: Any = script(
            keys=[self._due_key(spider)],
            args=[published_since, requested_before, repr(now), limit, f"{self.prefix}revisit:"],
            client=client,
        )
        records = [RevisitRecord.from_json(row) for row in rows]
        for record in records:
            record.last_requested = now
        return records

    def prune_revisits(self, published_before: float) -> int:
        client = self._redis()
        gone = 0
        for due_key in client.scan_iter(match=f"{self.prefix}revisit:due:*", count=100):
            ids: Any = client.zrangebyscore(due_key, "-inf", f"({published_before}")
            if not ids:
                continue
            with client.pipeline(transaction=True) as pipe:
                for url_id in ids:
                    pipe.delete(f"{self.prefix}revisit:{url_id}")
                pipe.zremrangebyscore(due_key, "-inf", f"({published_before}")
                pipe.execute()
            gone += len(ids)
        return gone
