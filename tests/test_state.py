"""tracker.state: the SQLite store, its claims across processes, and store_for(crawler)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy import signals
from scrapy.utils.test import get_crawler

from tracker.state import SQLiteStateStore, StateStoreError, close_store, open_store, store_for
from tracker.state.sqlite import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
HASH_A = "a" * 64
HASH_B = "b" * 64


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStateStore]:
    opened = SQLiteStateStore(tmp_path / "state.sqlite3")
    yield opened
    opened.close()


def test_nothing_is_seen_before_mark_written(store: SQLiteStateStore) -> None:
    assert store.claim(HASH_A, "https://www.nasa.gov/a/")
    # Claimed is not written: a crash now must leave the article unmarked.
    assert not store.has_hash(HASH_A)
    assert not store.has_url("https://www.nasa.gov/a/")
    store.mark_written(HASH_A, ["https://www.nasa.gov/a/", ""], "2024-03-14/science/a.md")
    assert store.has_hash(HASH_A)
    assert store.has_url("https://www.nasa.gov/a/")
    assert store.path_for(HASH_A) == "2024-03-14/science/a.md"
    assert store.counts() == {"articles": 1, "urls": 1, "claims": 0}


def test_urls_match_in_canonical_form(store: SQLiteStateStore) -> None:
    store.mark_written(HASH_A, ["https://www.nasa.gov/a/?utm_source=rss"], "a.md")
    assert store.has_url("https://WWW.nasa.gov/a/#comments")
    assert store.has_url("https://www.nasa.gov/a/?utm_medium=feed")
    assert not store.has_url("https://www.nasa.gov/b/")


def test_a_claim_is_exclusive_until_released(store: SQLiteStateStore, tmp_path: Path) -> None:
    other = SQLiteStateStore(tmp_path / "state.sqlite3")
    try:
        assert store.claim(HASH_A, "u")
        assert not store.claim(HASH_A, "u")  # the same text twice in one crawl
        assert not other.claim(HASH_A, "u")  # another crawl on the same file
        store.release(HASH_A)
        assert other.claim(HASH_A, "u")
        other.mark_written(HASH_A, ["u"], "a.md")
        assert not store.claim(HASH_A, "u")  # written: nobody claims it again
    finally:
        other.close()


def test_close_releases_the_claims_of_this_store(store: SQLiteStateStore, tmp_path: Path) -> None:
    other = SQLiteStateStore(tmp_path / "state.sqlite3")
    assert other.claim(HASH_B, "u")
    other.close()
    assert store.claim(HASH_B, "u")


def test_claims_of_a_dead_process_are_taken_over(store: SQLiteStateStore, tmp_path: Path) -> None:
    # A crawl killed with SIGKILL never releases its claims; its pid no longer exists.
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    pid = int(dead.stdout)
    with sqlite3.connect(tmp_path / "state.sqlite3") as conn:
        conn.execute(
            "INSERT INTO claims VALUES (?, 'u', 'killed-crawl', ?, ?, strftime('%s','now'))",
            (HASH_A, store._host, pid),
        )
        # A live process's claim (ours, under another owner name) stays respected.
        conn.execute(
            "INSERT INTO claims VALUES (?, 'u', 'live-crawl', ?, ?, strftime('%s','now'))",
            (HASH_B, store._host, os.getppid()),
        )
    conn.close()
    assert store.claim(HASH_A, "u")
    assert not store.claim(HASH_B, "u")


def test_the_file_is_in_wal_mode_with_a_busy_timeout(store: SQLiteStateStore) -> None:
    conn = store._connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


CLAIMER = textwrap.dedent(
    """
    import sys
    from tracker.state import SQLiteStateStore
    store = SQLiteStateStore(sys.argv[1])
    won = []
    for i in range(150):
        digest = f"{i:064x}"
        if store.claim(digest, f"https://example.org/{i}"):
            store.mark_written(digest, [f"https://example.org/{i}"], f"{i}.md")
            won.append(i)
    store.close()
    print(" ".join(map(str, won)))
    """
)


@pytest.mark.slow
def test_two_processes_on_one_file_claim_each_hash_exactly_once(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.sqlite3")
    SQLiteStateStore(path).close()  # create the schema once, as the first crawl would
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLAIMER, path],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outputs.append([int(x) for x in out.split()])
    won = outputs[0] + outputs[1]
    assert sorted(won) == list(range(150))  # every hash once, none twice
    check = SQLiteStateStore(path)
    try:
        assert check.counts() == {"articles": 150, "urls": 150, "claims": 0}
    finally:
        check.close()


def test_open_store_dispatches_on_the_scheme(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/x.sqlite3")
    assert isinstance(store, SQLiteStateStore)
    assert store.path == tmp_path / "x.sqlite3"
    store.close()
    with pytest.raises(ValueError, match="unknown store scheme"):
        open_store("mongodb://localhost/x")


def test_store_for_opens_one_store_per_crawler_and_closes_it_on_engine_stop(
    tmp_path: Path,
) -> None:
    crawler = get_crawler(settings_dict={"TRACKER_OUTPUT_DIR": str(tmp_path / "out")})
    store = store_for(crawler)
    assert store is store_for(crawler)
    assert isinstance(store, SQLiteStateStore)
    assert store.path == tmp_path / "out" / "state.sqlite3"
    crawler.signals.send_catch_log(signals.engine_stopped)
    with pytest.raises(RuntimeError, match="closed"):
        store.has_url("https://x.org/")
    close_store(crawler)  # idempotent


def test_tracker_state_setting_names_the_file(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"TRACKER_STATE": str(tmp_path / "elsewhere.db")})
    store = store_for(crawler)
    try:
        assert isinstance(store, SQLiteStateStore)
        assert store.path == tmp_path / "elsewhere.db"
    finally:
        close_store(crawler)


# --- issue 13, case 9: a store that is not one, or is damaged, is refused at open ----------------


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    path.write_text("not a database\n" * 100)
    with pytest.raises(StateStoreError, match="not a readable SQLite database"):
        SQLiteStateStore(path)


def test_a_database_with_other_tables_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(StateStoreError, match=r"not a tracker state store .*users"):
        SQLiteStateStore(path)
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    conn.close()
    assert tables == ["users"]


def test_a_damaged_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = SQLiteStateStore(path)
    for n in range(400):
        store.mark_written(f"{n:064x}", [f"https://www.nasa.gov/a-{n}/"], f"{n}.md")
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek(page_size * 3)
        handle.write(b"\xa5" * page_size)
    with pytest.raises(StateStoreError, match=r"damaged|not a readable"):
        SQLiteStateStore(path)


def test_a_store_from_a_newer_tracker_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    SQLiteStateStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StateStoreError, match="newer tracker"):
        SQLiteStateStore(path)
