"""WARC files as units of work: which file a crawler process reads next.

Without ``TRACKER_QUEUE`` one process reads every file in order (:class:`LocalUnits`). With it,
the files of one job (a spider and its ``-a warc=``/``-a ccnews=`` argument) live in Redis
(:class:`RedisUnits`), and every process that runs the same job claims the next file nobody
holds, so several Scrapyd nodes split a month of CC-NEWS between them:

- a claim is a lease (``TRACKER_WARC_LEASE`` seconds, renewed while the file is read); the lease
  of a process that died runs out and another process takes the file over;
- a file is marked done once every item read from it has passed the pipelines; a job run again
  (a restarted node, a new Scrapyd job) reads only the files not done yet;
- a file that fails (network error, broken gzip) is retried by whoever claims it next, and given
  up after ``MAX_ATTEMPTS`` claims (logged, counted under ``tracker/archive/files_failed``);
- a process with nothing left to claim waits while other processes still hold files, and takes
  over any whose lease expires, so a job ends with every file done or given up.

Keys (``<job>`` = ``<spider>:<argument>``): ``tracker:warc:<job>:units`` (list, in order),
``...:known`` (set), ``...:state`` (hash file -> done|failed), ``...:leases`` (sorted set file ->
expiry, Redis time), ``...:holders`` and ``...:attempts`` (hashes). Delete them to read a job's
files again.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import redis

logger = logging.getLogger(__name__)

KEY_PREFIX = "tracker:warc:"
MAX_ATTEMPTS = 3
DEFAULT_LEASE = 300.0

# KEYS[1] units, KEYS[2] known; ARGV: the files. Appends the files not seen before, in order.
_SEED = """
local added = 0
for i, unit in ipairs(ARGV) do
  if redis.call('SADD', KEYS[2], unit) == 1 then
    redis.call('RPUSH', KEYS[1], unit)
    added = added + 1
  end
end
return added
"""

# KEYS: units, state, leases, holders, attempts; ARGV: worker, lease seconds, max attempts.
# Returns the first file not done, failed or leased (an expired lease counts as free).
_CLAIM = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1e6
for _, unit in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  if redis.call('HEXISTS', KEYS[2], unit) == 0 then
    local lease = redis.call('ZSCORE', KEYS[3], unit)
    if (not lease) or tonumber(lease) < t then
      local tries = redis.call('HINCRBY', KEYS[5], unit, 1)
      if tries > tonumber(ARGV[3]) then
        redis.call('HSET', KEYS[2], unit, 'failed')
        redis.call('ZREM', KEYS[3], unit)
        redis.call('HDEL', KEYS[4], unit)
      else
        redis.call('ZADD', KEYS[3], t + tonumber(ARGV[2]), unit)
        redis.call('HSET', KEYS[4], unit, ARGV[1])
        return unit
      end
    end
  end
end
return false
"""

# KEYS: leases, holders; ARGV: worker, lease seconds, files. Extends this worker's leases.
_RENEW = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1e6
local renewed = 0
for i = 3, #ARGV do
  if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[1] then
    redis.call('ZADD', KEYS[1], 'XX', t + tonumber(ARGV[2]), ARGV[i])
    renewed = renewed + 1
  end
end
return renewed
"""

# KEYS: state, leases, holders; ARGV: file, outcome ('done', 'failed' or '' to release).
_SETTLE = """
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1
"""


class WorkUnits(Protocol):
    """The files of one job, shared or not (module docstring)."""

    distributed: bool

    def claim(self) -> str | None: ...

    def done(self, unit: str) -> None: ...

    def failed(self, unit: str) -> None: ...

    def release(self, unit: str) -> None: ...

    def renew(self) -> None: ...

    def remaining(self) -> int: ...

    def close(self) -> None: ...


class LocalUnits:
    """Every file, in order, for this process alone; a file that fails is tried again after
    the others, up to ``MAX_ATTEMPTS`` times in all."""

    distributed = False

    def __init__(self, units: list[str]) -> None:
        self.units = list(dict.fromkeys(units))
        self.position = 0
        self.failures: dict[str, int] = {}

    def claim(self) -> str | None:
        if self.position >= len(self.units):
            return None
        unit = self.units[self.position]
        self.position += 1
        return unit

    def done(self, unit: str) -> None:
        pass

    def failed(self, unit: str) -> None:
        self.failures[unit] = self.failures.get(unit, 0) + 1
        if self.failures[unit] < MAX_ATTEMPTS:
            self.units.append(unit)

    def release(self, unit: str) -> None:
        pass

    def renew(self) -> None:
        pass

    def remaining(self) -> int:
        return len(self.units) - self.position

    def close(self) -> None:
        pass


class RedisUnits:
    """The files of a job shared through Redis by every process that runs it."""

    distributed = True

    def __init__(self, url: str, job: str, units: list[str], lease: float = DEFAULT_LEASE) -> None:
        import redis as redis_lib

        self.client: redis.Redis = redis_lib.Redis.from_url(url, socket_connect_timeout=10)
        self.lease = lease
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        prefix = KEY_PREFIX + job + ":"
        self.keys = {
            name: prefix + name
            for name in ("units", "known", "state", "leases", "holders", "attempts")
        }
        self.held: set[str] = set()
        self._seed = self.client.register_script(_SEED)
        self._claim = self.client.register_script(_CLAIM)
        self._renew = self.client.register_script(_RENEW)
        self._settle = self.client.register_script(_SETTLE)
        added = self._seed(keys=[self.keys["units"], self.keys["known"]], args=units)
        logger.info(
            "Archive job %s: %d file(s), %d new; %d not done yet",
            job,
            len(units),
            added,
            self.remaining(),
        )

    def claim(self) -> str | None:
        k = self.keys
        unit: Any = self._claim(
            keys=[k["units"], k["state"], k["leases"], k["holders"], k["attempts"]],
            args=[self.worker, self.lease, MAX_ATTEMPTS],
        )
        if not unit:
            return None
        text = unit.decode("utf-8") if isinstance(unit, bytes) else str(unit)
        self.held.add(text)
        return text

    def _settle_as(self, unit: str, outcome: str) -> None:
        k = self.keys
        self._settle(keys=[k["state"], k["leases"], k["holders"]], args=[unit, outcome])
        self.held.discard(unit)

    def done(self, unit: str) -> None:
        self._settle_as(unit, "done")

    def failed(self, unit: str) -> None:
        # Another claim may retry it (a network error passes); MAX_ATTEMPTS claims give up.
        self._settle_as(unit, "")

    def release(self, unit: str) -> None:
        self._settle_as(unit, "")

    def renew(self) -> None:
        if self.held:
            self._renew(
                keys=[self.keys["leases"], self.keys["holders"]],
                args=[self.worker, self.lease, *sorted(self.held)],
            )

    def remaining(self) -> int:
        """Files neither done nor given up (some may be held by other processes)."""
        return int(self.client.llen(self.keys["units"])) - int(self.client.hlen(self.keys["state"]))

    def given_up(self) -> list[str]:
        state: dict[Any, Any] = self.client.hgetall(self.keys["state"])
        return sorted(
            (k.decode() if isinstance(k, bytes) else str(k))
            for k, v in state.items()
            if v in (b"failed", "failed")
        )

    def close(self) -> None:
        for unit in list(self.held):
            try:
                self.release(unit)
            except Exception as exc:  # the lease runs out anyway
                logger.warning("Could not release %s: %s", unit, exc)
        self.client.close()
