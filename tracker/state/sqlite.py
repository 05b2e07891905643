"""The SQLite state store: the zero-setup default, one file under the output folder.

Implements the contract of :class:`tracker.state.StateStore` for one machine; several processes
on that machine may share the file (claims record host and pid, so a dead owner's claim is freed).
"""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tracker.health.history import SQLiteHealthHistory
from tracker.processing.normalise import url_key
from tracker.state.errors import StateStoreError
from tracker.state.revisits import SQLiteRevisits
from tracker.state.stories import SQLiteStoryIndex

logger = logging.getLogger(__name__)

# PRAGMA user_version of the stores this code writes; a store from before versioning reads 0.
SCHEMA_VERSION = 1
_TABLES = frozenset({"articles", "urls", "claims"})
# Files this process has checked already, unchanged since (device, inode, size, mtime): the
# check reads the whole database (~0.9 s for 200,000 articles), and a crawlall opens one store
# per spider after the preflight opened it once.
_CHECKED: set[tuple[int, int, int, int]] = set()


# A claim older than this is abandoned even if its owner cannot be checked (another host).
CLAIM_TTL_SECONDS = 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    content_hash TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    written_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
    content_hash TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    owner TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    claimed_at REAL NOT NULL
);
"""


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


class SQLiteStateStore(SQLiteHealthHistory, SQLiteStoryIndex, SQLiteRevisits):
    """StateStore on one SQLite file in WAL mode.

    Several processes may share the file: every write is one short ``BEGIN IMMEDIATE``
    transaction and a busy timeout makes the others wait instead of failing. A claim records
    its owner's host and pid, so the claims of a process that died (SIGKILL) are taken over
    at once by the next crawl on the same host, and after ``CLAIM_TTL_SECONDS`` elsewhere.
    """

    def __init__(self, path: str | os.PathLike[str], *, busy_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._host = socket.gethostname()
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._verified = False  # passed the checks of _open
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN ourselves, so each transaction is explicit.
            self._conn = sqlite3.connect(
                str(self.path), timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            self._open(self._conn, busy_timeout)
        except (OSError, sqlite3.Error) as exc:
            self._disconnect()
            raise StateStoreError(
                f"TRACKER_STATE={self.path}: cannot open the state store ({_reason(exc)})"
            ) from exc
        except StateStoreError:
            self._disconnect()
            raise

    def _file_id(self) -> tuple[int, int, int, int] | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns

    def _checked(self) -> bool:
        return self._file_id() in _CHECKED

    def _quick_check(self, conn: sqlite3.Connection) -> list[str]:
        return [str(row[0]) for row in conn.execute("PRAGMA quick_check(3)")]

    def _remember_checked(self) -> None:
        file_id = self._file_id()
        if file_id is not None:
            _CHECKED.add(file_id)

    def _disconnect(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            if self._verified:
                # Closing checkpoints the WAL into the file: remember it as it is now.
                self._remember_checked()

    def _open(self, conn: sqlite3.Connection, busy_timeout: float) -> None:
        """Check the file before trusting it (a SQLite database, undamaged, new or holding the
        tracker's tables), then set it up. A problem raises StateStoreError:
        a crawl on a damaged store would fail every article, or answer wrongly which ones
        were written."""
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        where = f"TRACKER_STATE={self.path}"
        try:
            tables = {
                str(row[0])
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            problems = ["ok"] if self._checked() else self._quick_check(conn)
        except sqlite3.DatabaseError as exc:
            raise StateStoreError(
                f"{where}: not a readable SQLite database ({_reason(exc)}); move it away, or"
                " point TRACKER_STATE at another file"
            ) from exc
        if problems != ["ok"]:
            raise StateStoreError(
                f"{where}: the database is damaged (quick_check: {'; '.join(problems)}); move it"
                " away (the next crawl starts a new store and fetches every article again)"
            )
        # Tables but not the store's own: another program's database. (Other tables beside
        # ours are fine: the health history keeps its own in the store.)
        if tables and not tables >= _TABLES:
            others = sorted(t for t in tables - _TABLES if not t.startswith("sqlite_"))
            raise StateStoreError(
                f"{where}: not a tracker state store (it holds tables {', '.join(others)});"
                " point TRACKER_STATE at another file"
            )
        if version > SCHEMA_VERSION:
            raise StateStoreError(
                f"{where}: written by a newer tracker (schema version {version}, this one reads"
                f" up to {SCHEMA_VERSION})"
            )
        self._verified = True
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            logger.warning("State store %s is not in WAL mode (%s)", self.path, mode)
        # NORMAL (WAL): a commit survives a process crash; a power cut may lose the last marks,
        # which only makes the next crawl rewrite those files to the same paths (idempotent).
        # FULL would cost an fsync per claim and per mark.
        conn.execute("PRAGMA synchronous = NORMAL")
        stamp = f"PRAGMA user_version = {SCHEMA_VERSION};" if version != SCHEMA_VERSION else ""
        with self._transaction() as cur:
            cur.executescript("BEGIN IMMEDIATE;" + _SCHEMA + stamp + "COMMIT;")

    # A context manager by hand keeps the transaction logic in one place.
    class _Tx:
        def __init__(self, store: SQLiteStateStore, begin: bool) -> None:
            self.store = store
            self.begin = begin

        def __enter__(self) -> sqlite3.Cursor:
            self.store._lock.acquire()
            conn = self.store._connection()
            cur = conn.cursor()
            if self.begin:
                cur.execute("BEGIN IMMEDIATE")
            return cur

        def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
            try:
                if self.begin:
                    conn = self.store._connection()
                    conn.execute("ROLLBACK" if exc_type else "COMMIT")
            finally:
                self.store._lock.release()

    def _transaction(self, begin: bool = False) -> SQLiteStateStore._Tx:
        return SQLiteStateStore._Tx(self, begin)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError(f"state store {self.path} is closed")
        return self._conn

    # --- queries ---------------------------------------------------------------------------------

    def has_url(self, url: str) -> bool:
        keys = {url, url_key(url)}
        marks = ",".join("?" * len(keys))
        with self._transaction() as cur:
            row = cur.execute(f"SELECT 1 FROM urls WHERE url IN ({marks}) LIMIT 1", tuple(keys))
            return row.fetchone() is not None

    def has_hash(self, content_hash: str) -> bool:
        with self._transaction() as cur:
            row = cur.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,))
            return row.fetchone() is not None

    def path_for(self, content_hash: str) -> str | None:
        """Where the article with this hash was written, if it was."""
        with self._transaction() as cur:
            row = cur.execute(
                "SELECT path FROM articles WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            return str(row[0]) if row else None

    # --- claims and marks ------------------------------------------------------------------------

    def _claim_is_stale(self, host: str, pid: int, claimed_at: float) -> bool:
        if time.time() - claimed_at > CLAIM_TTL_SECONDS:
            return True
        return host == self._host and pid != os.getpid() and not _pid_alive(pid)

    def claim(self, content_hash: str, url: str) -> bool:
        with self._transaction(begin=True) as cur:
            if cur.execute(
                "SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)
            ).fetchone():
                return False
            row = cur.execute(
                "SELECT owner, host, pid, claimed_at FROM claims WHERE content_hash = ?",
                (content_hash,),
            ).fetchone()
            if row is not None:
                owner, host, pid, claimed_at = row
                # Our own claim too: the same text arriving twice in one crawl is a duplicate.
                if owner == self.owner or not self._claim_is_stale(host, pid, claimed_at):
                    return False
                logger.info("Taking over abandoned claim on %s from %s", content_hash[:12], owner)
            cur.execute(
                "INSERT OR REPLACE INTO claims (content_hash, url, owner, host, pid, claimed_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (content_hash, url, self.owner, self._host, os.getpid(), time.time()),
            )
            return True

    def release(self, content_hash: str) -> None:
        with self._transaction(begin=True) as cur:
            cur.execute(
                "DELETE FROM claims WHERE content_hash = ? AND owner = ?",
                (content_hash, self.owner),
            )

    def mark_written(self, content_hash: str, urls: Iterable[str], path: str) -> None:
        keys = {url_key(u) for u in urls if u}
        with self._transaction(begin=True) as cur:
            cur.execute(
                "INSERT OR REPLACE INTO articles (content_hash, path, written_at) VALUES (?, ?, ?)",
                (content_hash, path, time.time()),
            )
            cur.executemany(
                "INSERT OR IGNORE INTO urls (url, content_hash) VALUES (?, ?)",
                [(key, content_hash) for key in sorted(keys)],
            )
            cur.execute("DELETE FROM claims WHERE content_hash = ?", (content_hash,))

    def counts(self) -> dict[str, int]:
        """Rows per table (for logs and tests)."""
        with self._transaction() as cur:
            return {
                table: int(cur.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                for table in ("articles", "urls", "claims")
            }

    def close(self) -> None:
        if self._conn is None:
            return
        with self._lock:
            try:
                self._conn.execute(
                    "DELETE FROM claims WHERE owner = ?", (self.owner,)
                )  # claims die with their process
            except sqlite3.Error as exc:
                logger.warning("Could not release claims in %s: %s", self.path, exc)
            self._conn.close()
            self._conn = None
            if self._verified:
                # Closing checkpoints the WAL into the file: remember it as it is now.
                self._remember_checked()
