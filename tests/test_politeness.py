"""Politeness defaults (tracker/settings.py), the User-Agent built from TRACKER_CONTACT_URL, and
the bounding middlewares (tracker/downloader/retry.py) and reject codes, piece by piece.
End to end, tests/test_hostile_server.py crawls a misbehaving server with all of them."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC, datetime, timedelta

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from tracker.downloader import RejectRequest
from tracker.downloader.redirects import RedirectLoopMiddleware
from tracker.downloader.retry import BackoffRetryMiddleware, retry_after_seconds
from tracker.politeness import DEFAULT_USER_AGENT, ContactUserAgent, user_agent
from tracker.spiders.base import failure_reason


def project_settings(**cmdline: str) -> Settings:
    settings = Settings()
    settings.setmodule("tracker.settings", priority="project")
    for name, value in cmdline.items():
        settings.set(name, value, priority="cmdline")
    return settings


# --- defaults ------------------------------------------------------------------------------------


def test_polite_by_default() -> None:
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert 0 < settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 4
    assert settings.getfloat("DOWNLOAD_DELAY") > 0
    assert settings.getint("DOWNLOAD_MAXSIZE") <= 16 * 1024 * 1024
    assert settings.getint("DOWNLOAD_TIMEOUT") <= 60
    assert settings.getint("TRACKER_SITEMAP_MAX_URLS") > 0
    assert settings.getint("TRACKER_FEED_MAX_ENTRIES") > 0
    assert settings.getfloat("TRACKER_RETRY_AFTER_MAX") > 0
    ua = settings.get("USER_AGENT")
    assert ua.startswith("news-tracker/") and settings.get("TRACKER_CONTACT_URL") in ua
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    assert middlewares["tracker.downloader.retry.BackoffRetryMiddleware"] == 550
    # Above RedirectMiddleware (600), so it sees a redirect first.
    assert middlewares["tracker.downloader.redirects.RedirectLoopMiddleware"] > 600
    assert "tracker.politeness.ContactUserAgent" in settings.getdict("ADDONS")


# --- User-Agent ----------------------------------------------------------------------------------


def test_the_contact_url_setting_reaches_the_user_agent() -> None:
    settings = project_settings(TRACKER_CONTACT_URL="https://example.org/who-runs-this")
    assert settings.get("USER_AGENT") == DEFAULT_USER_AGENT  # what the module computed
    ContactUserAgent().update_settings(settings)
    assert settings.get("USER_AGENT") == "news-tracker/0.1 (+https://example.org/who-runs-this)"


def test_a_user_agent_set_by_hand_wins_over_the_contact_url() -> None:
    settings = project_settings(
        USER_AGENT="MyBot/2.0 (+mailto:me@example.org)",
        TRACKER_CONTACT_URL="https://example.org/who-runs-this",
    )
    ContactUserAgent().update_settings(settings)
    assert settings.get("USER_AGENT") == "MyBot/2.0 (+mailto:me@example.org)"


def test_user_agent_without_a_contact() -> None:
    assert user_agent("") == "news-tracker/0.1"
    assert user_agent(" https://x.example/ ") == "news-tracker/0.1 (+https://x.example/)"


# --- Retry-After and backoff ---------------------------------------------------------------------


def test_retry_after_seconds() -> None:
    now = datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds(" 0 ") == 0.0
    later = email.utils.format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert retry_after_seconds(later, now=now) == 90.0
    earlier = email.utils.format_datetime(now - timedelta(hours=1), usegmt=True)
    assert retry_after_seconds(earlier, now=now) == 0.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds(b"soon") is None
    assert retry_after_seconds(b"-5") is None


def test_backoff_doubles_up_to_its_cap() -> None:
    settings = project_settings(TRACKER_RETRY_BACKOFF="0.5", TRACKER_RETRY_BACKOFF_MAX="3")
    middleware = BackoffRetryMiddleware(settings)
    assert [middleware.backoff_delay(n) for n in (1, 2, 3, 4, 5)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_no_waiting_when_replaying_a_cassette() -> None:
    import asyncio

    replay = BackoffRetryMiddleware(project_settings(TRACKER_REPLAY="tests/cassettes/nasa.json"))
    live = BackoffRetryMiddleware(project_settings())
    assert replay.no_wait and not live.no_wait
    replay.crawler = get_crawler(Spider)
    started = time.monotonic()
    assert asyncio.run(replay._wait(30.0)) is True
    assert time.monotonic() - started < 1


# --- redirect loops ------------------------------------------------------------------------------


def _redirect(url: str, location: str, chain: list[str]) -> tuple[Request, Response]:
    request = Request(url, meta={"redirect_urls": chain} if chain else {})
    return request, Response(url, status=302, headers={"Location": location}, request=request)


def test_a_redirect_back_into_its_own_chain_is_a_loop() -> None:
    middleware = RedirectLoopMiddleware(get_crawler(Spider))
    request, response = _redirect("http://a.example/b", "/a#top", ["http://a.example/a"])
    with pytest.raises(RejectRequest) as caught:
        middleware.process_response(request, response)
    assert caught.value.reason == "redirect_loop"
    assert "http://a.example/a -> http://a.example/b -> http://a.example/a" in caught.value.detail
    # To itself, on the first hop.
    request, response = _redirect("http://a.example/a", "http://a.example/a", [])
    with pytest.raises(RejectRequest):
        middleware.process_response(request, response)


def test_an_ordinary_redirect_passes() -> None:
    middleware = RedirectLoopMiddleware(get_crawler(Spider))
    request, response = _redirect("http://a.example/b", "/c", ["http://a.example/a"])
    assert middleware.process_response(request, response) is response
    ok = HtmlResponse("http://a.example/c", body=b"<p>x</p>", request=request)
    assert middleware.process_response(request, ok) is ok


# --- reject reasons ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exception", "reason"),
    [
        (DownloadTimeoutError("Getting x took longer than 2.0 seconds."), "timeout"),
        (CannotResolveHostError("x"), "dns_error"),
        (DownloadConnectionRefusedError("x"), "connection_refused"),
        (ResponseDataLossError(), "truncated"),
        (DownloadCancelledError(), "too_large"),
        (DownloadFailedError("[ConnectionLost]"), "connection_lost"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots_txt"),
        (
            IgnoreRequest(
                "Ignored response <200 x> because its body (1 B compressed, ...)"
                " exceeded DOWNLOAD_MAXSIZE (16777216 B) during decompression."
            ),
            "too_large",
        ),
        (RejectRequest("redirect_loop", "the redirects go round"), "redirect_loop"),
        (IgnoreRequest("some middleware said no"), "ignored"),
        (ValueError("odd"), "fetch_error"),
    ],
)
def test_failure_reasons_of_scrapy_download_errors(exception: Exception, reason: str) -> None:
    code, detail = failure_reason(Failure(exception))
    assert code == reason
    assert detail


def test_failure_reason_of_an_http_error() -> None:
    response = Response("http://a.example/x", status=503)
    assert failure_reason(Failure(HttpError(response)))[0] == "http_503"
