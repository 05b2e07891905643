"""A local news site of N articles built from real captured pages, for benchmarks and tests.

The pages are the real article captures under tests/fixtures/<spider>/*.html.gz (each with its
source in that folder's SOURCES.md and its original URL and publication date in the expected
JSON beside it). N articles reuse them in turn, each copy at its own URL and with a small
distinguishing edit, so that every copy is a different article to the tracker:

- every occurrence of the page's original URL (canonical link, og:url, JSON-LD, Parse.ly) is
  replaced by the copy's URL, so the copy has its own canonical URL;
- every ``<p>`` gets a short marker (``[copy 12]``) at its start, so the extracted text and its
  content hash differ from every other copy;
- optionally (``spread_days``) the publication date is moved back by ``copy % spread_days`` days
  wherever the page states it as ``YYYY-MM-DD``, so the copies spread over many day folders as
  a real archive does.

Everything else is the real page, byte for byte. The discovery documents (a sitemap, an RSS
feed) are generated here: they are hand-built listings of those real pages, not captures.
Pages are generated on request, so a site of 10,000 articles costs the memory of its ~40 base
pages only.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tracker.extract.encoding import decode_html

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

_P_OPEN = re.compile(r"(<p(?:\s[^>]*)?>)", re.IGNORECASE)


@dataclass(frozen=True)
class BasePage:
    """One real captured article page and what its fixture says about it."""

    name: str  # "<spider>/<file stem>"
    url: str  # the URL it was captured from
    published: str | None  # YYYY-MM-DD from the expected JSON
    html: str

    @property
    def slug(self) -> str:
        path = urlsplit(self.url).path.rstrip("/")
        tail = path.rsplit("/", 1)[-1] or "article"
        return re.sub(r"[^a-z0-9-]+", "-", tail.lower()).strip("-")[:60] or "article"


def load_pages(fixtures: Path = FIXTURES, spiders: list[str] | None = None) -> list[BasePage]:
    """The real article pages under ``fixtures`` that have an expected JSON with a URL."""
    pages = []
    for page in sorted(fixtures.glob("*/*.html.gz")):
        spider = page.parent.name
        if spiders is not None and spider not in spiders:
            continue
        expected = page.with_name(page.name.removesuffix(".html.gz") + ".json")
        if not expected.exists():
            continue
        meta = json.loads(expected.read_text())
        url = meta.get("url")
        if not isinstance(url, str) or not url.startswith("http"):
            continue
        published = meta.get("published")
        day = published[:10] if isinstance(published, str) and len(published) >= 10 else None
        text = decode_html(gzip.decompress(page.read_bytes()))
        pages.append(BasePage(f"{spider}/{page.stem}", url, day, text))
    return pages


_SELF_LINKS = re.compile(
    r"""<(?:link[^>]+rel=["']canonical["'][^>]*href|meta[^>]+property=["']og:url["'][^>]*content)"""
    r"""=["']([^"']+)["']""",
    re.IGNORECASE,
)


def _url_forms(url: str, page_html: str = "") -> list[str]:
    """The spellings of a page's URL that pages use: as captured, as its canonical link and
    og:url give it, without/with the trailing slash, http/https, JSON-escaped (``\\/``)."""
    forms = {url, url.rstrip("/"), url.rstrip("/") + "/"}
    for found in _SELF_LINKS.findall(page_html):
        found = html.unescape(found)
        if found.startswith("http"):
            forms |= {found, found.rstrip("/"), found.rstrip("/") + "/"}
    forms |= {f.replace("https://", "http://", 1) for f in list(forms)}
    forms |= {f.replace("/", "\\/") for f in list(forms)}
    forms |= {html.escape(f) for f in list(forms)}
    # Longest first, so "…/slug/" is replaced before its prefix "…/slug".
    return sorted(forms, key=len, reverse=True)


def make_copy(page: BasePage, copy: int, url: str, shift_days: int = 0) -> str:
    """The page as copy number ``copy`` at ``url`` (module docstring: the edits)."""
    # One pass over all spellings (longest first): a copy URL that extends the original one
    # must not be matched again.
    forms = _url_forms(page.url, page.html)
    pattern = re.compile("|".join(re.escape(form) for form in forms))
    escaped = url.replace("/", "\\/")
    text = pattern.sub(lambda m: escaped if "\\/" in m.group(0) else url, page.html)
    if shift_days and page.published:
        moved = (date.fromisoformat(page.published) - timedelta(days=shift_days)).isoformat()
        text = text.replace(page.published, moved)
    return _P_OPEN.sub(lambda m: f"{m.group(1)}[copy {copy}] ", text)


@dataclass(frozen=True)
class Article:
    index: int
    base: BasePage
    copy: int
    url: str
    published: str | None


class Site:
    """N articles over the base pages; ``url_for(index, base, copy)`` names each one."""

    def __init__(
        self,
        pages: list[BasePage],
        n: int,
        url_for: Callable[[int, BasePage, int], str],
        spread_days: int = 0,
    ) -> None:
        if not pages:
            raise ValueError("no base pages: tests/fixtures/*/*.html.gz with expected JSON")
        self.pages = pages
        self.n = n
        self.url_for = url_for
        self.spread_days = spread_days

    def article(self, index: int) -> Article:
        base = self.pages[index % len(self.pages)]
        copy = index // len(self.pages)
        shift = copy % self.spread_days if self.spread_days else 0
        published = base.published
        if published and shift:
            published = (date.fromisoformat(published) - timedelta(days=shift)).isoformat()
        return Article(index, base, copy, self.url_for(index, base, copy), published)

    def articles(self) -> Iterator[Article]:
        for index in range(self.n):
            yield self.article(index)

    def page(self, index: int) -> str:
        article = self.article(index)
        shift = article.copy % self.spread_days if self.spread_days else 0
        return make_copy(article.base, article.copy, article.url, shift)

    def sitemap_xml(self) -> str:
        """A sitemap listing every article (hand-built, see the module docstring)."""
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            "<!-- Hand-built listing of copies of real captured pages (bench/site.py). -->",
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for article in self.articles():
            lastmod = f"<lastmod>{article.published}</lastmod>" if article.published else ""
            lines.append(f"<url><loc>{html.escape(article.url)}</loc>{lastmod}</url>")
        lines.append("</urlset>")
        return "\n".join(lines) + "\n"

    def feed_xml(self, title: str = "Copies of real captured pages") -> str:
        """An RSS 2.0 feed listing every article (hand-built, see the module docstring)."""
        items = []
        for article in self.articles():
            items.append(
                "<item>"
                f"<title>{html.escape(article.base.slug)} (copy {article.copy})</title>"
                f"<link>{html.escape(article.url)}</link>"
                f'<guid isPermaLink="true">{html.escape(article.url)}</guid>'
                "</item>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            "<!-- Hand-built feed listing copies of real captured pages (bench/site.py). -->\n"
            f'<rss version="2.0"><channel><title>{html.escape(title)}</title>'
            f"<link>https://example.invalid/</link><description>bench</description>"
            + "".join(items)
            + "</channel></rss>\n"
        )

    def index_of(self, url: str) -> int | None:
        """The article index of one of this site's URLs (for the server)."""
        match = re.search(r"/a/(\d+)/", url)
        if match and int(match.group(1)) < self.n:
            return int(match.group(1))
        return None


def usable_pages(pages: list[BasePage]) -> tuple[list[BasePage], list[str]]:
    """The pages whose copies really are distinct articles to the tracker, and the names of
    those left out: two copies must extract with a title and a body, their own canonical URL
    and different text (a page whose text is not in ``<p>`` elements keeps the same hash)."""
    from tracker.extract import extract_article
    from tracker.processing.normalise import content_hash

    kept, dropped = [], []
    for page in pages:
        seen = []
        for copy in (0, 1):
            url = f"http://127.0.0.1:9/a/{copy}/{page.slug}/"
            fields = extract_article(make_copy(page, copy, url), url).fields
            seen.append(
                (
                    fields.get("canonical_url") or url,
                    content_hash(str(fields.get("text") or "")),
                    bool(fields.get("title") and fields.get("body")),
                )
            )
        (url_a, hash_a, ok_a), (url_b, hash_b, ok_b) = seen
        if ok_a and ok_b and url_a != url_b and hash_a != hash_b and "127.0.0.1" in url_a:
            kept.append(page)
        else:
            dropped.append(page.name)
    return kept, dropped


# --- serving on 127.0.0.1 ------------------------------------------------------------------------


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A crawler closing its idle keep-alive connections is normal, not worth a traceback.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """Serves a Site over HTTP on 127.0.0.1 and counts what was fetched.

    Paths: ``/sitemap.xml``, ``/feed.xml``, ``/a/<index>/<slug>/`` (articles), ``/__hits`` (JSON
    counters: articles, sitemaps, other), ``/__reset`` (zeroes them).
    """

    def __init__(self, pages: list[BasePage], n: int, port: int = 0, spread_days: int = 0):
        self.hits = {"articles": 0, "discovery": 0, "other": 0}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_GET(self) -> None:
                server.handle(self)

        self.httpd = _QuietServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.site = Site(
            pages,
            n,
            lambda i, base, copy: f"{self.base_url}/a/{i}/{base.slug}/",
            spread_days=spread_days,
        )

    def count(self, kind: str) -> None:
        with self._lock:
            self.hits[kind] += 1

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        body: bytes
        status, content_type = 200, "text/html; charset=utf-8"
        if path == "/sitemap.xml":
            self.count("discovery")
            body, content_type = self.site.sitemap_xml().encode(), "application/xml"
        elif path == "/feed.xml":
            self.count("discovery")
            body, content_type = self.site.feed_xml().encode(), "application/rss+xml"
        elif path == "/__hits":
            with self._lock:
                body, content_type = json.dumps(self.hits).encode(), "application/json"
        elif path == "/__reset":
            with self._lock:
                self.hits = dict.fromkeys(self.hits, 0)
            body, content_type = b"{}", "application/json"
        else:
            index = self.site.index_of(path)
            if index is None:
                self.count("other")
                status, body = 404, b"not found"
            else:
                self.count("articles")
                body = self.site.page(index).encode("utf-8")
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
