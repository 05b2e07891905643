"""Record and replay of HTTP traffic (tracker.cassettes), and the NASA cassette.

Real crawls run in a subprocess (a Twisted reactor starts once per process): this file is also
the script they run, with a tiny spider of its own, so the tests do not depend on the project's
spiders. Servers are local (127.0.0.1) and serve a real NASA page taken from
tests/cassettes/nasa.json.
"""

from __future__ import annotations

import gzip
import http.server
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import betamax
import pytest
import requests
import scrapy
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import CloseSpider, IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Request, Response, XmlResponse
from scrapy.utils.test import get_crawler

from tracker import settings as project_settings
from tracker.cassettes import (
    CassetteError,
    decode_body,
    load_cassette,
    make_interaction,
    write_cassette,
)
from tracker.downloader.cassettes import RecordMiddleware, ReplayMiddleware

ROOT = Path(__file__).resolve().parent.parent
NASA_CASSETTE = ROOT / "tests" / "cassettes" / "nasa.json"
JUNETEENTH = "https://www.nasa.gov/image-article/nasa-hq-juneteenth-flag-raising-ceremony/"
JUNETEENTH_TITLE = "NASA HQ Juneteenth Flag Raising Ceremony"
IMAGE_ARTICLES = [
    "collins-aerospace-tests-nasa-space-station-suit-in-weightlessness",
    "early-production-continues-on-advanced-upper-stage-for-nasa-moon-rocket",
    "just-in-time-for-halloween-nasas-juno-mission-spots-eerie-face-on-jupiter",
    "nasa-hq-juneteenth-flag-raising-ceremony",
    "nasa-teams-prepare-moon-rocket-to-spacecraft-connector-for-assembly",
    "nasas-wallops-c-130-plays-vital-role-in-successful-parachute-airdrop-test",
]


def nasa_interactions() -> dict[str, dict[str, Any]]:
    return {i["request"]["uri"]: i for i in load_cassette(NASA_CASSETTE)}


def nasa_body(url: str) -> bytes:
    """The decompressed real body nasa.json holds for ``url``."""
    return gzip.decompress(decode_body(nasa_interactions()[url]["response"]["body"]))


# --- A local server with real pages ------------------------------------------------------------


class LocalSite:
    """127.0.0.1 server: /page (a real NASA page, gzipped), /feed (the real feed, plain),
    /moved (302 to /page). It remembers which paths were asked for."""

    def __init__(self) -> None:
        self.page = nasa_body(JUNETEENTH)
        self.feed = nasa_body("https://www.nasa.gov/feed/")
        self.hits: list[str] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.hits.append(self.path)
                if self.path == "/page":
                    self.reply(200, gzip.compress(site.page), "text/html; charset=UTF-8", "gzip")
                elif self.path == "/feed":
                    self.reply(200, site.feed, "application/rss+xml; charset=UTF-8")
                elif self.path == "/moved":
                    self.send_response(302)
                    self.send_header("Location", "/page")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    self.reply(404, b"not here", "text/plain")

            def reply(self, status: int, body: bytes, ctype: str, encoding: str = "") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                if encoding:
                    self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join()
            self.running = False


@pytest.fixture
def site() -> Iterator[LocalSite]:
    server = LocalSite()
    yield server
    server.stop()


# --- Real crawls, in a subprocess --------------------------------------------------------------


class ProbeSpider(scrapy.Spider):
    """Fetches the given URLs; reports what each response (or failure) looked like."""

    name = "probe"

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = json.loads(urls)

    async def start(self) -> Any:
        for url in self.urls:
            yield Request(url, callback=self.parse, errback=self.failed)

    def parse(self, response: Response) -> Any:
        yield {
            "url": response.url,
            "status": response.status,
            "class": type(response).__name__,
            "flags": response.flags,
            "content_encoding": response.headers.getlist("Content-Encoding"),
            "title": response.xpath("//title/text()").get() if hasattr(response, "text") else None,
            "length": len(response.body),
        }

    def failed(self, failure: Any) -> Any:
        yield {"url": failure.request.url, "error": failure.type.__name__}


def _crawl_main(config_path: str) -> None:
    """Subprocess entry: run ProbeSpider with the given settings, dump items and stats."""
    from scrapy.crawler import CrawlerProcess

    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = []
    process = CrawlerProcess(config["settings"])
    crawler = process.create_crawler(ProbeSpider)

    def keep(item: Any) -> None:
        items.append(dict(item))

    # Scrapy holds signal receivers weakly: ``keep`` lives until the crawl ends.
    crawler.signals.connect(keep, signal=scrapy.signals.item_scraped)
    process.crawl(crawler, urls=json.dumps(config["urls"]))
    process.start()
    stats = {
        k: str(v) if not isinstance(v, int) else v for k, v in crawler.stats.get_stats().items()
    }
    Path(config["out"]).write_text(json.dumps({"items": items, "stats": stats}), encoding="utf-8")


def cassette_middlewares() -> dict[str, int]:
    """The project's own priorities for the two cassette middlewares (nothing else enabled)."""
    return {
        path: priority
        for path, priority in project_settings.DOWNLOADER_MIDDLEWARES.items()
        if path.startswith("tracker.downloader.cassettes.")
    }


def crawl(tmp_path: Path, urls: list[str], **settings: Any) -> dict[str, Any]:
    """Crawl ``urls`` with ProbeSpider in a fresh process; return items, stats and the log."""
    out = tmp_path / f"result-{len(list(tmp_path.glob('result-*')))}.json"
    config = tmp_path / f"{out.stem}-config.json"
    base = {
        "DOWNLOADER_MIDDLEWARES": cassette_middlewares(),
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": "INFO",
    }
    config.write_text(
        json.dumps({"settings": base | settings, "urls": urls, "out": str(out)}), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, str(config)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["log"] = done.stderr
    return result


def by_url(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["url"]: item for item in items}


# --- The file format ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ("{not json", "is not valid JSON"),
        ('{"interactions": []}', "no 'http_interactions' list"),
        ('{"http_interactions": [{"request": {}}]}', "interaction 0"),
        (
            '{"http_interactions": [{"request": {"method": "GET", "uri": "http://x/"}, '
            '"response": {"status": {"code": 200}, "body": {"base64_string": "@@@"}}}]}',
            "bad base64_string",
        ),
    ],
)
def test_unusable_cassette_gives_one_line_reason(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "c.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CassetteError) as caught:
        load_cassette(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_cassette_bytes_that_are_not_utf8_give_one_line_reason(tmp_path: Path) -> None:
    # load_cassette parses the file's bytes (faster than a text file): bytes that are not UTF-8
    # must still be a CassetteError, not a traceback.
    path = tmp_path / "c.json"
    path.write_bytes(b'{"http_interactions": [], "x": "caf\xe9"}')
    with pytest.raises(CassetteError) as caught:
        load_cassette(path)
    assert "cannot read cassette file" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_body_fields_in_every_betamax_shape() -> None:
    assert decode_body({"encoding": "utf-8", "string": "é"}) == "é".encode()
    assert decode_body({"encoding": "ISO-8859-1", "string": "é"}) == b"\xe9"
    assert decode_body({"encoding": None, "base64_string": "AAEC"}) == b"\x00\x01\x02"
    assert decode_body("legacy") == b"legacy"
    assert decode_body({"encoding": "no-such-codec", "string": "ok"}) == b"ok"


def test_interaction_keeps_compressed_bodies_as_base64_and_text_as_string(tmp_path: Path) -> None:
    page = "<p>café</p>".encode()
    zipped = make_interaction(
        method="get",
        uri="https://example.org/a",
        status=200,
        headers={"Content-Encoding": ["gzip"]},
        body=gzip.compress(page),
    )
    plain = make_interaction(
        method="GET", uri="https://example.org/b", status=404, headers={}, body=page
    )
    binary = make_interaction(
        method="GET", uri="https://example.org/c", status=200, headers={}, body=b"\xff\xfe"
    )
    assert zipped["request"]["method"] == "GET"
    assert "base64_string" in zipped["response"]["body"]
    assert plain["response"]["body"] == {"encoding": "utf-8", "string": "<p>café</p>"}
    assert plain["response"]["status"] == {"code": 404, "message": "Not Found"}
    assert "base64_string" in binary["response"]["body"]

    path = tmp_path / "sub" / "c.json"
    write_cassette(path, [zipped, plain, binary])
    assert os.listdir(path.parent) == ["c.json"]  # no temporary file left behind
    assert path.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
    loaded = load_cassette(path)
    assert gzip.decompress(decode_body(loaded[0]["response"]["body"])) == page
    assert decode_body(loaded[1]["response"]["body"]) == page
    assert decode_body(loaded[2]["response"]["body"]) == b"\xff\xfe"
    assert json.loads(path.read_text(encoding="utf-8"))["recorded_with"].startswith("news-tracker/")


# --- Replay, component by component ------------------------------------------------------------


def replay_crawler(path: Path) -> Any:
    crawler = get_crawler(settings_dict={"TRACKER_REPLAY": str(path)})
    crawler.stats.open_spider()
    return crawler


def test_priorities_put_replay_first_and_record_next_to_the_downloader() -> None:
    from scrapy.settings.default_settings import DOWNLOADER_MIDDLEWARES_BASE as base

    ours = cassette_middlewares()
    compression = base["scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"]
    # Replay answers before robots.txt, retries and the rest are asked...
    assert ours["tracker.downloader.cassettes.ReplayMiddleware"] < min(
        p for name, p in base.items() if "offsite" not in name
    )
    # ...and recording sees bodies before decompression (process_response runs high to low).
    assert ours["tracker.downloader.cassettes.RecordMiddleware"] > max(base.values()) > compression


def test_replay_is_off_without_the_setting() -> None:
    with pytest.raises(NotConfigured):
        ReplayMiddleware.from_crawler(get_crawler())
    with pytest.raises(NotConfigured):
        RecordMiddleware.from_crawler(get_crawler())


def test_replay_answers_in_order_exact_url_first_then_canonical(tmp_path: Path) -> None:
    def page(uri: str, text: str) -> dict[str, Any]:
        headers = {"Content-Type": ["text/html; charset=utf-8"]}
        return make_interaction(
            method="GET", uri=uri, status=200, headers=headers, body=text.encode()
        )

    path = tmp_path / "c.json"
    write_cassette(
        path,
        [
            page("https://example.org/list?b=2&a=1", "first"),
            page("https://example.org/list?b=2&a=1", "second"),
            page("https://example.org/list?a=1&b=2", "sorted"),
            page("https://example.org/only?y=1&x=2", "canonical"),
        ],
    )
    crawler = replay_crawler(path)
    mw = ReplayMiddleware.from_crawler(crawler)

    def body(url: str, method: str = "GET") -> str:
        response = mw.process_request(Request(url, method=method))
        assert isinstance(response, HtmlResponse)
        assert response.url == url
        assert response.flags == ["cassette"]
        return response.text

    assert [body("https://example.org/list?b=2&a=1") for _ in range(3)] == [
        "first",
        "second",
        "second",  # the last one repeats once the recorded ones are used up
    ]
    assert body("https://example.org/list?a=1&b=2") == "sorted"
    assert body("https://example.org/only?x=2&y=1#top") == "canonical"
    assert crawler.stats.get_value("tracker/replay/hits") == 5
    with pytest.raises(IgnoreRequest):
        body("https://example.org/only?x=2&y=1", method="POST")
    assert crawler.stats.get_value("tracker/replay/missing") == 1


def test_crawls_of_one_process_share_the_loaded_cassette_not_its_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """crawlall's crawlers replay one cassette: it is read once (reading it per spider made
    crawlall's time grow with the square of the spider count), each crawl is served in the
    recorded order on its own, and a file changed since is read again."""
    from tracker import cassettes as cassettes_module

    def page(text: str) -> dict[str, Any]:
        headers = {"Content-Type": ["text/html; charset=utf-8"]}
        return make_interaction(
            method="GET", uri="https://example.org/a", status=200, headers=headers,
            body=text.encode(),
        )  # fmt: skip

    path = tmp_path / "shared.json"
    write_cassette(path, [page("first"), page("second")])
    reads: list[str] = []
    real_load = cassettes_module.load_cassette
    monkeypatch.setattr(
        cassettes_module, "load_cassette", lambda p: reads.append(str(p)) or real_load(p)
    )
    one = ReplayMiddleware.from_crawler(replay_crawler(path))
    two = ReplayMiddleware.from_crawler(replay_crawler(path))
    assert len(reads) == 1

    def body(mw: ReplayMiddleware) -> str:
        response = mw.process_request(Request("https://example.org/a"))
        assert isinstance(response, HtmlResponse)
        return response.text

    assert [body(one), body(one), body(two), body(one), body(two)] == [
        "first", "second", "first", "second", "second",
    ]  # fmt: skip
    write_cassette(path, [page("changed"), page("changed again"), page("and again")])
    three = ReplayMiddleware.from_crawler(replay_crawler(path))
    assert len(reads) == 2
    assert body(three) == "changed"


def test_missing_request_is_logged_once_counted_and_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "empty.json"
    write_cassette(path, [])
    crawler = replay_crawler(path)
    mw = ReplayMiddleware.from_crawler(crawler)
    with (
        caplog.at_level(logging.WARNING, logger="tracker.downloader.cassettes"),
        pytest.raises(IgnoreRequest),
    ):
        mw.process_request(Request("https://www.nasa.gov/news-release/feed/"))
    warnings = [r for r in caplog.records if r.name == "tracker.downloader.cassettes"]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
    assert "https://www.nasa.gov/news-release/feed/" in warnings[0].getMessage()
    assert crawler.stats.get_value("tracker/replay/missing") == 1
    assert crawler.stats.get_value("tracker/replay/hits") is None


def test_replayed_gzip_body_goes_through_scrapys_decompression() -> None:
    crawler = replay_crawler(NASA_CASSETTE)
    replay = ReplayMiddleware.from_crawler(crawler)
    compression = HttpCompressionMiddleware.from_crawler(crawler)
    request = Request(JUNETEENTH)
    raw = replay.process_request(request)
    assert raw.headers.getlist("Content-Encoding") == [b"gzip"]
    assert raw.body.startswith(b"\x1f\x8b")
    page = compression.process_response(request, raw)
    assert isinstance(page, HtmlResponse)
    assert page.css("title::text").get().startswith(JUNETEENTH_TITLE)
    assert crawler.stats.get_value("httpcompression/response_count") == 1

    feed_request = Request("https://www.nasa.gov/feed/")
    feed = compression.process_response(feed_request, replay.process_request(feed_request))
    assert isinstance(feed, XmlResponse)
    assert len(feed.xpath("//item")) == 10


def test_body_stored_decoded_under_a_gzip_header_is_served_as_is(tmp_path: Path) -> None:
    # Hand-made: the shape some recorders write (decoded text, original Content-Encoding kept).
    path = tmp_path / "c.json"
    interaction = make_interaction(
        method="GET",
        uri="https://example.org/",
        status=200,
        headers={"Content-Type": ["text/html"]},
        body=b"<title>plain</title>",
    )
    interaction["response"]["headers"]["Content-Encoding"] = ["gzip"]
    write_cassette(path, [interaction])
    crawler = replay_crawler(path)
    request = Request("https://example.org/")
    raw = ReplayMiddleware.from_crawler(crawler).process_request(request)
    page = HttpCompressionMiddleware.from_crawler(crawler).process_response(request, raw)
    assert page.css("title::text").get() == "plain"


def test_bad_cassette_closes_the_spider_at_open(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    mw = ReplayMiddleware.from_crawler(replay_crawler(path))
    with caplog.at_level(logging.ERROR), pytest.raises(CloseSpider) as caught:
        mw.spider_opened(scrapy.Spider("x"))
    assert caught.value.reason == "replay_cassette_error"
    assert "not valid JSON" in caplog.text
    with pytest.raises(IgnoreRequest):  # and still nothing is fetched
        mw.process_request(Request("https://www.nasa.gov/feed/"))


# --- Record, component by component ------------------------------------------------------------


def test_record_keeps_raw_bodies_drops_credentials_and_appends(tmp_path: Path) -> None:
    path = tmp_path / "rec.json"
    old = make_interaction(
        method="GET", uri="https://example.org/old", status=200, headers={}, body=b"old"
    )
    write_cassette(path, [old])
    crawler = get_crawler(settings_dict={"TRACKER_RECORD": str(path)})
    crawler.stats.open_spider()
    mw = RecordMiddleware.from_crawler(crawler)
    request = Request(
        "https://example.org/new",
        headers={"Cookie": "session=secret", "Authorization": "Bearer x", "Accept": "text/html"},
    )
    zipped = gzip.compress(b"<p>new</p>")
    response = HtmlResponse(
        "https://example.org/new",
        headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
        body=zipped,
    )
    assert mw.process_response(request, response) is response
    replayed = response.replace(flags=["cassette"])
    mw.process_response(request, replayed)  # a replayed answer is no HTTP exchange: not recorded
    mw.spider_closed(scrapy.Spider("x"), "finished")

    interactions = load_cassette(path)
    assert [i["request"]["uri"] for i in interactions] == [
        "https://example.org/old",
        "https://example.org/new",
    ]
    new = interactions[1]
    assert decode_body(new["response"]["body"]) == zipped
    assert new["response"]["body"]["encoding"] == "utf-8"  # the declared charset
    assert new["response"]["headers"]["Content-Encoding"] == ["gzip"]
    assert new["request"]["headers"] == {"Accept": ["text/html"]}
    assert crawler.stats.get_value("tracker/record/interactions") == 1


def test_record_refuses_to_overwrite_a_broken_cassette(tmp_path: Path) -> None:
    path = tmp_path / "rec.json"
    path.write_text("not json", encoding="utf-8")
    crawler = get_crawler(settings_dict={"TRACKER_RECORD": str(path)})
    mw = RecordMiddleware.from_crawler(crawler)
    with pytest.raises(CloseSpider):
        mw.spider_opened(scrapy.Spider("x"))
    mw.spider_closed(scrapy.Spider("x"), "record_cassette_error")
    assert path.read_text(encoding="utf-8") == "not json"


# --- The NASA cassette -------------------------------------------------------------------------


def test_nasa_cassette_holds_the_real_feed_and_pages_gzipped() -> None:
    interactions = nasa_interactions()
    assert set(interactions) == {
        "https://www.nasa.gov/feed/",
        *(f"https://www.nasa.gov/image-article/{slug}/" for slug in IMAGE_ARTICLES),
        "https://www.nasa.gov/image-detail/hubble-jupiter-jul22-3-flat-final/",
        "https://www.nasa.gov/image-detail/53297865145-e3db450a1b-o/",
    }
    # No capture exists of these: they must stay missing rather than be made up.
    assert "https://www.nasa.gov/news-release/feed/" not in interactions
    assert "https://www.nasa.gov/robots.txt" not in interactions
    for url, interaction in interactions.items():
        response = interaction["response"]
        assert response["status"]["code"] == 200
        assert response["headers"]["Content-Encoding"] == ["gzip"]
        body = gzip.decompress(decode_body(response["body"]))
        assert int(response["headers"]["Content-Length"][0]) == len(decode_body(response["body"]))
        if url.endswith("/feed/"):
            assert b"<lastBuildDate>Thu, 14 Mar 2024 14:27:52 +0000</lastBuildDate>" in body
        else:
            # Each page is the page of its URL: its own og:url says so.
            assert f'<meta property="og:url" content="{url}"'.encode() in body
    assert NASA_CASSETTE.stat().st_size < 600_000


def test_cassettes_written_here_replay_in_betamax(tmp_path: Path) -> None:
    (tmp_path / "nasa.json").write_bytes(NASA_CASSETTE.read_bytes())
    with requests.Session() as session:
        recorder = betamax.Betamax(session, cassette_library_dir=str(tmp_path))
        # record="none": betamax raises instead of going to the network for anything unmatched.
        with recorder.use_cassette("nasa", record="none", serialize_with="json"):
            page = session.get(JUNETEENTH)
    assert page.status_code == 200
    assert page.content == nasa_body(JUNETEENTH)  # requests undid the gzip, as for a live reply
    assert page.headers["Content-Type"] == "text/html; charset=UTF-8"


# --- Real crawls -------------------------------------------------------------------------------


def test_cassette_written_by_betamax_replays_in_a_scrapy_crawl(
    tmp_path: Path, site: LocalSite
) -> None:
    with requests.Session() as session:
        recorder = betamax.Betamax(session, cassette_library_dir=str(tmp_path))
        with recorder.use_cassette("by-betamax", record="all", serialize_with="json"):
            assert JUNETEENTH_TITLE in session.get(f"{site.url}/moved").text
            assert "<rss" in session.get(f"{site.url}/feed").text
    cassette = tmp_path / "by-betamax.json"
    recorded = json.loads(cassette.read_text(encoding="utf-8"))
    assert recorded["recorded_with"].startswith("betamax/")
    bodies = [i["response"]["body"] for i in recorded["http_interactions"]]
    assert any("base64_string" in b for b in bodies)  # the gzip page, raw
    assert any("string" in b for b in bodies)  # the plain feed, as text
    site.stop()  # replay must not need the network

    result = crawl(
        tmp_path,
        [f"{site.url}/moved", f"{site.url}/feed", f"{site.url}/never-recorded"],
        TRACKER_REPLAY=str(cassette),
    )
    items = by_url(result["items"])
    page = items[f"{site.url}/page"]  # reached through the replayed 302
    assert page["title"].startswith(JUNETEENTH_TITLE)
    assert page["class"] == "HtmlResponse"
    assert page["content_encoding"] == []  # decompressed by Scrapy
    assert page["length"] == len(site.page)
    assert items[f"{site.url}/feed"]["class"] == "XmlResponse"
    assert items[f"{site.url}/never-recorded"] == {
        "url": f"{site.url}/never-recorded",
        "error": "RejectRequest",
    }
    stats = result["stats"]
    assert stats["tracker/replay/hits"] == 3
    assert stats["tracker/replay/missing"] == 1
    assert stats["httpcompression/response_count"] == 1
    assert stats["downloader/response_status_count/302"] == 1
    assert stats["downloader/response_status_count/200"] == 2
    missing_lines = [line for line in result["log"].splitlines() if "never-recorded" in line]
    assert len(missing_lines) == 1
    assert "WARNING" in missing_lines[0]
    assert site.hits == ["/moved", "/page", "/feed"]  # only betamax's own recording


def test_record_then_replay_roundtrip(tmp_path: Path, site: LocalSite) -> None:
    cassette = tmp_path / "live.json"
    urls = [f"{site.url}/moved", f"{site.url}/feed", f"{site.url}/gone"]
    live = crawl(tmp_path, urls, TRACKER_RECORD=str(cassette))
    assert sorted(site.hits) == ["/feed", "/gone", "/moved", "/page"]
    assert live["stats"]["tracker/record/interactions"] == 4

    recorded = {i["request"]["uri"]: i for i in load_cassette(cassette)}
    assert recorded[f"{site.url}/moved"]["response"]["status"]["code"] == 302
    page = recorded[f"{site.url}/page"]["response"]
    assert page["headers"]["Content-Encoding"] == ["gzip"]  # stored as received
    assert gzip.decompress(decode_body(page["body"])) == site.page
    assert "string" in recorded[f"{site.url}/feed"]["response"]["body"]
    assert recorded[f"{site.url}/gone"]["response"]["status"] == {
        "code": 404,
        "message": "Not Found",
    }
    assert "User-Agent" in recorded[f"{site.url}/page"]["request"]["headers"]

    site.stop()
    hits_before = list(site.hits)
    replay = crawl(tmp_path, urls, TRACKER_REPLAY=str(cassette))
    assert site.hits == hits_before
    assert replay["stats"]["tracker/replay/hits"] == 4
    assert "tracker/replay/missing" not in replay["stats"]

    def comparable(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {
            url: {k: v for k, v in i.items() if k != "flags"} for url, i in by_url(items).items()
        }

    assert comparable(replay["items"]) == comparable(live["items"])
    pages = [i for i in replay["items"] if "status" in i]
    assert len(pages) == 2
    assert all(i["flags"] == ["cassette"] for i in pages)
    assert by_url(replay["items"])[f"{site.url}/gone"]["error"] == "HttpError"  # the replayed 404


@pytest.mark.parametrize("content", [None, "{ broken"])
def test_crawl_with_unusable_cassette_stops_with_one_clear_line(
    tmp_path: Path, site: LocalSite, content: str | None
) -> None:
    cassette = tmp_path / "nasa.json"
    if content is not None:
        cassette.write_text(content, encoding="utf-8")
    result = crawl(tmp_path, [f"{site.url}/page"], TRACKER_REPLAY=str(cassette))
    assert result["items"] == []
    assert site.hits == []
    assert result["stats"]["finish_reason"] == "replay_cassette_error"
    assert "downloader/request_count" not in result["stats"]
    assert "Traceback" not in result["log"]
    errors = [line for line in result["log"].splitlines() if " ERROR: " in line]
    assert len(errors) == 1
    assert "TRACKER_REPLAY" in errors[0]
    assert str(cassette) in errors[0]
    assert "TRACKER_RECORD" in errors[0]  # says what to do


def test_nasa_cassette_replays_feed_and_pages_and_reports_what_it_lacks(tmp_path: Path) -> None:
    urls = [
        "https://www.nasa.gov/feed/",
        "https://www.nasa.gov/news-release/feed/",
        JUNETEENTH,
    ]
    result = crawl(tmp_path, urls, TRACKER_REPLAY=str(NASA_CASSETTE))
    items = by_url(result["items"])
    assert items["https://www.nasa.gov/feed/"]["class"] == "XmlResponse"
    assert items[JUNETEENTH]["title"].startswith(JUNETEENTH_TITLE)
    assert items["https://www.nasa.gov/news-release/feed/"]["error"] == "RejectRequest"
    assert result["stats"]["tracker/replay/hits"] == 2
    assert result["stats"]["tracker/replay/missing"] == 1
    assert result["stats"]["httpcompression/response_count"] == 2


if __name__ == "__main__":
    _crawl_main(sys.argv[1])
