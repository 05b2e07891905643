"""WARC files as the unit of work shared through Redis (tracker.archive.units): several
processes split a job's files, each file is read by one of them, a file whose reader died is
taken over when its lease runs out, and a job run again reads only what is not done.

Uses the real redis-server of conftest and the local CC-NEWS layout of test_archive_input."""

from __future__ import annotations

import gzip
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faultserver import read_jsonl
from tests.replayed_crawl import ROOT
from tools.fixture_warc import write_fixture_warc
from tools.fixtures import pages_with_distinct_urls
from tracker.archive.units import MAX_ATTEMPTS, RedisUnits

pytestmark = pytest.mark.redis

FILES = [f"https://cc.example/CC-NEWS-2024050{n}000000-0000{n}.warc.gz" for n in range(1, 5)]


def test_two_processes_never_hold_the_same_file(redis_url: str) -> None:
    a = RedisUnits(redis_url, "job", FILES)
    b = RedisUnits(redis_url, "job", FILES)
    first, second = a.claim(), b.claim()
    assert first == FILES[0] and second == FILES[1]
    a.done(first)
    assert a.claim() == FILES[2] and b.claim() == FILES[3]
    assert a.claim() is None and b.claim() is None
    assert a.remaining() == 3  # two held, one held: none of them done yet
    for unit in (FILES[1], FILES[3]):
        b.done(unit)
    a.done(FILES[2])
    assert a.remaining() == 0
    # The job run again (a restarted node): nothing left; a file added to the list is new work.
    again = RedisUnits(redis_url, "job", [*FILES, "https://cc.example/late.warc.gz"])
    assert again.claim() == "https://cc.example/late.warc.gz"
    for units in (a, b, again):
        units.close()


def test_a_dead_holder_loses_its_file_when_the_lease_runs_out(redis_url: str) -> None:
    lease = 2.0
    dead = RedisUnits(redis_url, "job", FILES[:1], lease=lease)
    alive = RedisUnits(redis_url, "job", FILES[:1], lease=lease)
    renewing = RedisUnits(redis_url, "other", FILES[:1], lease=lease)
    assert dead.claim() == FILES[0] and renewing.claim() == FILES[0]
    start = time.monotonic()
    taken = None
    # The dead holder never renews; the other one renews as a crawl's heartbeat does.
    while taken is None and time.monotonic() - start < 30:
        renewing.renew()
        taken = alive.claim()
        time.sleep(0.2)
    assert taken == FILES[0]
    assert time.monotonic() - start >= lease * 0.75  # not before its lease ran out
    assert RedisUnits(redis_url, "other", FILES[:1], lease=lease).claim() is None
    for units in (dead, alive, renewing):
        units.close()


def test_a_file_that_keeps_failing_is_given_up(redis_url: str) -> None:
    units = RedisUnits(redis_url, "job", FILES[:1])
    for _ in range(MAX_ATTEMPTS):
        assert units.claim() == FILES[0]
        units.failed(FILES[0])
    assert units.claim() is None
    assert units.remaining() == 0 and units.given_up() == [FILES[0]]
    units.close()


# --- real crawls ---------------------------------------------------------------------------------


def _month(root: Path, warcs: list[Path]) -> list[str]:
    month = root / "crawl-data" / "CC-NEWS" / "2024" / "05"
    month.mkdir(parents=True)
    names = []
    for n, path in enumerate(warcs, start=1):
        name = f"CC-NEWS-202405{n:02d}000000-{n:05d}.warc.gz"
        (month / name).write_bytes(path.read_bytes())
        names.append(name)
    listing = "".join(f"crawl-data/CC-NEWS/2024/05/{name}\n" for name in names)
    (month / "warc.paths.gz").write_bytes(gzip.compress(listing.encode()))
    return names


def _start(out: Path, base: str, redis_url: str, *extra: str) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "article", "-a", "ccnews=2024-05",
        "-s", f"TRACKER_CCNEWS_BASE={base}", "-s", f"TRACKER_OUTPUT_DIR={out}",
        "-s", f"TRACKER_QUEUE={redis_url}", "-s", f"TRACKER_STATE={redis_url}",
        "-s", "TRACKER_WARC_POLL=0.5", "-O", str(out / "items.jsonl"), *extra,
    ]  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    with (out.parent / f"{out.name}.log").open("w") as log:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )


def _split_pages(folder: Path) -> tuple[list[Path], set[str]]:
    pages = pages_with_distinct_urls()
    groups = [pages[n::4] for n in range(4)]
    paths = []
    for n, group in enumerate(groups):
        path = folder / f"part{n}.warc.gz"
        write_fixture_warc(path, group)
        paths.append(path)
    return paths, {p.url for p in pages}


@pytest.mark.slow
def test_two_nodes_split_a_month_and_a_rerun_reads_nothing(
    redis_url: str, static_server: tuple[str, Path, list[str]], tmp_path: Path
) -> None:
    base, root, hits = static_server
    warcs, urls = _split_pages(tmp_path)
    names = _month(root, warcs)
    nodes = [_start(tmp_path / f"node{n}", base, redis_url) for n in (1, 2)]
    assert [node.wait(timeout=300) for node in nodes] == [0, 0]
    logs = [(tmp_path / f"node{n}.log").read_text() for n in (1, 2)]
    files_read = [h for h in hits if h.endswith(".warc.gz")]
    # Each file was read by exactly one node, and both nodes worked.
    assert sorted(files_read) == sorted(f"/crawl-data/CC-NEWS/2024/05/{n}" for n in names)
    assert all("'tracker/archive/files_done'" in log for log in logs), logs[0][-2000:]
    items = [i for n in (1, 2) for i in read_jsonl(tmp_path / f"node{n}" / "items.jsonl")]
    rejects = [r for n in (1, 2) for r in read_jsonl(tmp_path / f"node{n}" / "rejects.jsonl")]
    assert len(items) + len(rejects) == len(urls)
    assert {i["fetched_url"] for i in items} | {r["url"] for r in rejects} == urls
    # A node started again finds the month done and reads no file.
    hits.clear()
    again = _start(tmp_path / "node3", base, redis_url)
    assert again.wait(timeout=120) == 0
    assert [h for h in hits if h.endswith(".warc.gz")] == []


@pytest.mark.slow
def test_a_killed_node_leaves_its_file_to_the_next(
    redis_url: str, static_server: tuple[str, Path, list[str]], tmp_path: Path
) -> None:
    base, root, hits = static_server
    warcs, urls = _split_pages(tmp_path)
    _month(root, warcs)
    lease = ("-s", "TRACKER_WARC_LEASE=3")
    first = _start(tmp_path / "killed", base, redis_url, *lease)
    deadline = time.monotonic() + 120
    while not any(h.endswith(".warc.gz") for h in hits) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    second = _start(tmp_path / "next", base, redis_url, *lease)
    assert second.wait(timeout=300) == 0
    log = (tmp_path / "next.log").read_text()
    items = read_jsonl(tmp_path / "next" / "items.jsonl")
    rejects = read_jsonl(tmp_path / "next" / "rejects.jsonl")
    seen = re.search(r"'tracker/skipped/seen_url': (\d+)", log)
    written_before = int(seen.group(1)) if seen else 0
    # Every page was written by the killed node (and is skipped now) or by the next one, or
    # rejected by the next one: the killed node's file was read again, none of it lost.
    assert len(items) + len(rejects) + written_before == len(urls), log[-3000:]
    assert {i["fetched_url"] for i in items} | {r["url"] for r in rejects} <= urls
    files_read = [h for h in hits if h.endswith(".warc.gz")]
    assert len(files_read) == len(warcs) + 1  # the killed node's file twice
