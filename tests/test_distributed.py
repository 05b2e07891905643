"""Several crawler processes split one crawl through Redis (TRACKER_QUEUE + TRACKER_STATE).

The integration test runs two ``scrapy crawl nasa`` processes at once against a real redis-server
(conftest) on the same replayed crawl. Its cassette is built here, in a temporary folder, from
real captures only plus one hand-built listing:

- https://www.nasa.gov/feed/ answers with the real captured feed (from tests/cassettes/nasa.json:
  10 articles, built from the feed's full content since their pages were not captured);
- https://www.nasa.gov/news-release/feed/ answers with a HAND-BUILT RSS feed (bench/site.py)
  listing copies of the six real NASA article pages in tests/fixtures/nasa; each copy has its own
  URL written into the page and a "[copy k]" marker at the start of each paragraph, so each is a
  distinct article (own canonical URL, own content hash); the rest of each page is the real one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from bench.site import Site, load_pages
from tests.conftest import ROOT
from tracker.cassettes import make_interaction
from tracker.distributed import QueueAddon, SharedCrawl, queue_url, request_from_json
from tracker.spiders.nasa import NasaSpider

COPIES = 25  # per real page: 6 x 25 copies + 10 feed articles = 160 articles to split

REAL_CASSETTE = ROOT / "tests" / "cassettes" / "nasa.json"
COPIES_FEED = "https://www.nasa.gov/news-release/feed/"


def build_cassette(path: Path) -> set[str]:
    """Write the crawl's cassette (module docstring); return the article URLs it offers."""
    real = json.loads(REAL_CASSETTE.read_text())
    feed = next(i for i in real["http_interactions"] if i["request"]["uri"].endswith("/feed/"))
    pages = load_pages(spiders=["nasa"])
    assert len(pages) == 6
    site = Site(
        pages,
        len(pages) * COPIES,
        lambda i, base, copy: base.url.rstrip("/") + f"-copy-{copy}/",
    )
    html_headers = {"Content-Type": ["text/html; charset=UTF-8"]}
    interactions = [feed]
    interactions.append(
        make_interaction(
            method="GET",
            uri=COPIES_FEED,
            status=200,
            headers={"Content-Type": ["application/rss+xml; charset=UTF-8"]},
            body=site.feed_xml("NASA copies (hand-built feed)").encode(),
        )
    )
    urls = set()
    for article in site.articles():
        urls.add(article.url)
        interactions.append(
            make_interaction(
                method="GET",
                uri=article.url,
                status=200,
                headers=html_headers,
                body=site.page(article.index).encode(),
            )
        )
    path.write_text(json.dumps({"http_interactions": interactions, "recorded_with": "tests"}))
    return urls


def crawl(out: Path, cassette: Path, redis_url: str) -> subprocess.Popen[str]:
    out.mkdir()
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "nasa",
        "-s",
        f"TRACKER_REPLAY={cassette}",
        "-s",
        f"TRACKER_OUTPUT_DIR={out}",
        "-s",
        f"TRACKER_STATE={redis_url}",
        "-s",
        f"TRACKER_QUEUE={redis_url}",
        "-O",
        str(out / "items.jsonl"),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def stat(log: str, name: str) -> int:
    match = re.search(rf"'{re.escape(name)}': (\d+)", log)
    return int(match.group(1)) if match else 0


@pytest.mark.redis
@pytest.mark.slow
def test_two_processes_split_one_crawl_and_write_each_article_once(
    redis_url: str, tmp_path: Path
) -> None:
    cassette = tmp_path / "cassette.json"
    copy_urls = build_cassette(cassette)
    workers = [crawl(tmp_path / f"node{n}", cassette, redis_url) for n in (1, 2)]
    logs = []
    for worker in workers:
        _stdout, stderr = worker.communicate(timeout=280)
        assert worker.returncode == 0, stderr[-4000:]
        assert "'finish_reason': 'finished'" in stderr, stderr[-4000:]
        logs.append(stderr)

    items_per_node = [
        [
            json.loads(line)
            for line in (tmp_path / f"node{n}" / "items.jsonl").read_text().splitlines()
        ]
        for n in (1, 2)
    ]
    urls = [item["url"] for items in items_per_node for item in items]
    assert len(urls) == len(set(urls)), "an article was written by both processes"
    assert copy_urls <= set(urls), sorted(copy_urls - set(urls))[:5]
    assert len(urls) == len(copy_urls) + 10  # + the real feed's 10 articles

    files = [
        p.relative_to(tmp_path / f"node{n}")
        for n in (1, 2)
        for p in (tmp_path / f"node{n}").rglob("*.md")
        if p.name not in ("index.md", "stories.md")
    ]
    assert len(files) == len(urls) and len(set(files)) == len(files)

    for n, (items, log) in enumerate(zip(items_per_node, logs, strict=True), start=1):
        # Both processes did work: pages from the shared queue, articles written.
        assert len(items) >= 10, f"node{n} wrote only {len(items)} articles"
        assert stat(log, "scheduler/dequeued/redis") >= 10, f"node{n} took little from Redis"
        assert stat(log, "tracker/export/written") == len(items)


@pytest.mark.redis
@pytest.mark.slow
def test_second_distributed_run_fetches_no_article_again(redis_url: str, tmp_path: Path) -> None:
    cassette = tmp_path / "cassette.json"
    build_cassette(cassette)
    first = crawl(tmp_path / "first", cassette, redis_url)
    _out, log = first.communicate(timeout=280)
    assert first.returncode == 0, log[-4000:]
    second = crawl(tmp_path / "second", cassette, redis_url)
    _out, log = second.communicate(timeout=280)
    assert second.returncode == 0, log[-4000:]
    assert (tmp_path / "second" / "items.jsonl").read_text() == ""
    # Only the two feeds are answered: every article page was dropped as already written.
    assert stat(log, "tracker/replay/hits") == 2, log[-3000:]


@pytest.mark.redis
@pytest.mark.slow
def test_json_pushed_to_start_urls_is_crawled(redis_url: str, tmp_path: Path) -> None:
    import redis

    page = "https://www.nasa.gov/image-article/nasa-hq-juneteenth-flag-raising-ceremony/"
    client = redis.Redis.from_url(redis_url)
    # Bare URLs are refused (logged); JSON entries become article requests.
    client.rpush("nasa:start_urls", page, json.dumps({"url": page}))
    client.close()
    worker = crawl(tmp_path / "node", REAL_CASSETTE, redis_url)
    _out, log = worker.communicate(timeout=280)
    assert worker.returncode == 0, log[-4000:]
    items = [
        json.loads(line) for line in (tmp_path / "node" / "items.jsonl").read_text().splitlines()
    ]
    assert page in {item["url"] for item in items}
    assert len(items) == 11  # the real feed's 10 articles + the pushed page
    assert stat(log, "tracker/queue/pushed_start") == 1
    assert "ignored pushed entry" in log


def test_queue_is_off_without_tracker_queue() -> None:
    from tracker import settings as project_settings

    values = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}
    crawler = get_crawler(NasaSpider, values)
    crawler._apply_settings()
    assert crawler.settings.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"
    assert SharedCrawl not in crawler.settings.getdict("EXTENSIONS")
    assert crawler.settings.get("DUPEFILTER_CLASS") == "scrapy.dupefilters.RFPDupeFilter"


def test_tracker_queue_switches_on_scrapy_redis() -> None:
    from scrapy.settings import Settings

    settings = Settings({"TRACKER_QUEUE": "redis://127.0.0.1:1/3"})
    QueueAddon().update_settings(settings)
    assert settings.get("SCHEDULER") == "scrapy_redis.scheduler.Scheduler"
    assert settings.get("DUPEFILTER_CLASS") == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings.get("REDIS_URL") == "redis://127.0.0.1:1/3"
    assert settings.getbool("SCHEDULER_PERSIST")
    assert SharedCrawl in settings.getdict("EXTENSIONS")


def test_bad_queue_url_is_a_one_line_error() -> None:
    from scrapy.settings import Settings

    with pytest.raises(ValueError, match="expected a redis://host:port/db URL"):
        queue_url(Settings({"TRACKER_QUEUE": "localhost:6379"}))


def test_pushed_json_becomes_article_or_source_requests() -> None:
    spider = NasaSpider()
    article = request_from_json(spider, b'{"url": "https://www.nasa.gov/a/"}')
    assert article is not None and article.callback == spider.parse_article
    feed = request_from_json(spider, '{"url": "https://www.nasa.gov/feed/", "source": "feed"}')
    assert feed is not None and feed.callback == spider.parse_feed
    assert request_from_json(spider, "https://www.nasa.gov/bare-url/") is None
    assert request_from_json(spider, '{"url": "https://x/", "source": "carrier-pigeon"}') is None
