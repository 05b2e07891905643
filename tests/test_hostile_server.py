"""A crawl of the fault-injecting site (tests/faultserver.py) ends in bounded time, within size and
memory bounds, retries with backoff, honours Retry-After, and accounts for every article: each one
the feed lists is either written or in rejects.jsonl with its URL and reason.

One crawl runs per module (it takes ~10-15 s); the tests check different things in its result.
"""

from __future__ import annotations

import gzip
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.faultserver import (
    ALL_PAGES,
    CrawlResult,
    FaultSite,
    Route,
    add_document,
    add_feed,
    add_robots,
    big_feed,
    connection_reset,
    entity_bomb_feed,
    fail_then_ok,
    gzip_bomb,
    gzip_bombed,
    huge_sitemap,
    leftover_temp_files,
    markdown_files,
    never_answers,
    ok,
    read_jsonl,
    real_page,
    redirect,
    run_crawl,
    running,
    sized,
    small_sitemap,
    start_crawl,
    status,
    streamed,
    truncated,
    well_behaved_site,
)
from tests.test_markdown_output import assert_safe_markdown, rendered_html
from tracker import PROJECT_URL

pytestmark = pytest.mark.slow  # crawls in subprocesses

TIMEOUT = 2.0  # DOWNLOAD_TIMEOUT of the test crawl
RETRY_TIMES = 2
BACKOFF = 0.3  # TRACKER_RETRY_BACKOFF: first retry after 0.3 s, then 0.6 s
SITEMAP_CAP = 20
BIG_FEED = 5000  # entries in a feed that lists a whole archive
FEED_CAP = 30  # above the site feed's own ~25 entries
CONTACT_URL = "https://example.org/who-runs-this-crawl"
# The whole crawl, with every misbehaving page timing out on each attempt, stays well under this.
CRAWL_BOUND_SECONDS = 60.0
# Peak RSS of the crawl process: Scrapy + extraction is ~150 MB; a 50 MB page, a gzip bomb or an
# entity bomb read whole would blow far past this.
MEMORY_BOUND_MB = 450

HOSTILE_TITLE = "../../etc/passwd # [click](javascript:alert(1)) <script>alert(1)</script>"
HOSTILE_PAGE = """<!doctype html>
<!-- hand-made hostile page -->
<html><head><meta charset="utf-8">
<title>../../etc/passwd # [click](javascript:alert(1)) <script>alert(1)</script></title>
<meta name="author" content="../../root/.ssh">
</head><body><article>
<h1>../../etc/passwd # [click](javascript:alert(1)) <script>alert(1)</script></h1>
<p>This hand-made page tries to escape the output folder and inject links and markup into the
Markdown file that the tracker writes for it, which it must not be able to do at all.</p>
<p>A <a href="javascript:alert(document.cookie)">javascript link</a>, a
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a> and a
<a href="https://example.org/fine">normal link</a> sit in this paragraph of ordinary words.</p>
<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="data image">
<img src="javascript:alert(2)" alt="js image"><img src="https://example.org/ok.jpg" alt="ok"></p>
<p>More ordinary words follow here so that the page is long enough to count as an article for
the validate pipeline, which wants a real body and not a stub of a few words only.</p>
</article></body></html>
"""

NOT_AN_ARTICLE = b"""<!doctype html><!-- hand-made --><html><head><title>Menu</title></head>
<body><nav><a href="/a">A</a> <a href="/b">B</a></nav></body></html>"""

FEED_ONLY_CONTENT = (
    "<p>This article's page always fails, but the feed carries its full text, so the tracker "
    "writes it from the feed instead and records that in the provenance of the item.</p>"
    "<p>The second paragraph of the hand-made feed content adds enough ordinary words to pass "
    "validation as a real article body.</p>"
)


def build_site() -> FaultSite:
    """The fault site: real pages behind misbehaving routes (see tests/fixtures/fault_site)."""
    site = FaultSite()
    add_robots(site)
    add_feed(site)
    add_document(site, "/bomb-feed.xml", lambda: entity_bomb_feed(site), "application/rss+xml")
    add_document(site, "/big-feed.xml", lambda: big_feed(site, BIG_FEED), "application/rss+xml")
    add_document(site, "/sitemap.xml", lambda: huge_sitemap(site), "application/xml", compress=True)
    # A sitemap file stored gzipped (not Content-Encoding), and one that is a gzip bomb.
    add_document(
        site,
        "/sitemap-news.xml.gz",
        lambda: gzip.compress(small_sitemap(site, ["/news/from-sitemap.html"])),
        "application/x-gzip",
    )
    site.add(Route("/sitemap-bomb.xml.gz", ok(gzip_bomb(), "application/x-gzip"), in_feed=False))
    site.add(
        Route(
            "/news/from-sitemap.html",
            ok(real_page("TheTelegraph_2024_09_17")),
            in_feed=False,
            sitemap_only=True,
            page="TheTelegraph_2024_09_17",
        )
    )

    def article(path: str, serve, page: str | None = None, **kw) -> None:  # type: ignore[no-untyped-def]
        site.add(Route(path, serve, page=page, **kw))

    # Articles that must be written.
    article("/news/plain.html", ok(real_page("VoiceOfAmerica")), "VoiceOfAmerica")
    article("/news/plain-2.html", ok(real_page("RestOfWorld")), "RestOfWorld")
    article(
        "/news/flaky-500.html",
        fail_then_ok(real_page("WashingtonTimes"), 2, 500),
        "WashingtonTimes",
    )
    article(
        "/news/busy-503.html",
        fail_then_ok(real_page("TheIntercept_2024_02_28"), 1, 503, retry_after="1"),
        "TheIntercept_2024_02_28",
    )
    article(
        "/news/throttled-429.html",
        fail_then_ok(real_page("FoxNews"), 1, 429, retry_after="date"),
        "FoxNews",
    )
    # Written under the URL it redirects to.
    article(
        "/news/moved.html",
        redirect("/news/moved-here.html", 301),
        "DailyMaverick_2026_01_06",
        data={"written_as": "/news/moved-here.html"},
    )
    site.add(
        Route(
            "/news/moved-here.html",
            ok(real_page("DailyMaverick_2026_01_06")),
            in_feed=False,
        )
    )
    # The header says Latin-1, the bytes are UTF-8: the page is still written (WHATWG decoding
    # follows the header, so curly quotes may come out as mojibake; nothing breaks).
    article(
        "/news/wrong-charset.html",
        ok(real_page("TheNation_2024_01_11"), "text/html; charset=iso-8859-1"),
        "TheNation_2024_01_11",
    )
    article(
        "/news/no-charset.html",
        ok(real_page("TimesLive_2025_11_10"), "text/html"),
        "TimesLive_2025_11_10",
    )
    article("/news/hostile.html", ok(HOSTILE_PAGE.encode()), None, title=HOSTILE_TITLE)
    article(
        "/news/feed-only.html",
        status(500),
        title="Written from the feed",
        content_html=FEED_ONLY_CONTENT,
    )
    # Articles that must be rejected, with their reason.
    article("/news/always-500.html", status(500), expect="rejected", reason="http_500")
    article(
        "/news/retry-after-hour.html",
        status(503, {"Retry-After": "3600"}),
        expect="rejected",
        reason="http_503",
    )
    article("/news/missing.html", status(404), expect="rejected", reason="http_404")
    article("/news/slow.html", never_answers(), expect="rejected", reason="timeout")
    article("/news/reset.html", connection_reset(), expect="rejected", reason="connection_lost")
    article(
        "/news/truncated.html",
        truncated(real_page("CanadaCom")),
        expect="rejected",
        reason="truncated",
    )
    article(
        "/news/loop-a.html",
        redirect("/news/loop-b.html"),
        expect="rejected",
        reason="redirect_loop",
    )
    site.add(Route("/news/loop-b.html", redirect("/news/loop-a.html"), in_feed=False))
    # 50 MB announced by Content-Length: refused as soon as the headers arrive.
    article("/news/huge.html", sized(50 * 1024 * 1024), expect="rejected", reason="too_large")
    # 50 MB with no Content-Length: cut off at DOWNLOAD_MAXSIZE, or by the timeout when the
    # bytes come slower than DOWNLOAD_MAXSIZE per DOWNLOAD_TIMEOUT (a busy test machine).
    article(
        "/news/huge-streamed.html",
        streamed(50 * 1024 * 1024, b"<p>" + b"filler " * 9000 + b"</p>\n"),
        expect="rejected",
        reason=("too_large", "timeout"),
    )
    article("/news/gzip-bomb.html", gzip_bombed(), expect="rejected", reason="too_large")
    article(
        "/news/never-ends.html",
        streamed(None, b"<p>still going</p>\n", pause=0.2),
        expect="rejected",
        reason="timeout",
    )
    article(
        "/private/secret.html", ok(real_page("FreeBeacon")), expect="rejected", reason="robots_txt"
    )
    # Longer than URLLENGTH_LIMIT (2083): Scrapy drops such requests without an errback.
    article(
        "/news/" + "very-long-slug-" * 200 + ".html",
        ok(real_page("iNews_2025_01_28")),
        expect="rejected",
        reason="url_too_long",
    )
    article(
        "/news/menu.html",
        ok(NOT_AN_ARTICLE),
        expect="rejected",
        reason=None,  # no_body or not_article, whichever the pipelines find first
    )
    return site


@dataclass
class FaultCrawl:
    site: FaultSite
    result: CrawlResult
    peak_rss_mb: float


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultCrawl]:
    site = build_site()
    output = tmp_path_factory.mktemp("fault") / "output"
    with running(site):
        result = run_crawl(
            output,
            {
                "feed": ",".join(
                    site.url(path) for path in ("/feed.xml", "/bomb-feed.xml", "/big-feed.xml")
                ),
                "sitemap": ",".join(
                    site.url(path)
                    for path in ("/sitemap.xml", "/sitemap-news.xml.gz", "/sitemap-bomb.xml.gz")
                ),
            },
            {
                "DOWNLOAD_TIMEOUT": str(TIMEOUT),
                "RETRY_TIMES": str(RETRY_TIMES),
                "TRACKER_RETRY_BACKOFF": str(BACKOFF),
                "TRACKER_RETRY_AFTER_MAX": "5",
                "TRACKER_SITEMAP_MAX_URLS": str(SITEMAP_CAP),
                "TRACKER_FEED_MAX_ENTRIES": str(FEED_CAP),
                "TRACKER_CONTACT_URL": CONTACT_URL,
                # Scrapy logs each retry and its reason at DEBUG: the tests below read them.
                "LOG_LEVEL": "DEBUG",
            },
            timeout=CRAWL_BOUND_SECONDS * 2,
        )
    yield FaultCrawl(site, result, result.peak_rss_mb)


def _written_urls(crawl: FaultCrawl) -> set[str]:
    return {item["fetched_url"] or item["url"] for item in crawl.result.items} | {
        item["url"] for item in crawl.result.items
    }


def _truncated_match(url: str, rejects: list[dict[str, str]]) -> dict[str, str] | None:
    """The reject of a URL too long for rejects.jsonl, which cuts values at 2,000 characters
    and ends them with an ellipsis."""
    for reject in rejects:
        if reject["url"].endswith("\u2026") and url.startswith(reject["url"][:-1]):
            return reject
    return None


def _timeouts(crawl: FaultCrawl, path: str) -> int:
    """How many attempts at ``path`` the crawler gave up waiting for (Scrapy's DEBUG "Retrying
    <GET url> (failed n times): <reason>" lines). On a loaded machine an ordinary answer can come
    too late for the 2 s timeout (the crawler's event loop busy with a 50,000-URL sitemap, say):
    that attempt is retried like any timeout, and the server sees one more hit. The checks below
    count the attempts each answer caused, which do not depend on load."""
    url = re.escape(crawl.site.url(path))
    pattern = rf"Retrying <GET {url}> \(failed \d+ times\): .*(Timeout|took longer than)"
    return len(re.findall(pattern, crawl.result.log))


def _reasons(route: Route) -> tuple[str, ...]:
    return (route.reason,) if isinstance(route.reason, str) else tuple(route.reason or ())


def test_crawl_finishes_in_bounded_time(fault_crawl: FaultCrawl) -> None:
    result = fault_crawl.result
    assert result.returncode == 0, result.log[-3000:]
    assert result.seconds < CRAWL_BOUND_SECONDS
    assert "Traceback" not in result.log, result.log[-5000:]


def test_every_article_is_written_or_rejected_with_its_reason(fault_crawl: FaultCrawl) -> None:
    site, result = fault_crawl.site, fault_crawl.result
    written = _written_urls(fault_crawl)
    rejects = {r["url"]: r for r in result.rejects}
    problems = []
    for route in site.articles():
        url = site.url(route.path)
        if route.expect == "written":
            url = site.url(route.data.get("written_as", route.path))
            if url not in written:
                problems.append(f"{route.path}: not written ({rejects.get(url)})")
        else:
            reject = rejects.get(url) or _truncated_match(url, result.rejects)
            if reject is None:
                problems.append(f"{route.path}: neither written nor rejected")
            elif route.reason and reject["reason"] not in _reasons(route):
                problems.append(f"{route.path}: reason {reject['reason']} != {route.reason}")
    assert not problems, "\n".join(problems)
    for reject in result.rejects:
        assert reject["url"] and reject["reason"] and reject["detail"] and reject["at"]


def test_written_files_are_complete_and_nothing_is_left_half_done(
    fault_crawl: FaultCrawl,
) -> None:
    output = fault_crawl.result.output
    files = markdown_files(output)
    assert len(files) == len(fault_crawl.result.items)
    for path in files:
        text = path.read_text("utf-8")
        assert text.startswith("# ") and text.rstrip().endswith("*")
        assert "## Full Article" in text
    assert leftover_temp_files(output) == []


def test_retries_back_off(fault_crawl: FaultCrawl) -> None:
    hits = fault_crawl.site.hits["/news/flaky-500.html"]
    assert len(hits) == 3  # two 500s, then the page
    first_gap, second_gap = hits[1] - hits[0], hits[2] - hits[1]
    assert first_gap >= BACKOFF * 0.9
    assert second_gap >= 2 * BACKOFF * 0.9


def test_permanent_errors_are_retried_a_bounded_number_of_times(fault_crawl: FaultCrawl) -> None:
    hits = fault_crawl.site.hits
    # Every attempt fails (a 500 or a timeout): all of them, then no more.
    assert len(hits["/news/always-500.html"]) == RETRY_TIMES + 1
    assert len(hits["/news/slow.html"]) == RETRY_TIMES + 1
    assert _timeouts(fault_crawl, "/news/slow.html") == RETRY_TIMES  # the count sees them
    # A 404 is not retried (an attempt that timed out before it is).
    missing = "/news/missing.html"
    assert len(hits[missing]) == 1 + _timeouts(fault_crawl, missing)
    assert not re.search(rf"Retrying <GET \S*{missing}> .*404", fault_crawl.result.log)


def test_retry_after_is_honoured(fault_crawl: FaultCrawl) -> None:
    hits = fault_crawl.site.hits
    busy = hits["/news/busy-503.html"]
    # One 503 then the page; the page's request waited out Retry-After: 1 (also when an attempt
    # timed out on a loaded machine: the last gap is then longer still).
    assert len(busy) == 2 + _timeouts(fault_crawl, "/news/busy-503.html")
    assert busy[-1] - busy[-2] >= 0.95
    throttled = hits["/news/throttled-429.html"]
    # Retry-After as an HTTP-date two seconds ahead (whole seconds: at least ~1 s of it remains).
    assert len(throttled) == 2 + _timeouts(fault_crawl, "/news/throttled-429.html")
    assert throttled[-1] - throttled[-2] >= 0.95


def test_retry_after_beyond_the_limit_is_not_waited_for(fault_crawl: FaultCrawl) -> None:
    # An hour is beyond TRACKER_RETRY_AFTER_MAX: give up at once instead of hammering or hanging.
    path = "/news/retry-after-hour.html"
    assert len(fault_crawl.site.hits[path]) == 1 + _timeouts(fault_crawl, path)
    assert f"Not retrying {fault_crawl.site.url(path)}: the server asks to wait 3600 s" in (
        fault_crawl.result.log
    )


def test_feed_content_stands_in_for_a_page_that_fails(fault_crawl: FaultCrawl) -> None:
    url = fault_crawl.site.url("/news/feed-only.html")
    item = next(i for i in fault_crawl.result.items if i["url"] == url)
    assert item["provenance"]["fetch"].startswith("feed_content")


def test_every_request_names_the_contact_url(fault_crawl: FaultCrawl) -> None:
    agents = {h.get("user-agent") for hs in fault_crawl.site.headers.values() for h in hs}
    assert agents == {f"news-tracker/0.1 (+{CONTACT_URL})"}


def test_robots_txt_is_obeyed(fault_crawl: FaultCrawl) -> None:
    assert fault_crawl.site.hit_count("/robots.txt") >= 1
    assert fault_crawl.site.hit_count("/private/secret.html") == 0


def test_size_and_memory_bounds(fault_crawl: FaultCrawl) -> None:
    stats = fault_crawl.result.stats
    # Nothing near 50 MB (or the gzip bomb's 64 MB) was read whole.
    assert stats.get("downloader/response_bytes", 0) < 40 * 1024 * 1024
    assert fault_crawl.peak_rss_mb < MEMORY_BOUND_MB


def test_entity_bomb_feed_is_not_expanded(fault_crawl: FaultCrawl) -> None:
    # Read once, its entities left unexpanded (memory stays bounded: test_size_and_memory_bounds);
    # the one entry's link is followed and accounted for like any other (a 404 here).
    site, result = fault_crawl.site, fault_crawl.result
    assert site.hit_count("/bomb-feed.xml") == 1 + _timeouts(fault_crawl, "/bomb-feed.xml")
    assert {r["url"]: r["reason"] for r in result.rejects}[site.url("/bomb/lol.html")] == "http_404"
    assert all("lollol" not in (i.get("title") or "") for i in result.items)


def test_huge_sitemap_is_read_but_followed_only_up_to_the_cap(fault_crawl: FaultCrawl) -> None:
    site = fault_crawl.site
    archive = [p for p in site.hits if p.startswith("/archive/")]
    assert site.hit_count("/sitemap.xml") == 1 + _timeouts(fault_crawl, "/sitemap.xml")
    assert 0 < len(archive) <= SITEMAP_CAP
    # The sitemap parser reads at most the protocol's 50,000 entries; the cap keeps the newest.
    # (plus the one entry of the small gzipped sitemap)
    assert fault_crawl.result.stats.get("tracker/discovery/sitemap_entries") == 50_000 + 1
    assert fault_crawl.result.stats.get("tracker/discovery/sitemap_capped") == 50_000 - SITEMAP_CAP
    # What was followed is accounted for too (the archive pages are 404s).
    rejected = {r["url"] for r in fault_crawl.result.rejects}
    assert {site.url(p) for p in archive} <= rejected


def test_a_wrong_charset_header_does_not_garble_the_text(fault_crawl: FaultCrawl) -> None:
    # Served as iso-8859-1, the bytes are UTF-8: the curly apostrophe must survive.
    url = fault_crawl.site.url("/news/wrong-charset.html")
    item = next(i for i in fault_crawl.result.items if i["url"] == url)
    assert item["title"].startswith("Chris Christie\u2019s Exit")
    assert "\u00e2\u20ac" not in item["body"]  # the mojibake of a UTF-8 "’" read as cp1252
    missing = fault_crawl.site.url("/news/no-charset.html")
    item = next(i for i in fault_crawl.result.items if i["url"] == missing)
    assert "Zuma-Sambudla\u2019s" in item["title"]


def test_gzipped_sitemaps_are_read_and_a_sitemap_bomb_is_refused(fault_crawl: FaultCrawl) -> None:
    # The article only the gzipped sitemap lists is written (checked with the others above); the
    # bomb (64 MB of spaces inflated from 64 KB) is given up at DOWNLOAD_MAXSIZE, once.
    site, stats = fault_crawl.site, fault_crawl.result.stats
    # Once each, plus any attempt a loaded machine answered too late for the 2 s timeout.
    for path in ("/news/from-sitemap.html", "/sitemap-bomb.xml.gz"):
        assert site.hit_count(path) == 1 + _timeouts(fault_crawl, path), path
    assert stats.get("tracker/discovery/bad_sitemap") == 1
    assert "sitemap-bomb.xml.gz could not be read" in fault_crawl.result.log


def test_a_huge_feed_is_followed_only_up_to_the_cap(fault_crawl: FaultCrawl) -> None:
    site, result = fault_crawl.site, fault_crawl.result
    assert len(site.feed_articles()) < FEED_CAP  # the site's own feed is not capped
    followed = [p for p in site.hits if p.startswith("/feed-archive/")]
    assert 0 < len(followed) <= FEED_CAP
    assert result.stats.get("tracker/discovery/feed_capped") == BIG_FEED - FEED_CAP
    rejected = {r["url"] for r in result.rejects}
    assert {site.url(p) for p in followed} <= rejected  # 404s, accounted for


def test_hostile_page_stays_inside_the_output_folder(fault_crawl: FaultCrawl) -> None:
    output = fault_crawl.result.output.resolve()
    url = fault_crawl.site.url("/news/hostile.html")
    item = next(i for i in fault_crawl.result.items if i["url"] == url)
    path = (output / item["path"]).resolve()
    assert path.is_file() and output in path.parents
    text = path.read_text("utf-8")
    assert_safe_markdown(text)  # no element, handler or non-http(s) URL survives rendering
    doc = rendered_html(text)
    # The title is the headline as shown (the script inside the <h1> is no text a reader sees),
    # and it stays text: not a heading, link or script of its own.
    assert doc.xpath("string(//h1)") == HOSTILE_TITLE.partition(" <script>")[0]
    assert doc.xpath("//a/@href") == [url, "https://example.org/fine", PROJECT_URL]


def test_a_graceful_stop_does_not_wait_out_a_retry_after(tmp_path: Path) -> None:
    # Ctrl-C (SIGINT, also Scrapyd's cancel) while a retry waits 100 s for Retry-After: the crawl
    # stops within seconds and the article is rejected with its last answer, not lost.
    site = FaultSite()
    add_robots(site)
    add_feed(site)
    site.add(Route("/news/wait.html", status(503, {"Retry-After": "100"})))
    output = tmp_path / "output"
    with running(site):
        crawl = start_crawl(
            output, {"feed": site.url("/feed.xml")}, {"TRACKER_RETRY_AFTER_MAX": "120"}
        )
        deadline = time.monotonic() + 60
        while site.hit_count("/news/wait.html") < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # now inside the wait
        stopped_at = time.monotonic()
        crawl.send_signal(signal.SIGINT)
        try:
            code = crawl.wait(timeout=30)
        finally:
            crawl.kill()
        assert code == 0 and time.monotonic() - stopped_at < 15
    assert site.hit_count("/news/wait.html") == 1
    (reject,) = read_jsonl(output / "rejects.jsonl")
    assert reject["url"] == site.url("/news/wait.html") and reject["reason"] == "http_503"


def test_retry_after_pauses_the_whole_site(tmp_path: Path) -> None:
    # A 429 with Retry-After: 2 speaks for the server: no request to it goes out for 2 s, not
    # only no retry of that page (with a download delay set, as the defaults do).
    site = well_behaved_site(pages=ALL_PAGES[:6])
    site.add(
        Route("/news/busy.html", fail_then_ok(real_page("VoiceOfAmerica"), 1, 429, retry_after="2"))
    )
    with running(site):
        result = run_crawl(
            tmp_path / "output",
            {"feed": site.url("/feed.xml")},
            {
                "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
                "DOWNLOAD_DELAY": "0.05",
                "RANDOMIZE_DOWNLOAD_DELAY": "False",
            },
        )
    assert result.returncode == 0, result.log[-3000:]
    assert len(result.items) == 7  # all written in the end
    throttled_at = site.hits["/news/busy.html"][0]
    after = sorted(t for hits in site.hits.values() for t in hits if t > throttled_at)
    assert after, "nothing was left to fetch after the 429: the test proves nothing"
    assert after[0] - throttled_at >= 1.9
    assert result.stats.get("tracker/retry/site_paused") == 1
