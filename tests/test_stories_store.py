"""The story index and the revisit records in the state store: one contract, SQLite and Redis
(the Redis store runs against the real redis-server that conftest starts)."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tracker.processing.stories import article_id, signature_bytes, story_features
from tracker.state import RevisitRecord, StateStore, StoryEntry, open_store

TEXT = (
    "The city council voted on Tuesday to close the old bridge for repairs.\n\n"
    "Engineers found cracks in two of the supporting piers during an inspection last month.\n\n"
    "The bridge carries about twelve thousand vehicles a day, the council said.\n\n"
    "Repairs are expected to take six months and cost four million pounds."
)


@pytest.fixture(params=["sqlite", "redis"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A TRACKER_STATE value: a SQLite path, or an emptied Redis database."""
    if request.param == "redis":
        return str(request.getfixturevalue("redis_url"))
    return str(tmp_path / "state.sqlite3")


@pytest.fixture
def store(store_target: str) -> Iterator[StateStore]:
    opened = open_store(store_target)
    try:
        yield opened
    finally:
        opened.close()


def entry(url: str, story: str | None = None, seen_at: float | None = None, **kw: Any) -> Any:
    this = article_id(url)
    features = story_features(kw.pop("title", "Bridge closed"), kw.pop("text", TEXT))
    made = StoryEntry(
        article_id=this,
        story_id=story or this,
        role="copy" if story else "original",
        url=url,
        path=f"2026-12-01/general/{this}.md",
        day="2026-12-01",
        seen_at=time.time() if seen_at is None else seen_at,
        publisher=kw.pop("publisher", "Gazette"),
        title="Bridge closed",
        text_signature=signature_bytes(features.text_signature),
        lead_signature=signature_bytes(features.lead_signature),
    )
    return made, features.copy_bands + features.related_bands


def test_an_entry_is_found_by_its_bands_and_read_back_whole(store: StateStore) -> None:
    original, bands = entry("https://a.example/bridge")
    with store.story_lock():
        assert store.story_candidates(bands, 0.0) == []
        store.add_story_entry(original, bands)
    found = store.story_candidates(bands, 0.0)
    assert found == [original]
    assert store.story_entry(original.article_id) == original
    assert store.story_members(original.story_id) == [original]
    assert store.stories_of_day("2026-12-01") == [original.story_id]
    # A different headline and text share no band.
    _, other_bands = entry(
        "https://b.example/x", title="Match report", text="Completely unrelated words " * 20
    )
    assert store.story_candidates(other_bands, 0.0) == []


def test_members_come_oldest_first_and_removal_forgets_an_entry(store: StateStore) -> None:
    first, bands = entry("https://a.example/bridge", seen_at=100.0)
    second, bands2 = entry("https://b.example/bridge", story=first.story_id, seen_at=200.0)
    with store.story_lock():
        store.add_story_entry(second, bands2)
        store.add_story_entry(first, bands)
    assert [m.article_id for m in store.story_members(first.story_id)] == [
        first.article_id,
        second.article_id,
    ]
    with store.story_lock():
        store.remove_story_entry(second.article_id)
    assert store.story_entry(second.article_id) is None
    assert [e.article_id for e in store.story_candidates(bands, 0.0)] == [first.article_id]


def test_candidates_respect_the_time_window_and_pruning_drops_old_entries(
    store: StateStore,
) -> None:
    now = time.time()
    old, bands = entry("https://a.example/old", seen_at=now - 10 * 86400)
    new, _ = entry("https://b.example/new", seen_at=now)
    with store.story_lock():
        store.add_story_entry(old, bands)
        store.add_story_entry(new, bands)
    assert {e.article_id for e in store.story_candidates(bands, now - 7 * 86400)} == {
        new.article_id
    }
    assert store.prune_stories(now - 7 * 86400) == 1
    assert store.story_entry(old.article_id) is None
    assert [e.article_id for e in store.story_candidates(bands, 0.0)] == [new.article_id]
    counts = store.story_counts()  # type: ignore[attr-defined]
    assert counts["entries"] == 1 and counts["bands"] == len(bands)


def test_re_adding_an_entry_replaces_its_bands(store: StateStore) -> None:
    first, bands = entry("https://a.example/bridge")
    with store.story_lock():
        store.add_story_entry(first, bands)
    _, new_bands = entry("https://a.example/bridge", text="A rewritten article text " * 30)
    with store.story_lock():
        store.add_story_entry(first, new_bands)
    assert store.story_candidates(bands[:16], 0.0) == []  # the old text's copy bands are gone
    assert [e.article_id for e in store.story_candidates(new_bands, 0.0)] == [first.article_id]


def _lock_holder(url: str, hold: float, started: Any, log: Any) -> None:
    other = open_store(url)
    try:
        with other.story_lock():
            started.set()
            log.put(("in", time.monotonic()))
            time.sleep(hold)
            log.put(("out", time.monotonic()))
    finally:
        other.close()


def test_the_story_lock_excludes_other_processes(store: StateStore, store_target: str) -> None:
    url = store_target
    context = multiprocessing.get_context("spawn")
    started = context.Event()
    log = context.Queue()
    process = context.Process(target=_lock_holder, args=(url, 1.0, started, log))
    process.start()
    try:
        assert started.wait(60)
        with store.story_lock():
            entered = time.monotonic()
        process.join(60)
        events = dict([log.get(timeout=5), log.get(timeout=5)])
        assert entered >= events["out"], "the lock was held by another process"
    finally:
        process.join(5)


def record(url: str, published_at: float, **kw: Any) -> RevisitRecord:
    return RevisitRecord(
        url=url,
        spider=kw.pop("spider", "gazette"),
        path="2026-12-01/general/x.md",
        published_at=published_at,
        content_hash="a" * 64,
        title="Bridge closed",
        text=TEXT,
        etag='"v1"',
        last_modified="Tue, 01 Dec 2026 10:00:00 GMT",
        **kw,
    )


def test_revisit_records_round_trip_by_any_form_of_the_url(store: StateStore) -> None:
    now = time.time()
    store.save_revisit(record("https://a.example/bridge?utm_source=rss", now))
    found = store.revisit_record("https://a.example/bridge")
    assert found is not None and found.text == TEXT and found.etag == '"v1"'
    assert store.revisit_record("https://a.example/bridge?utm_medium=feed") is not None
    assert store.revisit_record("https://a.example/other") is None


def test_due_revisits_hand_each_article_out_once_per_interval(store: StateStore) -> None:
    now = time.time()
    store.save_revisit(record("https://a.example/young", now - 3600))
    store.save_revisit(record("https://a.example/old", now - 5 * 86400))
    store.save_revisit(record("https://a.example/other-spider", now, spider="other"))
    due = store.due_revisits("gazette", now - 2 * 86400, now - 6 * 3600, now)
    assert [r.url for r in due] == ["https://a.example/young"]
    # Just requested: not due again within the interval, whoever asks.
    assert store.due_revisits("gazette", now - 2 * 86400, now - 6 * 3600, now + 60) == []
    later = now + 7 * 3600
    assert len(store.due_revisits("gazette", now - 2 * 86400, later - 6 * 3600, later)) == 1
    store.touch_revisit("https://a.example/young", later, etag='"v2"')
    touched = store.revisit_record("https://a.example/young")
    assert touched is not None and touched.etag == '"v2"' and touched.last_requested == later
    assert store.prune_revisits(now - 2 * 86400) == 1
    assert store.revisit_record("https://a.example/old") is None
