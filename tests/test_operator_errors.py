"""Errors an operator must see (issue 13, cases 9-12): a crawl that cannot do its job stops with
one line saying why, naming the path or URL at fault, and a non-zero exit code; a crawl that
lost articles to a full disk says so at its end and exits non-zero.

Every case runs the real ``scrapy crawl`` in a subprocess, offline: the NASA cassette
(real recorded traffic) or the fault-injecting server's well-behaved site (real pages). The
disk-full and read-only cases mount a small tmpfs or a read-only bind mount in a private
mount namespace (``unshare --user --map-root-user --mount``): the kernel itself answers
ENOSPC / EROFS, nothing is simulated.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.faultserver import (
    TEST_SETTINGS,
    crawl_command,
    crawl_env,
    markdown_files,
    parse_stats,
    read_jsonl,
    running,
    well_behaved_site,
)
from tracker.state import SQLiteStateStore

pytestmark = pytest.mark.slow  # crawls in subprocesses

ROOT = Path(__file__).resolve().parent.parent
NASA_CASSETTE = ROOT / "tests" / "cassettes" / "nasa.json"
USAGE_ERROR = 2
FAILED = 1


def scrapy(*args: str, cwd: Path = ROOT, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=cwd,
        env=crawl_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def nasa(tmp_path: Path, *args: str, replay: Path | None = NASA_CASSETTE) -> list[str]:
    """``crawl nasa`` replayed into ``tmp_path/out``, plus ``args``."""
    command = ["crawl", "nasa", "-s", f"TRACKER_OUTPUT_DIR={tmp_path / 'out'}"]
    if replay is not None:
        command += ["-s", f"TRACKER_REPLAY={replay}"]
    return command + list(args)


def error_lines(log: str) -> list[str]:
    return [
        line
        for line in log.splitlines()
        if " ERROR: " in line or " CRITICAL: " in line or "error:" in line
    ]


def assert_one_clear_line(result: subprocess.CompletedProcess[str], code: int, *words: str) -> str:
    """Exit ``code``, no traceback, exactly one error line, and it holds every one of ``words``."""
    log = result.stderr + result.stdout
    assert result.returncode == code, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    lines = error_lines(log)
    assert len(lines) == 1, "\n".join(lines) or log[-3000:]
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


# --- case 12: unknown -a arguments --------------------------------------------------------------


def test_an_unknown_spider_argument_is_a_usage_error(tmp_path: Path) -> None:
    result = scrapy(*nasa(tmp_path, "-a", "limt=1"))
    line = assert_one_clear_line(result, USAGE_ERROR, "limt")
    for accepted in ("urls", "limit", "render_js"):
        assert accepted in line
    assert not (tmp_path / "out").exists() or not markdown_files(tmp_path / "out")


def test_an_unknown_spider_is_a_usage_error(tmp_path: Path) -> None:
    # Scrapy's own answer was a KeyError traceback and exit 1.
    result = scrapy("crawl", "nasaa", "-s", f"TRACKER_OUTPUT_DIR={tmp_path}")
    line = assert_one_clear_line(result, USAGE_ERROR, "nasaa", "scrapy list")
    assert "article" in line


def test_the_generic_spider_lists_its_own_arguments(tmp_path: Path) -> None:
    result = scrapy(
        "crawl",
        "article",
        "-a",
        "feeds=https://example.org/rss",
        "-s",
        f"TRACKER_OUTPUT_DIR={tmp_path}",
    )
    line = assert_one_clear_line(result, USAGE_ERROR, "feeds")
    for accepted in ("urls", "feed", "sitemap", "news_sitemap", "rules", "limit"):
        assert accepted in line


def test_crawlall_checks_arguments_too(tmp_path: Path) -> None:
    # Replayed and on one spider, so that a check that let it through could not go online.
    result = scrapy(
        "crawlall", "--only", "nasa", "-a", "limt=1",
        "-s", f"TRACKER_REPLAY={NASA_CASSETTE}", "-s", f"TRACKER_OUTPUT_DIR={tmp_path}",
    )  # fmt: skip
    assert_one_clear_line(result, USAGE_ERROR, "limt")


# --- case 2 at the command line, case 11: arguments and settings --------------------------------


@pytest.mark.parametrize(
    "argument",
    ["urls=http://", "urls=http://127.0.0.1:99999/a.html", "feed=", "urls=", "sitemap=  "],
)
def test_an_unusable_argument_value_is_a_usage_error(tmp_path: Path, argument: str) -> None:
    result = scrapy("crawl", "article", "-a", argument, "-s", f"TRACKER_OUTPUT_DIR={tmp_path}")
    assert_one_clear_line(result, USAGE_ERROR, "-a " + argument.split("=")[0])


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("TRACKER_FEED_MAX_ENTRIES", "abc"),
        ("TRACKER_SITEMAP_MAX_URLS", "-5"),
        ("TRACKER_RETRY_BACKOFF", "soon"),
        ("DOWNLOAD_TIMEOUT", "x"),
        ("TRACKER_CATEGORY_RULES", "[1, 2]"),
    ],
)
def test_a_bad_setting_stops_the_crawl_at_start(tmp_path: Path, setting: str, value: str) -> None:
    result = scrapy(*nasa(tmp_path, "-s", f"{setting}={value}"))
    assert_one_clear_line(result, FAILED, setting)
    assert not markdown_files(tmp_path / "out") if (tmp_path / "out").exists() else True


def test_a_missing_cassette_stops_the_crawl(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = scrapy(*nasa(tmp_path, replay=missing))
    assert_one_clear_line(result, FAILED, str(missing))


def test_a_corrupt_cassette_stops_the_crawl(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text(NASA_CASSETTE.read_text()[:5000])  # cut off: not valid JSON
    result = scrapy(*nasa(tmp_path, replay=corrupt))
    assert_one_clear_line(result, FAILED, str(corrupt))


def test_an_output_folder_that_is_a_file_stops_the_crawl(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("a file, not a folder\n")
    result = scrapy(*nasa(tmp_path))
    assert_one_clear_line(result, FAILED, str(target))


def test_an_unreachable_redis_stops_the_crawl(tmp_path: Path) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    result = scrapy(*nasa(tmp_path, "-s", f"TRACKER_STATE={url}"))
    assert_one_clear_line(result, FAILED, url)
    result = scrapy(*nasa(tmp_path, "-s", f"TRACKER_QUEUE={url}"))
    assert_one_clear_line(result, FAILED, url)


# --- case 9: a state database that is not ours or is damaged -----------------------------------


def damaged_store(path: Path) -> None:
    """A real store with a few hundred marks, then garbage written over one of its pages."""
    store = SQLiteStateStore(path)
    for n in range(400):
        digest = f"{n:064x}"
        store.mark_written(
            digest, [f"https://www.nasa.gov/article-{n}/"], f"2024-03-14/science/{n}.md"
        )
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek(page_size * 3)
        handle.write(b"\xa5" * page_size)


def test_a_damaged_state_database_stops_the_crawl(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    damaged_store(state)
    result = scrapy(*nasa(tmp_path, "-s", f"TRACKER_STATE={state}"))
    assert_one_clear_line(result, FAILED, str(state))
    assert not (tmp_path / "out").exists() or not markdown_files(tmp_path / "out")


def test_a_database_with_other_tables_is_not_taken_for_the_state(tmp_path: Path) -> None:
    state = tmp_path / "app.sqlite3"
    conn = sqlite3.connect(state)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO users (name) VALUES ('someone')")
    conn.commit()
    conn.close()
    result = scrapy(*nasa(tmp_path, "-s", f"TRACKER_STATE={state}"))
    assert_one_clear_line(result, FAILED, str(state))
    conn = sqlite3.connect(state)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"users"}  # left as it was


def test_a_file_that_is_not_sqlite_is_not_taken_for_the_state(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    state.write_text("not a database\n" * 100)
    result = scrapy(*nasa(tmp_path, "-s", f"TRACKER_STATE={state}"))
    assert_one_clear_line(result, FAILED, str(state))


# --- cases 10 and 11: a full disk and a read-only folder, for real ----------------------------


@functools.cache
def private_mounts_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "true"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def require_private_mounts() -> None:
    if not private_mounts_available():
        message = "unshare --user --mount is not available here (user namespaces are off)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def in_mount_namespace(
    setup: str, command: list[str], after: str = "", timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` after the shell ``setup`` in a private mount namespace; ``after`` runs
    before the namespace (and its mounts) go away."""
    script = f'{setup} || exit 97\n"$@"\nrc=$?\n{after}\nexit $rc\n'
    return subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", *command],
        cwd=ROOT,
        env=crawl_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_read_only_output_folder_stops_the_crawl(tmp_path: Path) -> None:
    require_private_mounts()
    out = tmp_path / "out"
    out.mkdir()
    result = in_mount_namespace(
        f"mount --bind {out} {out} && mount -o remount,bind,ro {out}",
        [sys.executable, "-m", "scrapy", *nasa(tmp_path)],
    )
    assert result.returncode != 97, result.stderr
    assert_one_clear_line(result, FAILED, str(out))


@pytest.mark.parametrize(
    ("state_on_disk", "size"),
    [(True, "160k"), (False, "48k")],
    ids=["store-fills-it", "files-fill-it"],
)
def test_a_full_disk_is_reported_as_such(tmp_path: Path, state_on_disk: bool, size: str) -> None:
    # Case 10: a small tmpfs as the output folder: the first few articles fit, then the kernel
    # answers ENOSPC, to the state store's writes (kept in the output folder by default) or,
    # with the store elsewhere, to the Markdown files and indexes.
    require_private_mounts()
    out, kept = tmp_path / "out", tmp_path / "kept"
    out.mkdir()
    kept.mkdir()
    items = tmp_path / "items.jsonl"
    site = well_behaved_site()
    with running(site):
        settings = {"CONCURRENT_REQUESTS": "2"}
        if not state_on_disk:
            settings["TRACKER_STATE"] = str(tmp_path / "state.sqlite3")
        command = crawl_command(out, {"feed": site.url("/feed.xml")}, settings, items)
        result = in_mount_namespace(
            f"mount -t tmpfs -o size={size} tmpfs {out}", command, after=f"cp -a {out}/. {kept}/"
        )
    log = result.stderr + result.stdout
    assert result.returncode == FAILED, log[-3000:]
    assert "Traceback" not in log, log[max(0, log.find("Traceback") - 1000) :][:5000]
    stats = parse_stats(log)
    lost = stats.get("tracker/rejected/write_failed", 0)
    assert lost > 0 and "tracker/rejected/pipeline_error" not in stats, stats
    # One short line per failure: no item dumped into the log.
    assert "Error processing" not in log
    assert max(len(line) for line in log.splitlines()) < 2000
    rejected = {m.group(1) for m in re.finditer(r"Rejected (\S+): write_failed", log)}
    assert len(rejected) == lost
    # A file that reached the disk is listed in its folder's index and is not a reject.
    files = markdown_files(kept)
    assert files, "nothing fitted: the test proves nothing"
    on_disk = set()
    for path in files:
        index = (path.parent / "index.md").read_text("utf-8")
        assert path.name in index, path
        match = re.search(r"^\*\*Source:\*\* \[.*\]\((\S+)\)$", path.read_text("utf-8"), re.M)
        assert match
        on_disk.add(match.group(1))
    assert not on_disk & rejected
    # Every article of the feed is accounted for: on disk, or rejected as write_failed.
    for route in site.feed_articles():
        assert site.url(route.path) in on_disk | rejected, route.path
    assert {r["url"] for r in read_jsonl(kept / "rejects.jsonl")} <= rejected
    # The end of the crawl says the disk filled, once.
    summary = [line for line in log.splitlines() if "ERROR: The disk is full" in line]
    assert len(summary) == 1, summary
    assert f"{lost} articles could not be written" in summary[0]
    print("\n".join(line for line in log.splitlines() if "WARNING" in line or "ERROR" in line))
    assert (
        json.loads(items.read_text().splitlines()[0])
        if items.exists() and items.read_text()
        else True
    )


@pytest.mark.parametrize("spider_settings", [TEST_SETTINGS])
def test_settings_of_the_test_crawls_pass_the_checks(
    tmp_path: Path, spider_settings: dict[str, str]
) -> None:
    # The checks must not refuse what the other crawl tests pass.
    args = [a for name, value in spider_settings.items() for a in ("-s", f"{name}={value}")]
    result = scrapy(*nasa(tmp_path, "-a", "limit=1", *args))
    assert result.returncode == 0, result.stderr[-3000:]
