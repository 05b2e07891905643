"""The browser decision without a browser: the client-rendered heuristic, the fallback request,
launch options and the render_js argument.

Pages under tests/fixtures/js are hand-made (see their README); the real pages are the
publishers' captured fixtures under tests/fixtures/<spider>/.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from tracker import browser
from tracker.browser import (
    BrowserSettingError,
    browser_retry,
    launch_options,
    wants_browser,
)
from tracker.extract import extract_article
from tracker.extract.client_rendered import lacks_article, looks_client_rendered
from tracker.request_meta import META_RENDER_FALLBACK

FIXTURES = Path(__file__).resolve().parent / "fixtures"
JS = FIXTURES / "js"
# The publishers' captured article pages, all server-rendered (js-real holds the exceptions),
# and the page-kind fixtures but two that their scripts draw (no text without them).
SCRIPT_DRAWN = [FIXTURES / "page_kind" / f"wcxb-{i}.html.gz" for i in ("0585", "4681")]
REAL_PAGES = sorted(
    p for p in FIXTURES.glob("*/*.html.gz") if p.parent.name != "js-real" and p not in SCRIPT_DRAWN
)
ARTICLE = json.loads((JS / "api" / "article.json").read_text())
BUNDLE = '<script src="/static/main.4f2a.js"></script>'


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>t</title>{head}</head><body>{body}</body></html>"


# --- looks_client_rendered ---------------------------------------------------------------------


def test_hand_made_client_rendered_page_is_recognised_by_its_notice() -> None:
    assert looks_client_rendered((JS / "article.html").read_text()) == "js_notice"


def test_empty_application_root_with_a_bundle() -> None:
    assert looks_client_rendered(page('<div id="__next"></div>' + BUNDLE)) == "empty_root"
    assert looks_client_rendered(page("<app-root></app-root>" + BUNDLE)) == "empty_root"


def test_near_empty_body_with_a_bundle_but_no_known_root() -> None:
    html = page('<div class="shell"><span>Loading…</span></div>' + BUNDLE)
    assert looks_client_rendered(html) == "script_shell"


def test_module_preload_counts_as_a_bundle() -> None:
    html = page('<div id="x"></div>', head='<link rel="modulepreload" href="/app.js">')
    assert looks_client_rendered(html) == "script_shell"


def test_empty_page_without_scripts_is_not_client_rendered() -> None:
    # Nothing would render it: a browser cannot help.
    assert looks_client_rendered(page('<div id="root"></div>')) is None


def test_json_state_far_longer_than_the_visible_text() -> None:
    state = json.dumps({"props": {"article": ARTICLE}})
    html = page(
        "<header><nav>Home News Sport Weather</nav></header>"
        + "<p>Subscribe to our newsletter for the latest stories and updates.</p>" * 3
        + f'<script id="__NEXT_DATA__" type="application/json">{state}</script>'
    )
    assert looks_client_rendered(html) == "json_state"
    assigned = html.replace(
        f'<script id="__NEXT_DATA__" type="application/json">{state}</script>',
        f"<script>window.__INITIAL_STATE__ = {state};</script>",
    )
    assert looks_client_rendered(assigned) == "json_state"


def test_json_ld_is_metadata_not_state() -> None:
    ld = json.dumps({"@type": "NewsArticle", "articleBody": " ".join(ARTICLE["paragraphs"])})
    html = page("<p>Short teaser.</p>", head=f'<script type="application/ld+json">{ld}</script>')
    assert looks_client_rendered(html) is None


def test_notice_on_a_long_page_does_not_count() -> None:
    # Complete articles often carry "enable JavaScript" for their comments or video player.
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE["paragraphs"] * 2)
    html = page(paragraphs + "<noscript>Please enable JavaScript to view comments.</noscript>")
    assert looks_client_rendered(html) is None


def test_script_text_is_not_visible_text() -> None:
    # A bundle inlined into the page is long, but nobody reads it.
    html = page('<div id="root"></div><script>var a = "' + "x" * 5000 + '";</script>' + BUNDLE)
    assert looks_client_rendered(html) == "empty_root"


@pytest.mark.parametrize("html", ["", b"", None, "   ", "<<<>>>", b"\xff\xfe\x00"])
def test_nothing_or_garbage_is_not_client_rendered(html: str | bytes | None) -> None:
    assert looks_client_rendered(html) is None


def test_server_rendered_hand_made_page_is_not_client_rendered() -> None:
    assert looks_client_rendered((JS / "static-article.html").read_text()) is None


@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: p.parent.name)
def test_real_server_rendered_pages_are_not_sent_to_the_browser(path: Path) -> None:
    # Several of them (BBC, Wired, The New Yorker ...) carry JSON state ten or twenty times their
    # text; they still show thousands of characters of it, which a client-rendered page does not.
    # A few (Aftonbladet, Hankook Ilbo, a Xhosa page) show little text beside much JSON state;
    # they hold their article all the same, and a page with an article is never retried.
    html = gzip.decompress(path.read_bytes())
    if looks_client_rendered(html) is None:
        return
    fields = extract_article(html, "https://example.org/page").fields
    assert not lacks_article(fields), path


def test_there_are_real_pages_to_check() -> None:
    assert len(REAL_PAGES) >= 20


# --- lacks_article -----------------------------------------------------------------------------


def test_lacks_article() -> None:
    text = " ".join(ARTICLE["paragraphs"])
    assert not lacks_article({"title": ARTICLE["headline"], "text": text})
    assert lacks_article({"title": ARTICLE["headline"], "text": "Please enable JavaScript."})
    assert lacks_article({"title": None, "text": text})
    assert lacks_article({"title": "Loading…"})
    assert not lacks_article({"title": "T", "body": text})  # Markdown body when text is absent


# --- browser_retry -----------------------------------------------------------------------------


def response_for(
    html: str, meta: dict | None = None, flags: list[str] | None = None
) -> HtmlResponse:
    request = Request(
        "https://news.example/a", meta=meta or {}, callback=lambda r: None, errback=None
    )
    return HtmlResponse(
        request.url, body=html.encode(), encoding="utf-8", request=request, flags=flags or []
    )


NO_ARTICLE = {"title": "Loading…", "text": ""}
SHELL = (JS / "article.html").read_text()


def test_retry_goes_through_the_browser_once_with_the_tracker_meta() -> None:
    stats = MemoryStatsCollector(get_crawler())
    meta = {"tracker_article": True, "tracker_feed_entry": {"url": "x"}, "download_slot": "s"}
    retry = browser_retry(response_for(SHELL, meta), NO_ARTICLE, Settings(), stats)
    assert retry is not None
    assert retry.meta["playwright"] is True
    assert retry.meta[META_RENDER_FALLBACK] == "js_notice"
    assert retry.meta["tracker_feed_entry"] == {"url": "x"}
    assert "download_slot" not in retry.meta  # state of the first fetch does not travel
    assert retry.dont_filter  # the same URL again: the duplicate filter would drop it
    assert stats.get_value("tracker/render_js/fallback") == 1
    assert stats.get_value("tracker/render_js/fallback/js_notice") == 1
    # The browser's answer never falls back again, whatever it holds.
    rendered = response_for(SHELL, retry.meta, flags=["playwright"])
    assert browser_retry(rendered, NO_ARTICLE, Settings(), stats) is None
    assert stats.get_value("tracker/render_js/fallback") == 1


def test_no_retry_when_an_article_was_found() -> None:
    fields = {"title": ARTICLE["headline"], "text": " ".join(ARTICLE["paragraphs"])}
    assert browser_retry(response_for(SHELL), fields, Settings()) is None


def test_no_retry_for_a_page_that_does_not_look_client_rendered() -> None:
    html = (JS / "static-article.html").read_text()
    assert browser_retry(response_for(html), NO_ARTICLE, Settings()) is None


def test_no_retry_when_switched_off() -> None:
    settings = Settings({"TRACKER_RENDER_JS_FALLBACK": False})
    assert browser_retry(response_for(SHELL), NO_ARTICLE, settings) is None


def test_no_retry_for_a_request_that_already_used_the_browser() -> None:
    response = response_for(SHELL, {"playwright": True})
    assert browser_retry(response, NO_ARTICLE, Settings()) is None


# --- launch options ----------------------------------------------------------------------------


def test_launch_options_use_the_configured_browser_and_container_switches(tmp_path: Path) -> None:
    binary = tmp_path / "chrome"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    options = launch_options(Settings({"TRACKER_BROWSER_PATH": str(binary)}))
    assert options["executable_path"] == str(binary)
    assert options["headless"] is True
    for switch in browser.BROWSER_ARGS:
        assert switch in options["args"]


def test_no_sandbox_only_as_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser.os, "geteuid", lambda: 0)
    assert "--no-sandbox" in launch_options(Settings())["args"]
    monkeypatch.setattr(browser.os, "geteuid", lambda: 1000)
    assert "--no-sandbox" not in launch_options(Settings())["args"]


def test_default_browser_is_debian_chromium_else_playwright_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    binary = tmp_path / "chromium"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.setattr(browser, "DEBIAN_CHROMIUM", str(binary))
    assert launch_options(Settings())["executable_path"] == str(binary)
    monkeypatch.setattr(browser, "DEBIAN_CHROMIUM", str(tmp_path / "absent"))
    # Playwright's own download (`playwright install chromium`) is then used.
    assert "executable_path" not in launch_options(Settings())


def test_bad_browser_path_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(BrowserSettingError, match=r"TRACKER_BROWSER_PATH=.*not an executable"):
        launch_options(Settings({"TRACKER_BROWSER_PATH": str(tmp_path / "nope")}))


def test_playwright_launch_options_win_and_extra_args_add_up() -> None:
    settings = Settings(
        {
            "TRACKER_BROWSER_ARGS": ["--lang=en-GB"],
            "PLAYWRIGHT_LAUNCH_OPTIONS": {"headless": False, "args": ["--mute-audio"]},
        }
    )
    options = launch_options(settings)
    assert options["headless"] is False
    assert "--lang=en-GB" in options["args"]
    assert "--mute-audio" in options["args"]
    assert "--disable-gpu" in options["args"]


# --- render_js on a spider ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("1", True), ("yes", True), ("false", False), ("0", False), (None, None)],
)
def test_render_js_argument(value: str | None, expected: bool | None) -> None:
    assert wants_browser(value) is expected


def test_render_js_argument_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="-a render_js"):
        wants_browser("maybe")


def test_render_js_spider_asks_for_the_browser_on_article_requests() -> None:
    from tracker.spiders.base import NewsSpider

    class JsSpider(NewsSpider):
        name = "js_test"
        render_js = True

    crawler = get_crawler(JsSpider)
    spider = JsSpider.from_crawler(crawler)
    request = spider.article_request("https://news.example/a")
    assert request is not None and request.meta["playwright"] is True
    # -a render_js=false switches it off for one run, and true on for any spider.
    off = JsSpider.from_crawler(get_crawler(JsSpider), render_js="false")
    request = off.article_request("https://news.example/a")
    assert request is not None and "playwright" not in request.meta

    class PlainSpider(NewsSpider):
        name = "plain_test"

    plain = PlainSpider.from_crawler(get_crawler(PlainSpider), render_js="true")
    request = plain.article_request("https://news.example/b")
    assert request is not None and request.meta["playwright"] is True


# --- the download handler ----------------------------------------------------------------------


def test_http_and_https_handlers_share_one_browser_per_crawl(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

    from tracker.browser.routing import BrowserDownloadHandler

    # Scrapy's own part would need a running reactor, which this test process must not install.
    monkeypatch.setattr(HTTP11DownloadHandler, "__init__", lambda self, crawler: None)
    crawler = get_crawler()
    http, https = BrowserDownloadHandler(crawler), BrowserDownloadHandler(crawler)
    assert http.browser is https.browser
    assert http.browser.handler is None  # nothing started before a browser request
    assert BrowserDownloadHandler(get_crawler()).browser is not http.browser


# --- real pages: the whole decision, extraction included ----------------------------------------

REAL_JS = FIXTURES / "js-real"  # sources in its SOURCES.md


def real_response(name: str, url: str) -> HtmlResponse:
    body = gzip.decompress((REAL_JS / name).read_bytes())
    request = Request(url, meta={"tracker_article": True})
    return HtmlResponse(url, body=body, encoding="utf-8", request=request)


def test_real_client_rendered_page_is_read_from_its_script_state_without_a_browser() -> None:
    from tracker.extract import extract_article

    url = "https://www.hankookilbo.com/news/article/A2026012914320005196"
    response = real_response("hankookilbo-2026-01-29.html.gz", url)
    # A Next.js shell: the heuristic flags it ...
    assert looks_client_rendered(response.text) == "script_shell"
    # ... but the article HTML travels in the page's script data, and generic extraction reads
    # it from there, so this page needs no browser after all.
    fields = extract_article(response.text, url).fields
    assert not lacks_article(fields)
    assert len(fields["text"].split()) > 100
    assert browser_retry(response, fields, Settings()) is None
    # Had extraction found nothing, the same page would go to the browser once.
    retry = browser_retry(response, {"title": fields["title"], "body": ""}, Settings())
    assert retry is not None and retry.meta["playwright"] is True
    assert retry.meta["tracker_article"] is True


@pytest.mark.parametrize("path", SCRIPT_DRAWN, ids=lambda p: p.name)
def test_page_kind_fixtures_drawn_by_their_scripts_are_client_rendered(path: Path) -> None:
    # A shop's product page and a list page that show no text until their scripts run.
    assert looks_client_rendered(gzip.decompress(path.read_bytes())) is not None


def test_real_server_rendered_page_with_big_state_stays_plain() -> None:
    from tracker.extract import extract_article

    url = "https://www.aftonbladet.se/nyheter/a/Ard8wM/hanna-18-forsvunnen-i-uddevalla"
    response = real_response("aftonbladet-2026-01-08.html.gz", url)
    # The heuristic alone would send it to the browser (a short article, 250 KB of state) ...
    assert looks_client_rendered(response.text) == "json_state"
    fields = extract_article(response.text, url).fields
    # ... but extraction finds the article, so the browser is never asked.
    assert not lacks_article(fields)
    assert browser_retry(response, fields, Settings()) is None


def test_real_streamed_state_counts_when_the_shell_has_some_text() -> None:
    # The same real Next.js page with a server-rendered menu of ~600 characters: no longer an
    # empty shell, but its streamed state (self.__next_f.push) dwarfs what it shows.
    html = gzip.decompress((REAL_JS / "hankookilbo-2026-01-29.html.gz").read_bytes()).decode()
    menu = "<nav>" + " ".join(["Politics Economy Society World Culture Sports"] * 13) + "</nav>"
    html = html.replace("<main ", menu + "<main ", 1)
    assert looks_client_rendered(html) == "json_state"
