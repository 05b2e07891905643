"""One crawl split across several processes (and machines) through a shared Redis request queue.

``-s TRACKER_QUEUE=redis://host:port/db`` switches it on; without it nothing here is active and
Scrapy's own scheduler runs as usual. With it, ``QueueAddon`` installs scrapy-redis' scheduler and
duplicate filter (requests live in Redis, every process pops from the same queue, and a URL is
queued once per crawl however many processes discover it) and the ``SharedCrawl`` extension, which
coordinates the workers:

- every worker still runs its spider's own start requests (feeds and sitemaps are cheap, and a
  single worker is then a complete crawl); the article requests they discover are queued once;
- a worker that runs out of requests waits while another worker is still busy (it may be parsing
  a feed that fills the queue again) and closes when the queue is empty and every worker is idle;
- the duplicate filter lasts one crawl: the last worker out drops it, so the next day's crawl
  queues the new articles again (already-written articles are skipped by the ``TRACKER_STATE``
  store, which should then be on the same Redis); if every worker crashed, it expires
  ``DUPEFILTER_TTL`` seconds after their last heartbeat. The request queue is kept: requests
  left by a crashed crawl are resumed by the next one;
- extra work can be pushed while workers run, RedisSpider-style, as JSON (never bare URLs) to
  the list ``<spider>:start_urls``: ``{"url": "https://..."}`` scrapes an article URL (like
  ``-a urls=``); ``{"url": "https://...", "source": "feed"}`` (or ``sitemap``, ``listing``)
  crawls a discovery source.

Keys: ``tracker:queue:<spider>:requests`` (priority queue), ``...:dupefilter`` (fingerprints),
``...:workers`` and ``...:busy`` (sorted sets: worker id -> last heartbeat, Redis time).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import uuid
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Request
from twisted.internet import task

if TYPE_CHECKING:
    import redis
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

KEY_PREFIX = "tracker:queue:%(spider)s:"
START_URLS_KEY = "%(spider)s:start_urls"
REDIS_SCHEMES = ("redis", "rediss", "unix")

# A worker that has not reported for this long is gone (crashed, killed, network cut).
WORKER_TTL = 30.0
# The duplicate filter lives while workers heartbeat; this long after the last one vanished
# (all crashed), it expires, so a later crawl is not blocked by a dead crawl's fingerprints.
DUPEFILTER_TTL = 300

# KEYS[1] workers, KEYS[2] busy, KEYS[3] dupefilter; ARGV[1] worker id, ARGV[2] ttl,
# ARGV[3] dupefilter ttl. Registers the worker; returns how many workers are live with it.
_JOIN = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1e6
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', t - tonumber(ARGV[2]))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', t - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], t, ARGV[1])
redis.call('ZADD', KEYS[2], t, ARGV[1])
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[3]))
return redis.call('ZCARD', KEYS[1])
"""

# KEYS[1] workers, KEYS[2] busy, KEYS[3] dupefilter; ARGV[1] worker id, ARGV[2] ttl,
# ARGV[3] '1' when busy, ARGV[4] dupefilter ttl. Returns the number of *other* busy workers.
_BEAT = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1e6
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', t - tonumber(ARGV[2]))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', t - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], t, ARGV[1])
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[2], t, ARGV[1])
else
  redis.call('ZREM', KEYS[2], ARGV[1])
end
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[4]))
local busy = redis.call('ZCARD', KEYS[2])
if ARGV[3] == '1' then busy = busy - 1 end
return busy
"""

# KEYS[1] workers, KEYS[2] busy, KEYS[3] dupefilter, KEYS[4] queue; ARGV[1] worker id.
# The last worker out of a finished crawl drops the duplicate filter.
_LEAVE = """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[1]) == 0 and redis.call('EXISTS', KEYS[4]) == 0 then
  redis.call('DEL', KEYS[3])
  return 1
end
return 0
"""


def queue_url(settings: BaseSettings) -> str:
    """The ``TRACKER_QUEUE`` URL, or "" when the shared queue is off."""
    url = str(settings.get("TRACKER_QUEUE") or "").strip()
    if url and url.partition("://")[0].lower() not in REDIS_SCHEMES:
        raise ValueError(
            f"TRACKER_QUEUE={url!r}: expected a redis://host:port/db URL (or leave it empty)"
        )
    return url


class QueueAddon:
    """Turns the shared Redis queue on when ``TRACKER_QUEUE`` is set; does nothing otherwise."""

    def update_settings(self, settings: BaseSettings) -> None:
        url = queue_url(settings)
        if not url:
            return
        settings.set("SCHEDULER", "scrapy_redis.scheduler.Scheduler", priority="addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority="addon")
        settings.set("REDIS_URL", url, priority="addon")
        # The workers decide together when the crawl is over (SharedCrawl); scrapy-redis' own
        # flush on close would empty the queue under the feet of workers still running.
        settings.set("SCHEDULER_PERSIST", True, priority="addon")
        settings.set("SCHEDULER_QUEUE_KEY", KEY_PREFIX + "requests", priority="addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", KEY_PREFIX + "dupefilter", priority="addon")
        # In place, whatever the priority of the project's EXTENSIONS.
        settings.setdefault_in_component_priority_dict("EXTENSIONS", SharedCrawl, 200)


class SharedCrawl:
    """Heartbeats, the "are we done?" decision and RedisSpider-style JSON starts (module doc)."""

    def __init__(self, crawler: Crawler, url: str) -> None:
        import redis as redis_lib

        self.crawler = crawler
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.client: redis.Redis = redis_lib.Redis.from_url(url, socket_connect_timeout=10)
        self.idle_grace = crawler.settings.getfloat("TRACKER_QUEUE_IDLE_GRACE", 3.0)
        self._join = self.client.register_script(_JOIN)
        self._beat = self.client.register_script(_BEAT)
        self._leave = self.client.register_script(_LEAVE)
        self._loop: task.LoopingCall | None = None
        self._idle_since: float | None = None
        self._keys: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedCrawl:
        url = queue_url(crawler.settings)
        if not url:
            raise NotConfigured
        state = str(crawler.settings.get("TRACKER_STATE") or "")
        if state.partition("://")[0].lower() not in REDIS_SCHEMES:
            # Each process would remember only what it wrote itself: across crawls, another
            # process would fetch and write the same articles again.
            logger.warning(
                "TRACKER_QUEUE is set but TRACKER_STATE is not a Redis URL: set TRACKER_STATE to"
                " the same redis:// URL so all processes share what was written"
            )
        extension = cls(crawler, url)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    # --- lifecycle -------------------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        prefix = KEY_PREFIX % {"spider": spider.name}
        self._keys = {
            "workers": prefix + "workers",
            "busy": prefix + "busy",
            "dupefilter": prefix + "dupefilter",
            "requests": prefix + "requests",
            "start": START_URLS_KEY % {"spider": spider.name},
        }
        live = self._join(
            keys=[self._keys["workers"], self._keys["busy"], self._keys["dupefilter"]],
            args=[self.worker, WORKER_TTL, DUPEFILTER_TTL],
        )
        waiting = self.client.zcard(self._keys["requests"])
        logger.info(
            "Shared queue: worker %s joined %s (%s live worker(s); %s requests waiting)",
            self.worker,
            prefix.rstrip(":"),
            live,
            waiting,
        )
        self.crawler.stats.set_value("tracker/queue/worker", self.worker)
        self._loop = task.LoopingCall(self._heartbeat)
        self._loop.start(1.0, now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        try:
            last = self._leave(
                keys=[
                    self._keys["workers"],
                    self._keys["busy"],
                    self._keys["dupefilter"],
                    self._keys["requests"],
                ],
                args=[self.worker],
            )
            if last:
                logger.info("Shared queue: last worker out, crawl %s is over", spider.name)
        except Exception as exc:  # the crawl is over either way; Redis forgets us after the TTL
            logger.warning("Shared queue: could not leave cleanly: %s", exc)
        self.client.close()

    # --- coordination ----------------------------------------------------------------------------

    def _local_idle(self) -> bool:
        engine = self.crawler.engine
        try:
            return bool(engine is not None and engine.spider_is_idle())
        except RuntimeError:  # engine slot already gone: closing
            return True

    def _others_busy(self, busy: bool) -> int:
        return int(
            self._beat(
                keys=[self._keys["workers"], self._keys["busy"], self._keys["dupefilter"]],
                args=[self.worker, WORKER_TTL, "1" if busy else "0", DUPEFILTER_TTL],
            )
        )

    def _heartbeat(self) -> None:
        try:
            idle = self._local_idle()
            self._others_busy(busy=not idle)
            if idle and self.client.zcard(self._keys["requests"]):
                self._wake_engine()
        except Exception as exc:  # a Redis hiccup must not kill the crawl; next beat retries
            logger.warning("Shared queue heartbeat failed: %s", exc)

    def _wake_engine(self) -> None:
        # Scrapy polls an idle scheduler only every 5 s; requests another worker just queued
        # are picked up at once instead. No public API wakes the engine without adding a request
        # (engine.crawl needs one, and these are already queued in Redis), hence the private
        # slot; read defensively, so if Scrapy renames it the worker only waits for the poll.
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def spider_idle(self, spider: Spider) -> None:
        if self._schedule_pushed(spider):
            self._idle_since = None
            raise DontCloseSpider
        others = self._others_busy(busy=False)
        if others:
            self._idle_since = None
            logger.debug("Shared queue: idle, waiting for %s busy worker(s)", others)
            raise DontCloseSpider
        # Everyone looks idle; wait a little longer in case a worker has just popped a request
        # and not reported it yet.
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
        if now - self._idle_since < self.idle_grace:
            raise DontCloseSpider

    def _schedule_pushed(self, spider: Spider) -> int:
        """Turn JSON entries pushed to ``<spider>:start_urls`` into requests; how many."""
        engine = self.crawler.engine
        count = 0
        for _ in range(64):
            raw: Any = self.client.lpop(self._keys["start"])
            if raw is None:
                break
            request = request_from_json(spider, raw)
            if request is None:
                continue
            assert engine is not None
            engine.crawl(request)
            count += 1
        if count:
            self.crawler.stats.inc_value("tracker/queue/pushed_start", count)
            logger.info("Shared queue: %s pushed start request(s) scheduled", count)
        return count


def request_from_json(spider: Spider, raw: bytes | str) -> Request | None:
    """A request for one pushed JSON entry, or None (logged) when the entry is unusable."""
    from tracker.spiders.base import NewsSpider
    from tracker.spiders.sources import Feed, Listing, NewsSitemap, Sitemap

    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    try:
        data: Any = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        logger.error(
            'Shared queue: ignored pushed entry %r: push JSON like {"url": "https://..."}',
            text[:200],
        )
        return None
    url = data["url"]
    kind = str(data.get("source") or "article")
    if not isinstance(spider, NewsSpider):
        return Request(url, meta=dict(data.get("meta") or {}))
    sources = {"feed": Feed, "sitemap": Sitemap, "news_sitemap": NewsSitemap, "listing": Listing}
    if kind == "article":
        return spider.article_request(url)
    source_cls = sources.get(kind)
    if source_cls is None:
        logger.error(
            "Shared queue: ignored %s: source must be one of article, %s",
            url,
            ", ".join(sources),
        )
        return None
    return spider.source_request(source_cls(url))
