"""The health history: one record per spider run, kept in the state store (SQLite or Redis).

Both state stores (``tracker.state.sqlite.SQLiteStateStore`` and
``tracker.state.redis.RedisStateStore``) take these methods from the mixins below, so
``TRACKER_STATE`` selects where the history lives and every crawler sharing a store shares it:

- ``record_run(run)`` stores a run record (a JSON-able dict with at least ``spider`` and
  ``finished_at``, see tracker.health.runs) and keeps the newest ``keep`` runs of that spider;
- ``recent_runs(spider, limit)`` returns the spider's newest runs, newest first;
- ``spiders_with_runs()`` names the spiders that have any run recorded, sorted.

SQLite: table ``health_runs`` (id, spider, finished_at, data JSON), created on first use.
Redis: list ``<prefix>health:runs:<spider>`` of JSON records (newest at the head, trimmed to
``keep``) and set ``<prefix>health:spiders``, written in one MULTI/EXEC.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

    import redis

logger = logging.getLogger(__name__)

# Runs kept per spider unless record_run is told otherwise: a year of daily runs and some.
DEFAULT_KEEP_RUNS = 400

_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS health_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    spider TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS health_runs_spider ON health_runs (spider, id);
"""


def _encode(run: dict[str, Any]) -> str:
    if not run.get("spider"):
        raise ValueError("a run record needs a 'spider'")
    return json.dumps(run, ensure_ascii=False, separators=(",", ":"))


def _decode(text: str) -> dict[str, Any] | None:
    try:
        run = json.loads(text)
    except ValueError:
        logger.warning("Skipping an unreadable health record: %.80s", text)
        return None
    return run if isinstance(run, dict) else None


class SQLiteHealthHistory:
    """Health history methods of SQLiteStateStore (uses its locked transactions)."""

    _health_ready = False

    if TYPE_CHECKING:

        def _transaction(self, begin: bool = False) -> Any: ...

        def _connection(self) -> sqlite3.Connection: ...

    def _health_schema(self) -> None:
        if not self._health_ready:
            with self._transaction() as cur:
                cur.executescript("BEGIN IMMEDIATE;" + _SQLITE_SCHEMA + "COMMIT;")
            self._health_ready = True

    def record_run(self, run: dict[str, Any], keep: int = DEFAULT_KEEP_RUNS) -> None:
        """Store one run record; only the spider's newest ``keep`` runs are kept."""
        data = _encode(run)
        self._health_schema()
        spider = str(run["spider"])
        with self._transaction(begin=True) as cur:
            cur.execute(
                "INSERT INTO health_runs (spider, finished_at, data) VALUES (?, ?, ?)",
                (spider, str(run.get("finished_at") or ""), data),
            )
            cur.execute(
                "DELETE FROM health_runs WHERE spider = ? AND id NOT IN"
                " (SELECT id FROM health_runs WHERE spider = ? ORDER BY id DESC LIMIT ?)",
                (spider, spider, max(1, keep)),
            )

    def recent_runs(self, spider: str, limit: int = 30) -> list[dict[str, Any]]:
        """The spider's newest ``limit`` runs, newest first."""
        self._health_schema()
        with self._transaction() as cur:
            rows = cur.execute(
                "SELECT data FROM health_runs WHERE spider = ? ORDER BY id DESC LIMIT ?",
                (spider, max(0, limit)),
            ).fetchall()
        return [run for (text,) in rows if (run := _decode(text)) is not None]

    def spiders_with_runs(self) -> list[str]:
        """Spiders with at least one recorded run, sorted."""
        self._health_schema()
        with self._transaction() as cur:
            rows = cur.execute("SELECT DISTINCT spider FROM health_runs ORDER BY spider")
            return [str(name) for (name,) in rows.fetchall()]


class RedisHealthHistory:
    """Health history methods of RedisStateStore (keys under the store's prefix)."""

    prefix: str

    if TYPE_CHECKING:

        def _redis(self) -> redis.Redis: ...

    def _runs_key(self, spider: str) -> str:
        return f"{self.prefix}health:runs:{spider}"

    @property
    def _spiders_key(self) -> str:
        return f"{self.prefix}health:spiders"

    def record_run(self, run: dict[str, Any], keep: int = DEFAULT_KEEP_RUNS) -> None:
        """Store one run record; only the spider's newest ``keep`` runs are kept."""
        data = _encode(run)
        spider = str(run["spider"])
        with self._redis().pipeline(transaction=True) as pipe:
            pipe.lpush(self._runs_key(spider), data)
            pipe.ltrim(self._runs_key(spider), 0, max(1, keep) - 1)
            pipe.sadd(self._spiders_key, spider)
            pipe.execute()

    def recent_runs(self, spider: str, limit: int = 30) -> list[dict[str, Any]]:
        """The spider's newest ``limit`` runs, newest first."""
        if limit <= 0:
            return []
        texts: Any = self._redis().lrange(self._runs_key(spider), 0, limit - 1)
        return [run for text in texts if (run := _decode(text)) is not None]

    def spiders_with_runs(self) -> list[str]:
        """Spiders with at least one recorded run, sorted."""
        names: Any = self._redis().smembers(self._spiders_key)
        return sorted(str(name) for name in names)
