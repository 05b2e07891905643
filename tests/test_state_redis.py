"""The Redis StateStore against a real redis-server (started by conftest on 127.0.0.1)."""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

import pytest
import redis

from tracker.state import open_store
from tracker.state.redis import RedisStateStore, StateStoreUnavailable, split_store_url

pytestmark = pytest.mark.redis

HASH = "a" * 64
URL = "https://www.nasa.gov/image-article/nasa-hq-juneteenth-flag-raising-ceremony/"


def test_open_store_dispatches_redis_urls(redis_url: str) -> None:
    store = open_store(redis_url)
    try:
        assert isinstance(store, RedisStateStore)
    finally:
        store.close()


def test_nothing_is_seen_before_mark_written(redis_url: str) -> None:
    store = RedisStateStore.from_url(redis_url)
    try:
        assert not store.has_url(URL)
        assert not store.has_hash(HASH)
        assert store.claim(HASH, URL)
        # A claim alone marks nothing: a crash now must leave the article unseen.
        assert not store.has_url(URL)
        assert not store.has_hash(HASH)
        store.mark_written(HASH, [URL, URL + "?utm_source=rss"], "2023/science/x.md")
        assert store.has_hash(HASH)
        assert store.has_url(URL)
        # Looked up in canonical form: a feed link with tracking parameters is the same article.
        assert store.has_url(URL + "?utm_source=feed")
        assert store.path_for(HASH) == "2023/science/x.md"
        assert store.counts() == {"articles": 1, "urls": 1, "claims": 0}
    finally:
        store.close()


def test_state_is_shared_between_processes_stores(redis_url: str) -> None:
    writer = RedisStateStore.from_url(redis_url)
    reader = RedisStateStore.from_url(redis_url)
    try:
        assert writer.claim(HASH, URL)
        assert not reader.claim(HASH, URL), "a held claim must block other writers"
        writer.mark_written(HASH, [URL], "x.md")
        assert reader.has_url(URL) and reader.has_hash(HASH)
        assert not reader.claim(HASH, URL), "a written hash cannot be claimed again"
    finally:
        writer.close()
        reader.close()


def test_own_claim_blocks_a_second_copy_in_the_same_crawl(redis_url: str) -> None:
    store = RedisStateStore.from_url(redis_url)
    try:
        assert store.claim(HASH, URL)
        assert not store.claim(HASH, URL + "copy/")
    finally:
        store.close()


def test_release_lets_another_writer_claim(redis_url: str) -> None:
    first = RedisStateStore.from_url(redis_url)
    second = RedisStateStore.from_url(redis_url)
    try:
        assert first.claim(HASH, URL)
        second.release(HASH)  # not its claim: must not drop it
        assert not second.claim(HASH, URL)
        first.release(HASH)
        assert second.claim(HASH, URL)
        assert not first.has_hash(HASH)
    finally:
        first.close()
        second.close()


def test_claim_of_a_crashed_process_expires(redis_url: str) -> None:
    crashed = RedisStateStore.from_url(redis_url + "?claim_ttl=1")
    assert crashed.claim(HASH, URL)
    # The process "dies" without release or close: its claim blocks only until the TTL.
    other = RedisStateStore.from_url(redis_url + "?claim_ttl=1")
    try:
        assert not other.claim(HASH, URL)
        time.sleep(1.3)
        assert other.claim(HASH, URL)
    finally:
        other.close()


def test_close_releases_the_claims_still_held(redis_url: str) -> None:
    first = RedisStateStore.from_url(redis_url)
    assert first.claim(HASH, URL)
    first.close()
    second = RedisStateStore.from_url(redis_url)
    try:
        assert second.claim(HASH, URL)
    finally:
        second.close()


def test_prefix_keeps_deployments_apart(redis_url: str) -> None:
    one = RedisStateStore.from_url(redis_url + "?prefix=one")
    two = RedisStateStore.from_url(redis_url + "?prefix=two")
    try:
        one.mark_written(HASH, [URL], "x.md")
        assert one.has_url(URL)
        assert not two.has_url(URL) and not two.has_hash(HASH)
    finally:
        one.close()
        two.close()


def _claim_all(url: str, hashes: list[str], ready: Any, go: Any, queue: Any) -> None:
    store = RedisStateStore.from_url(url)
    ready.put(True)
    go.wait(60)  # all processes race from the same moment
    won = []
    for content_hash in hashes:
        if store.claim(content_hash, URL):
            won.append(content_hash)
            store.mark_written(content_hash, [f"{URL}{content_hash}/"], content_hash + ".md")
    store.close()
    queue.put(won)


def test_concurrent_processes_claim_each_hash_exactly_once(redis_url: str) -> None:
    hashes = [f"{i:064x}" for i in range(300)]
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    ready = context.Queue()
    go = context.Event()
    workers = [
        context.Process(target=_claim_all, args=(redis_url, hashes[::step], ready, go, queue))
        for step in (1, -1, 1, -1)
    ]
    for worker in workers:
        worker.start()
    # Start the race only once every process is connected: a slow start on a loaded machine
    # would otherwise let the first process claim everything alone.
    for _ in workers:
        ready.get(timeout=60)
    go.set()
    results = [queue.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    won = [h for result in results for h in result]
    assert sorted(won) == sorted(hashes), "every hash is written by exactly one process"
    assert sum(1 for result in results if result) >= 2, "the race had more than one winner"


def test_unreachable_redis_is_a_clear_error() -> None:
    from tests.conftest import free_port

    with pytest.raises(StateStoreUnavailable, match="cannot reach Redis"):
        RedisStateStore.from_url(f"redis://127.0.0.1:{free_port()}/0")


def test_store_url_options() -> None:
    assert split_store_url("redis://h:1/2?prefix=news&claim_ttl=30&ssl_cert_reqs=none") == (
        "redis://h:1/2?ssl_cert_reqs=none",
        "news:",
        30,
    )
    with pytest.raises(ValueError, match="claim_ttl"):
        split_store_url("redis://h:1/2?claim_ttl=soon")


def test_marks_survive_a_reconnect(redis_url: str) -> None:
    store = RedisStateStore.from_url(redis_url)
    store.mark_written(HASH, [URL], "x.md")
    store.close()
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    try:
        assert client.hget("tracker:state:articles", HASH) == "x.md"
    finally:
        client.close()
