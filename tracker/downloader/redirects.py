"""Redirect loops: :class:`RedirectLoopMiddleware` sees each redirect before Scrapy's
RedirectMiddleware and stops a chain that points back at a URL it already visited. Without it, a
loop A -> B -> A is silently dropped by the duplicate filter (the redirected request inherits
``dont_filter=False``) and the article is neither written nor rejected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urldefrag, urljoin

from w3lib.url import safe_url_string

from tracker.downloader import RejectRequest

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    """Stops a redirect chain that returns to a URL it has visited (counted under
    ``tracker/redirect_loop``); the request fails with reason ``redirect_loop``.

    Must sit just above RedirectMiddleware (a larger order number: process_response runs from
    the downloader towards the engine), so it sees the 3xx answer first.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Any:
        if response.status not in REDIRECT_CODES or request.meta.get("dont_redirect"):
            return response
        location = response.headers.get("Location")
        if not location:
            return response
        target = urldefrag(
            urljoin(request.url, safe_url_string(location.decode("latin-1").strip()))
        )[0]
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target not in {urldefrag(url)[0] for url in chain}:
            return response
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("tracker/redirect_loop")
        path = " -> ".join([*chain, target])
        raise RejectRequest("redirect_loop", f"the redirects go round in a loop: {path}")
