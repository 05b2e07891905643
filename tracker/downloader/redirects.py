"""Redirects that would lose an article: :class:`RedirectLoopMiddleware` sees each redirect before
Scrapy's RedirectMiddleware and stops

- a chain that points back at a URL it already visited. Without it, a loop A -> B -> A is silently
  dropped by the duplicate filter (the redirected request inherits ``dont_filter=False``);
- an article page that redirects off the spider's ``allowed_domains``. Without it, Scrapy's
  offsite filter drops the redirected request when it is scheduled, with no errback.

Either way the article would be neither written nor rejected; here it is rejected with a reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urldefrag, urljoin

from w3lib.url import safe_url_string

from tracker.downloader import RejectRequest
from tracker.request_meta import META_ARTICLE

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    """Stops a redirect chain that returns to a URL it has visited (counted under
    ``tracker/redirect_loop``; the request fails with reason ``redirect_loop``), and an article
    request redirected off the spider's domains (``tracker/redirect_offsite``, reason
    ``offsite``).

    Must sit just above RedirectMiddleware (a larger order number: process_response runs from
    the downloader towards the engine), so it sees the 3xx answer first.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def _offsite(self, request: Request, target: str) -> str | None:
        """Why an article request's redirect target is off the spider's domains, or None."""
        spider = self.crawler.spider
        offsite = getattr(spider, "offsite", None)
        if (
            not request.meta.get(META_ARTICLE)
            or offsite is None
            or request.meta.get("allow_offsite")
        ):
            return None
        reason: str | None = offsite(target)
        return reason

    def process_response(self, request: Request, response: Response) -> Any:
        if response.status not in REDIRECT_CODES or request.meta.get("dont_redirect"):
            return response
        location = response.headers.get("Location")
        if not location:
            return response
        target = urldefrag(
            urljoin(request.url, safe_url_string(location.decode("latin-1").strip()))
        )[0]
        offsite = self._offsite(request, target)
        if offsite:
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("tracker/redirect_offsite")
            raise RejectRequest("offsite", f"it redirects off the spider's domains: {offsite}")
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target not in {urldefrag(url)[0] for url in chain}:
            return response
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("tracker/redirect_loop")
        path = " -> ".join([*chain, target])
        raise RejectRequest("redirect_loop", f"the redirects go round in a loop: {path}")
