"""The pipelines, the rejects log and the seen-URL filter inside a real Scrapy engine, as the
project's settings wire them, with Scrapy's deprecation warnings shown.

A tiny spider (defined in the subprocess script below) reads the real NASA feed fixture from a
file:// URL and yields one item per entry plus one item without a body; the crawl runs twice on
the same output folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT / "tests" / "fixtures" / "feeds" / "www.nasa.gov_feed_2024-03-14.xml.gz"

SCRIPT = """
import gzip, json, sys
import feedparser
from markdownify import markdownify
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import HtmlResponse
from scrapy.utils.project import get_project_settings
from tracker.items import ArticleItem, PublisherHints

class FeedFileSpider(scrapy.Spider):
    name = "feedfile"

    async def start(self):
        yield scrapy.Request("file://" + sys.argv[2])

    def parse(self, response):
        feed = feedparser.parse(gzip.decompress(response.body))
        for entry in feed.entries:
            yield scrapy.Request(
                entry.link,
                callback=self.article,
                cb_kwargs={"entry": entry},
                meta={"tracker_article": True},
            )
        yield ArticleItem(url="https://www.nasa.gov/empty/", title="Empty", spider=self.name)

    def article(self, response, entry):
        yield ArticleItem(
            url=entry.link, fetched_url=response.url, title=entry.title, publisher="NASA",
            spider=self.name, authors=[entry.get("author", "")], published=entry.published,
            tags=[t.term for t in entry.get("tags", [])],
            body=markdownify(entry.content[0].value, heading_style="ATX"),
            hints=PublisherHints(default_category="Science"),
        )


# Answers article requests locally (no page body is needed: the item uses the feed).
class NoNetwork:

    def process_request(self, request):
        if request.meta.get("tracker_article"):
            return HtmlResponse(request.url, body=b"<html></html>", request=request)
        return None


settings = get_project_settings()
settings.set("TRACKER_OUTPUT_DIR", sys.argv[1])
settings.set("LOG_LEVEL", "INFO")
settings.set("ROBOTSTXT_OBEY", False)
settings.set("TRACKER_REPLAY", "")
# After the seen-URL filter (50), before anything that could reach the network.
settings.set("DOWNLOADER_MIDDLEWARES", {**settings.getdict("DOWNLOADER_MIDDLEWARES"),
                                        "__main__.NoNetwork": 55})
settings.set("FEEDS", {sys.argv[1] + "/items.jsonl": {"format": "jsonlines"}})
process = CrawlerProcess(settings)
crawler = process.create_crawler(FeedFileSpider)
process.crawl(crawler)
process.start()
stats = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("tracker/")}
print("STATS " + json.dumps(stats))
"""


def crawl(out: Path) -> tuple[dict[str, int], str]:
    # A file, not "-c": Scrapy reads the spider's source to check its callbacks.
    script = out.parent / "engine_crawl.py"
    script.write_text(SCRIPT)
    result = subprocess.run(
        [sys.executable, "-W", "always", str(script), str(out), str(FEED)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("STATS "))
    return json.loads(line[6:]), result.stderr


@pytest.mark.slow
def test_a_real_engine_runs_the_chain_and_a_second_crawl_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stats, log = crawl(out)
    # Scrapy 2.19 accepts our component signatures without a deprecation warning.
    assert "Deprecat" not in log, [x for x in log.splitlines() if "Deprecat" in x]
    assert "Traceback" not in log
    assert stats["tracker/export/written"] == 10
    assert stats["tracker/rejected/no_body"] == 1
    assert "Rejected https://www.nasa.gov/empty/: no_body" in log
    (reject,) = [json.loads(x) for x in (out / "rejects.jsonl").read_text().splitlines()]
    assert (reject["url"], reject["spider"], reject["reason"]) == (
        "https://www.nasa.gov/empty/",
        "feedfile",
        "no_body",
    )
    items = [json.loads(x) for x in (out / "items.jsonl").read_text().splitlines()]
    assert len(items) == 10 and all((out / i["path"]).is_file() for i in items)
    files = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}

    (out / "items.jsonl").unlink()
    stats, _ = crawl(out)
    # Every article request was filtered before download: no item, no file touched.
    assert stats["tracker/skipped/seen_url"] == 10
    assert "tracker/export/written" not in stats
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.md")} == files
