"""The Redis StateStore: seen URLs and content hashes shared by several crawler processes.

``TRACKER_STATE=redis://host:port/db`` selects it (``tracker.state.open_store`` dispatches on the
URL scheme). Every crawler process, on any machine, that points at the same Redis database sees
the same articles as written, so an article fetched or written by one is skipped by the others.

Keys (``<prefix>`` is ``tracker:state:`` unless the URL says ``?prefix=...``):

- ``<prefix>articles``: hash, content hash -> path of the Markdown file (relative to the output
  folder of the node that wrote it);
- ``<prefix>urls``: set of article URLs in their canonical form
  (``tracker.processing.normalise.url_key``);
- ``<prefix>claim:<content hash>``: the owner of a claim, with a TTL (``?claim_ttl=``, default
  600 seconds), so the claim of a process that crashed between claim and mark does not block the
  article for ever; Redis expires it on its own clock;
- ``<prefix>story:...`` and ``<prefix>revisit:...``: the story index (tracker.state.stories) and
  the revisit records (tracker.state.revisits).

- ``<prefix>health:runs:<spider>``, ``<prefix>health:spiders``: the health history of spider runs
  (tracker.health.history).

Claim and release are Lua scripts, so "not written yet and not claimed" is checked and the claim
taken in one step, atomically for every process sharing the database.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import redis

from tracker.health.history import RedisHealthHistory
from tracker.processing.normalise import url_key
from tracker.state.errors import StateStoreError
from tracker.state.revisits import RedisRevisits
from tracker.state.stories import RedisStoryIndex

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "tracker:state:"
DEFAULT_CLAIM_TTL = 600

# KEYS[1] articles hash, KEYS[2] claim key; ARGV[1] content hash, ARGV[2] owner, ARGV[3] ttl.
_CLAIM = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'EX', tonumber(ARGV[3])) then return 1 end
return 0
"""

# KEYS[1] claim key; ARGV[1] owner. Only the owner may drop its claim.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class StateStoreUnavailable(StateStoreError, RuntimeError):
    """The Redis server named by TRACKER_STATE cannot be reached."""


def split_store_url(url: str) -> tuple[str, str, int]:
    """The Redis connection URL, key prefix and claim TTL of a ``TRACKER_STATE`` URL.

    ``prefix`` and ``claim_ttl`` are the tracker's own query parameters; the rest of the URL is
    passed to redis-py unchanged.
    """
    parts = urlsplit(url)
    prefix = DEFAULT_PREFIX
    claim_ttl = DEFAULT_CLAIM_TTL
    kept: list[tuple[str, str]] = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name == "prefix":
            prefix = value if value.endswith(":") else value + ":"
        elif name == "claim_ttl":
            try:
                claim_ttl = int(value)
            except ValueError:
                raise ValueError(
                    f"TRACKER_STATE: claim_ttl must be a whole number of seconds, got {value!r}"
                ) from None
            if claim_ttl < 1:
                raise ValueError("TRACKER_STATE: claim_ttl must be at least 1 second")
        else:
            kept.append((name, value))
    connection_url = urlunsplit(parts._replace(query=urlencode(kept)))
    return connection_url, prefix, claim_ttl


def _redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


class RedisStateStore(RedisHealthHistory, RedisStoryIndex, RedisRevisits):
    """StateStore on a Redis database shared by every crawler process of a deployment."""

    def __init__(
        self,
        client: redis.Redis,
        *,
        prefix: str = DEFAULT_PREFIX,
        claim_ttl: int = DEFAULT_CLAIM_TTL,
        label: str = "redis",
    ) -> None:
        self._client: redis.Redis | None = client
        self.prefix = prefix
        self.claim_ttl = claim_ttl
        self.label = label
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._articles_key = prefix + "articles"
        self._urls_key = prefix + "urls"
        self._claim_script = client.register_script(_CLAIM)
        self._release_script = client.register_script(_RELEASE)
        # Claims this process holds, released on close so a clean shutdown leaves none behind.
        self._held: set[str] = set()

    @classmethod
    def from_url(cls, url: str) -> RedisStateStore:
        """Connect to ``redis://[:password@]host:port/db[?prefix=...&claim_ttl=...]``."""
        connection_url, prefix, claim_ttl = split_store_url(url)
        label = _redacted(url)
        client = redis.Redis.from_url(
            connection_url,
            decode_responses=True,
            socket_connect_timeout=10,
            socket_timeout=30,
            health_check_interval=30,
        )
        try:
            client.ping()
        except redis.RedisError as exc:
            client.close()
            raise StateStoreUnavailable(
                f"TRACKER_STATE={label}: cannot reach Redis ({exc}); start redis-server or fix"
                " the URL"
            ) from exc
        logger.info("State store: Redis %s (prefix %r, claim TTL %ss)", label, prefix, claim_ttl)
        return cls(client, prefix=prefix, claim_ttl=claim_ttl, label=label)

    def _redis(self) -> redis.Redis:
        if self._client is None:
            raise RuntimeError(f"state store {self.label} is closed")
        return self._client

    def _claim_key(self, content_hash: str) -> str:
        return f"{self.prefix}claim:{content_hash}"

    # --- queries ---------------------------------------------------------------------------------

    def has_url(self, url: str) -> bool:
        keys = {url, url_key(url)}
        found: list[Any] = self._redis().smismember(self._urls_key, sorted(keys))
        return any(found)

    def has_hash(self, content_hash: str) -> bool:
        return bool(self._redis().hexists(self._articles_key, content_hash))

    def path_for(self, content_hash: str) -> str | None:
        """Where the article with this hash was written, if it was."""
        value: Any = self._redis().hget(self._articles_key, content_hash)
        return str(value) if value is not None else None

    def counts(self) -> dict[str, int]:
        """Written articles, known URLs and live claims (for logs and tests)."""
        client = self._redis()
        claims = sum(1 for _ in client.scan_iter(match=self.prefix + "claim:*", count=1000))
        return {
            "articles": int(client.hlen(self._articles_key)),
            "urls": int(client.scard(self._urls_key)),
            "claims": claims,
        }

    # --- claims and marks ------------------------------------------------------------------------

    def claim(self, content_hash: str, url: str) -> bool:
        taken = self._claim_script(
            keys=[self._articles_key, self._claim_key(content_hash)],
            args=[content_hash, self.owner, self.claim_ttl],
            client=self._redis(),
        )
        if taken:
            self._held.add(content_hash)
            return True
        logger.debug("Hash %s of %s is written or claimed elsewhere", content_hash[:12], url)
        return False

    def release(self, content_hash: str) -> None:
        self._release_script(
            keys=[self._claim_key(content_hash)], args=[self.owner], client=self._redis()
        )
        self._held.discard(content_hash)

    def mark_written(self, content_hash: str, urls: Iterable[str], path: str) -> None:
        keys = sorted({url_key(u) for u in urls if u})
        # One MULTI/EXEC: the article, its URLs and the end of its claim appear together.
        with self._redis().pipeline(transaction=True) as pipe:
            pipe.hset(self._articles_key, content_hash, path)
            if keys:
                pipe.sadd(self._urls_key, *keys)
            pipe.delete(self._claim_key(content_hash))
            pipe.execute()
        self._held.discard(content_hash)

    def close(self) -> None:
        if self._client is None:
            return
        try:
            for content_hash in sorted(self._held):
                self._release_script(
                    keys=[self._claim_key(content_hash)], args=[self.owner], client=self._client
                )
        except redis.RedisError as exc:
            # Not fatal: the claims expire on their own after claim_ttl.
            logger.warning("Could not release claims in %s: %s", self.label, exc)
        self._held.clear()
        self._client.close()
        self._client = None
