"""NewsSpider: the base every publisher spider declares itself on.

A publisher spider is a data sheet. Every attribute it may set is declared once, in NewsSpider's
class body below, with its type and default, and checked when the spider's class is created
(tracker.spiders.declaration): who the publisher is (``name``, ``publisher``, ``country``,
``language``, ``timezone``, ``default_category``), where its articles are (``allowed_domains``,
``sources``, ``allow``/``deny``, ``render_js``) and what extraction needs to know about its pages
(``family`` and the site rules: ``selectors``, ``separators``, ``exclude``, ``title_prefixes``,
``title_suffixes``, ``keep_tags``, ``drop_tags``, ``tag_labels``, ``drop_authors``,
``not_article``; tracker.extract.rules says what each does). A ``post_process_item`` classmethod
is left for what data cannot say.

The base does the rest, always the same way:
discovery (feeds, sitemaps, news sitemaps, listing pages, or ``-a urls=``) -> article requests that
carry the feed entry that led to them -> ``extract_article`` (pure, tracker.extract) with the
site's rules -> ArticleItem, with the publisher's hints for the pipelines. The generic ``article``
spider goes through the same steps with the rules of the publisher whose domain a page is on, so
both give the same item for the same page. When an article page cannot be fetched, the feed
entry's full content (RSS content:encoded) stands in for it, counted under
``tracker/fallback/feed_content`` and recorded in the item's provenance; without it the article is
reported as rejected (tracker.signals.article_rejected) with a reason.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from types import EllipsisType
from typing import Any, ClassVar
from urllib.parse import urlparse, urlsplit
from zoneinfo import ZoneInfo

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from twisted.internet.error import (
    ConnectionDone,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from tracker.archive.source import ArchiveSource, check_archive_arguments
from tracker.arguments import split_arg
from tracker.browser import browser_retry, wants_browser
from tracker.downloader.revisit import META_REVISIT, note_fetch, revisit_failed, revisit_requests
from tracker.extract import extract_article
from tracker.extract.bylines import bold_byline_names
from tracker.extract.encoding import decode_html
from tracker.extract.feeds import FeedError, cut_feed, parse_feed
from tracker.extract.rules import SiteRules
from tracker.extract.sitemaps import SitemapError, parse_sitemap
from tracker.extract.types import DECLARED_NOT_ARTICLE, Extraction, FeedEntry
from tracker.items import ArticleItem, PublisherHints
from tracker.processing.normalise import normalise_language, url_key
from tracker.request_meta import (
    META_ARTICLE,
    META_ENTRY,
    META_PLAYWRIGHT,
    META_SITEMAP_DEPTH,
    META_SKIPPED,
    META_SOURCE,
)
from tracker.signals import article_rejected
from tracker.spiders.declaration import check_declaration
from tracker.spiders.sources import Feed, Listing, Sitemap, Source
from tracker.state import state_of
from tracker.workers import ExtractionRejected, extractor_for

logger = logging.getLogger(__name__)


def with_bold_byline(item: ArticleItem, response: Response, container_css: str) -> ArticleItem:
    """The item with the authors of the bold byline at the top of the article text (in the
    first element ``container_css`` matches; bylines.bold_byline_names) when extraction found
    no author: for a ``post_process_item`` of a site that posts every story from one account
    (dropped with ``drop_authors``) and prints the reporter's name in the text."""
    if item.authors or not isinstance(response, TextResponse):
        return item
    for container in response.css(container_css)[:1]:
        names = bold_byline_names(container.root)
        if names:
            item.authors = names
            item.provenance["authors"] = "text"
    return item


def with_spider_language(item: ArticleItem, language: str | None) -> ArticleItem:
    """The item in the spider's declared language, whatever the page says: for a
    ``post_process_item`` of a single-language outlet whose pages all claim another (an isiZulu
    paper on a platform that writes ``<html lang="en">`` on every page)."""
    if language:
        item.language = language
        item.provenance["language"] = "spider"
    return item


class NotAnArticle(Exception):
    """Raised by ``post_process_item`` for a page that is not an article (a gallery, a tag page)
    when no ``not_article`` selector can say so; the article is reported as rejected with reason
    ``not_article`` and the message as detail."""


def broken_http_url(url: str) -> str | None:
    """Why no request can be made of an http(s) ``url`` (a sentence), or None.

    Only http(s) URLs are judged: a link with another scheme (``mailto:``, ``javascript:``) is
    not an article link at all, and discovery filters it out. An http(s) URL with no host, a
    port out of range or a host Scrapy cannot parse would make ``Request()`` raise, or fail
    later with no article to report it under: the caller rejects it (``bad_url``) instead.
    """
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            return None
        _ = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError as exc:
        return f"not a usable URL: {exc}"
    if not parts.hostname:
        return "the URL names no host"
    try:
        Request(url)
    except (ValueError, TypeError) as exc:
        return f"no request can be made of it: {exc}"
    return None


def failure_reason(failure: Failure) -> tuple[str, str]:
    """A stable reason code and a sentence for a failed article request (rejects.jsonl).

    Scrapy 2.13+ download handlers raise their own exceptions (DownloadTimeoutError, ...), older
    paths the Twisted ones: both map to the same codes."""
    if failure.check(HttpError):
        response = failure.value.response  # type: ignore[union-attr]
        return f"http_{response.status}", f"the server answered HTTP {response.status}"
    reason = getattr(failure.value, "reason", None)
    if failure.check(IgnoreRequest) and isinstance(reason, str):
        # A tracker middleware said why (tracker.downloader.RejectRequest).
        return reason, str(getattr(failure.value, "detail", "") or failure.value)
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timeout", "the page did not arrive before the download timeout"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "dns_error", "the host name could not be resolved"
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return "connection_refused", "the server refused the connection"
    if failure.check(ResponseDataLossError):
        return (
            "truncated",
            "the connection closed before the whole page arrived (short of its Content-Length)",
        )
    if failure.check(DownloadCancelledError):
        # The HTTP handler cancels a download that goes past DOWNLOAD_MAXSIZE.
        return "too_large", "the download was cancelled: the page is larger than DOWNLOAD_MAXSIZE"
    if failure.check(DownloadFailedError, ConnectionLost, ConnectionDone):
        return "connection_lost", "the connection was lost before the page was complete"
    if failure.check(IgnoreRequest):
        message = str(failure.value)
        if "robots.txt" in message:
            return "robots_txt", "robots.txt forbids fetching this page"
        if "DOWNLOAD_MAXSIZE" in message or "download max size" in message:
            # HttpCompressionMiddleware: a compressed body that inflates past DOWNLOAD_MAXSIZE.
            return "too_large", message
        if message.startswith("Filtered offsite request"):
            return "offsite", f"{message}: the host is not on the spider's allowed_domains"
        return "ignored", message or "a downloader middleware dropped the request"
    return "fetch_error", f"{failure.type.__name__ if failure.type else 'error'}: {failure.value}"


class NewsSpider(scrapy.Spider):
    """Base class of publisher spiders; the class body declares every attribute one may set."""

    # --- Who the publisher is -------------------------------------------------------------------
    # Scrapy's spider name: the module's name, lower-case letters, digits and _.
    name: str = ""
    # The outlet's name as readers know it ("BBC News"); goes into every file. A spider with a
    # name and a publisher is a publisher spider (tracker.spiders.publisher_spiders).
    publisher: ClassVar[str] = ""
    # ISO 3166-1 alpha-2 code of the country the outlet reports from or for ("GB").
    country: ClassVar[str | None] = None
    # BCP 47 tag of its articles, used when a page does not say.
    language: ClassVar[str | None] = "en"
    # IANA zone its pages' dates are in when they carry no offset ("Europe/Berlin"); UTC if None.
    timezone: ClassVar[str | None] = None
    # The category of a single-beat outlet (NASA: "Science"); None lets the categoriser decide.
    default_category: ClassVar[str | None] = None
    # The publisher's words for categories, added to the built-in rules for its articles:
    # {"Local": ["Osttirol", "Lienz"], "Sports": ["Spor&Skor"]} (tracker.processing.categorise).
    category_rules: ClassVar[Mapping[str, Sequence[str]]] = {}

    # --- Where its articles are -----------------------------------------------------------------
    # Hosts the crawl stays on (each covers its subdomains).
    allowed_domains: ClassVar[Sequence[str]] = []
    # Feeds, sitemaps, news sitemaps and listing pages (tracker.spiders.sources).
    sources: ClassVar[Sequence[Source]] = []
    # Regular expressions searched in each discovered article URL: with ``allow``, only URLs
    # matching one are followed; URLs matching a ``deny`` one are not.
    allow: ClassVar[Sequence[str]] = []
    deny: ClassVar[Sequence[str]] = []
    # Fetch article pages with a headless browser (tracker.browser); ``-a render_js=`` overrides.
    render_js: bool = False
    # The spider arguments (``-a name=value``) it accepts, with what each does: ``scrapy crawl``
    # refuses any other (a typo such as ``-a limt=1`` would otherwise be ignored). Names starting
    # with "_" belong to the runner (Scrapyd's ``_job``) and are let through.
    arguments: ClassVar[dict[str, str]] = {
        "urls": "comma-separated article URLs, fetched instead of the sources",
        "limit": "at most this many articles not written before",
        "render_js": "true/false: fetch article pages with a headless browser",
        "warc": "WARC files (paths, folders, globs or http(s) URLs) to read pages from instead"
        " of fetching them (docs/archives.md)",
        "ccnews": "YYYY-MM[-DD][,...]: read Common Crawl's CC-NEWS WARC files of those periods",
    }

    # --- What extraction needs to know about its pages (tracker.extract.rules) -------------------
    # Rules shared by a family of sites on one platform (tracker.extract.sites); the rules
    # below extend them.
    family: ClassVar[SiteRules | None] = None
    selectors: ClassVar[Mapping[str, str | Sequence[str]]] = {}
    separators: ClassVar[Mapping[str, str]] = {}
    exclude: ClassVar[Sequence[str]] = []
    title_prefixes: ClassVar[Sequence[str]] = []
    title_suffixes: ClassVar[Sequence[str]] = []
    keep_tags: ClassVar[Sequence[str]] = []
    drop_tags: ClassVar[Sequence[str]] = []
    tag_labels: ClassVar[Sequence[str]] = []
    drop_authors: ClassVar[Sequence[str]] = []
    not_article: ClassVar[Sequence[str]] = []

    # --- How its crawls are judged ----------------------------------------------------------------
    # Overrides of the health checks for this publisher (tracker/health/config.py: HealthConfig's
    # field names, e.g. {"min_articles": 1}); None: the settings' checks.
    health: ClassVar[dict[str, Any] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._rules = None  # the subclass's own SiteRules, built (and checked) below
        check_declaration(cls)

    _rules: ClassVar[SiteRules | None] = None

    def __init__(
        self,
        *args: Any,
        urls: str | Iterable[str] | None = None,
        limit: str | int | None = None,
        render_js: str | bool | None = None,
        warc: str | None = None,
        ccnews: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.article_urls, self.limit, wanted = self.check_arguments(
            urls=urls, limit=limit, render_js=render_js
        )
        # -a warc= / -a ccnews=: pages read from WARC files instead of the web (tracker.archive).
        self.archive_locations, self.archive_periods = check_archive_arguments(warc, ccnews)
        if wanted is not None:
            self.render_js = wanted
        self._articles_requested = 0
        # Sitemap documents requested in this crawl (url_key form): each is read once.
        self._sitemaps_seen: set[str] = set()
        self._allow = [re.compile(p) for p in self.allow]
        self._deny = [re.compile(p) for p in self.deny]

    @classmethod
    def check_arguments(
        cls,
        *,
        urls: str | Iterable[str] | None = None,
        limit: str | int | None = None,
        render_js: str | bool | None = None,
        **_others: Any,
    ) -> tuple[list[str], int | None, bool | None]:
        """The parsed ``-a urls``, ``-a limit`` and ``-a render_js`` values.

        Raises ValueError with a one-line message naming the argument; ``scrapy crawl``
        (tracker.commands.crawl) calls this before starting, so a bad value is a usage error.
        A URL off the spider's allowed_domains is one too: the crawl would never fetch it.
        """
        article_urls = split_arg(urls)
        for url in article_urls:
            if urlparse(url).scheme not in ("http", "https"):
                raise ValueError(f"-a urls: {url!r} is not an http(s) URL")
            problem = broken_http_url(url)
            if problem:
                raise ValueError(f"-a urls: {url!r}: {problem}")
            problem = cls.offsite(url)
            if problem:
                raise ValueError(f"-a urls: {problem}")
        try:
            max_articles = int(limit) if limit not in (None, "") else None
        except (TypeError, ValueError):
            raise ValueError(f"-a limit: expected a whole number, got {limit!r}") from None
        if max_articles is not None and max_articles < 0:
            raise ValueError(f"-a limit: must be 0 or more, got {max_articles}")
        locations, periods = check_archive_arguments(_others.get("warc"), _others.get("ccnews"))
        if (locations or periods) and article_urls:
            raise ValueError("-a warc / -a ccnews read pages from archives: leave out -a urls")
        return article_urls, max_articles, wants_browser(render_js)

    @classmethod
    def check_command_line(cls, spider_args: dict[str, Any]) -> None:
        """Check the ``-a`` arguments of a ``scrapy crawl``: unknown names, values given empty
        (``-a feed=``), then every value (:meth:`check_arguments`). Raises ValueError with a
        one-line message; the crawl command makes it a usage error (exit 2)."""
        unknown = sorted(n for n in spider_args if n not in cls.arguments and not n.startswith("_"))
        if unknown:
            accepted = ", ".join(
                f"-a {name} ({meaning})" for name, meaning in cls.arguments.items()
            )
            names = ", ".join(f"-a {name}" for name in unknown)
            raise ValueError(
                f"{names}: not an argument of spider {cls.name}; it accepts {accepted}"
            )
        for name, value in spider_args.items():
            if name in cls.arguments and not str(value).strip(" ,"):
                raise ValueError(f"-a {name}: no value given")
        cls.check_arguments(**spider_args)

    # ------------------------------------------------------------------ the declaration
    @classmethod
    def is_publisher(cls) -> bool:
        """Whether this is a publisher spider (one outlet), not the generic one or a base."""
        return bool(cls.name and cls.publisher)

    @classmethod
    def site_rules(cls) -> SiteRules:
        """The extraction rules this spider declares, its family's under its own (also used by
        the generic spider for pages on this spider's domains)."""
        if cls.__dict__.get("_rules") is None:
            own = SiteRules(
                selectors=dict(cls.selectors),
                separators=dict(cls.separators),
                exclude=tuple(cls.exclude),
                title_prefixes=tuple(cls.title_prefixes),
                title_suffixes=tuple(cls.title_suffixes),
                keep_tags=tuple(cls.keep_tags),
                drop_tags=tuple(cls.drop_tags),
                tag_labels=tuple(cls.tag_labels),
                drop_authors=tuple(cls.drop_authors),
                not_article=tuple(cls.not_article),
            )
            cls._rules = cls.family.extended_by(own) if cls.family is not None else own
        assert cls._rules is not None
        return cls._rules

    @classmethod
    def hints(cls) -> PublisherHints:
        """What the declaration tells the pipelines about each article (carried on the item)."""
        return PublisherHints(
            timezone=cls.timezone,
            default_category=cls.default_category,
            category_rules=tuple(
                (str(name), tuple(str(w) for w in words))
                for name, words in cls.category_rules.items()
            ),
        )

    @classmethod
    def offsite(cls, url: str) -> str | None:
        """Why ``url`` is off this spider's allowed_domains, or None when it is on them."""
        domains = [d.lower() for d in cls.allowed_domains or []]
        host = (urlparse(url).hostname or "").lower()
        if not domains or any(host == d or host.endswith("." + d) for d in domains):
            return None
        return (
            f"{url} is not on {cls.name}'s allowed_domains ({', '.join(domains)}); "
            "`scrapy crawl article -a urls=...` takes any site"
        )

    @classmethod
    def post_process_item(cls, item: ArticleItem, response: Response) -> ArticleItem:
        """Hook for what the site rules cannot say: return the item (changed or not), or raise
        NotAnArticle for a page that is not one. Anything else is a bug in the hook and becomes
        an ``extract_error`` reject. A classmethod, because the generic spider applies it too.
        Default: the item unchanged."""
        return item

    @property
    def archive_requested(self) -> bool:
        """Whether the pages come from WARC files (``-a warc=`` or ``-a ccnews=``)."""
        return bool(self.archive_locations or self.archive_periods)

    def on_own_domain(self, url: str) -> bool:
        """Whether the URL has a host and it is on ``allowed_domains`` (any host when none)."""
        return bool(urlparse(url).hostname) and self.offsite(url) is None

    def accepts_url(self, url: str) -> bool:
        """Whether a discovered URL looks like one of this publisher's articles."""
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            return False
        if self.offsite(url):
            return False
        if self._allow and not any(p.search(url) for p in self._allow):
            return False
        return not any(p.search(url) for p in self._deny)

    # ------------------------------------------------------------------ discovery
    async def start(self) -> AsyncIterator[Request | ArticleItem]:
        if self.archive_requested:
            archive = ArchiveSource(self, self.archive_locations, self.archive_periods)
            async for item in archive.items():
                yield item
            return
        if self.article_urls:
            # Asked for by name: not filtered by allow/deny (the command line checked them).
            for url in self.article_urls:
                problem = broken_http_url(url)
                if problem:
                    self._reject(url, "bad_url", problem)
                    continue
                problem = self.offsite(url)
                if problem:
                    # `scrapy crawl` refuses these up front (check_arguments); a crawl started
                    # another way (Scrapyd, crawlall) reports them instead of losing them.
                    self._reject(url, "offsite", problem)
                    continue
                if self._url_too_long(url) or self._already_written(url):
                    continue
                request = self.article_request(url)
                if request is not None:
                    yield request
            return
        if not self.sources:
            logger.warning("Spider %s declares no sources and got no -a urls", self.name)
        for source in self.sources:
            if isinstance(source, Sitemap):
                now = datetime.now(ZoneInfo(self.timezone) if self.timezone else UTC)
                for url in source.urls_at(now):
                    sitemap = self._sitemap_request(source, url, depth=0)
                    if sitemap is not None:
                        yield sitemap
            else:
                yield self.source_request(source)
        # Articles written by earlier crawls that are young enough to have changed since.
        for request in revisit_requests(self):
            yield request

    def source_request(self, source: Source, url: str | None = None) -> Request:
        if isinstance(source, Feed):
            callback = self.parse_feed
        elif isinstance(source, Sitemap):
            callback = self.parse_sitemap
        elif isinstance(source, Listing):
            callback = self.parse_listing
        else:  # pragma: no cover - a new Source type must be wired here
            raise TypeError(f"unknown source type {type(source).__name__}")
        return Request(
            url or source.url,
            callback=callback,
            errback=self.source_failed,
            meta={META_SOURCE: source},
            dont_filter=True,
        )

    def article_request(self, url: str, entry: FeedEntry | None = None) -> Request | None:
        """A request for one article page, or None once ``-a limit`` is reached."""
        if self.limit is not None and self._articles_requested >= self.limit:
            return None
        self._articles_requested += 1
        meta: dict[str, Any] = {META_ARTICLE: True}
        if entry is not None:
            meta[META_ENTRY] = entry.to_dict()
        if self.render_js:
            meta[META_PLAYWRIGHT] = True
        return Request(url, callback=self.parse_article, errback=self.article_failed, meta=meta)

    def _article_requests(self, entries: Iterable[FeedEntry]) -> Iterator[Request]:
        for entry in entries:
            problem = broken_http_url(entry.url)
            if problem:
                # One broken link is that article's reject, not the end of the feed.
                self._reject(entry.url, "bad_url", problem)
                continue
            if not self.accepts_url(entry.url):
                self.crawler.stats.inc_value("tracker/discovery/filtered_url")
                continue
            # Written in an earlier run: not fetched again, and not counted against -a limit.
            if self._url_too_long(entry.url) or self._already_written(entry.url):
                continue
            request = self.article_request(entry.url, entry)
            if request is None:
                return
            yield request

    def _already_written(self, url: str) -> bool:
        return state_of(self.crawler).already_written(url)

    def _url_too_long(self, url: str) -> bool:
        """Scrapy's UrlLengthMiddleware drops a request whose URL is over URLLENGTH_LIMIT with no
        errback: reject the article here instead, so it is not lost silently."""
        limit = self.settings.getint("URLLENGTH_LIMIT", 0)
        if limit <= 0 or len(url) <= limit:
            return False
        self._reject(
            url, "url_too_long", f"the URL has {len(url)} characters, over URLLENGTH_LIMIT={limit}"
        )
        return True

    def parse_feed(self, response: Response) -> Iterator[Request]:
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        # A feed that lists a whole archive: follow its first (newest) entries only, and cut
        # the document there before parsing (feedparser takes ~0.7 ms per entry: 100,000
        # entries held the crawl for over a minute before the cap applied).
        cap = self.settings.getint("TRACKER_FEED_MAX_ENTRIES", 0)
        body, total = cut_feed(response.body, cap)
        try:
            try:
                entries = parse_feed(body, response.url, content_type)
            except FeedError:
                if body is response.body:
                    raise
                # The cut went wrong on an odd document: read all of it after all.
                entries = parse_feed(response.body, response.url, content_type)
                total = len(entries)
        except FeedError as exc:
            logger.error("Feed %s could not be read: %s", response.url, exc)
            self.crawler.stats.inc_value("tracker/discovery/bad_feed")
            return
        total = max(total, len(entries))
        self.crawler.stats.inc_value("tracker/discovery/feed_entries", total)
        if cap > 0 and total > cap:
            logger.warning(
                "Feed %s lists %d entries; following the first %d (TRACKER_FEED_MAX_ENTRIES)",
                response.url,
                total,
                cap,
            )
            self.crawler.stats.inc_value("tracker/discovery/feed_capped", total - cap)
            entries = entries[:cap]
        yield from self._article_requests(entries)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        source = response.meta.get(META_SOURCE) or Sitemap(response.url)
        try:
            page = parse_sitemap(self.sitemap_body(response))
        except SitemapError as exc:
            logger.error("Sitemap %s could not be read: %s", response.url, exc)
            self.crawler.stats.inc_value("tracker/discovery/bad_sitemap")
            return
        if page.sitemaps:
            # Newest child sitemaps first; an archive is not crawled in full.
            children = sorted(page.sitemaps, key=lambda s: s[1] or "", reverse=True)
            depth = int(response.meta.get(META_SITEMAP_DEPTH) or 0) + 1
            for url, _lastmod in children[: source.max_sitemaps]:
                child = self._sitemap_request(source, response.urljoin(url), depth)
                if child is not None:
                    yield child
            return
        cutoff = None
        if source.max_age_days is not None:
            cutoff = datetime.now(UTC) - timedelta(days=source.max_age_days)
        entries = [e for e in page.entries if cutoff is None or not _older_than(e, cutoff)]
        self.crawler.stats.inc_value("tracker/discovery/sitemap_entries", len(entries))
        # Newest first, so -a limit keeps the most recent articles.
        entries.sort(key=lambda e: e.published or "", reverse=True)
        # An archive sitemap (or a hostile one) can list 50,000 undated URLs: follow the newest.
        entries = self._capped(entries, "TRACKER_SITEMAP_MAX_URLS", "sitemap", response.url)
        yield from self._article_requests(entries)

    def _sitemap_request(self, source: Sitemap, url: str, depth: int) -> Request | None:
        """The request for a sitemap document, or None when this crawl read it already (an
        index that lists itself, two that list each other) or it is nested deeper than
        ``TRACKER_SITEMAP_MAX_DEPTH`` indexes; both counted, so a crawl always ends."""
        problem = broken_http_url(url)
        if problem:
            logger.warning("Sitemap link %r left out: %s", url, problem)
            self.crawler.stats.inc_value("tracker/discovery/sitemap_bad_url")
            return None
        key = url_key(url)
        if key in self._sitemaps_seen:
            logger.info("Sitemap %s listed again: read once per crawl", url)
            self.crawler.stats.inc_value("tracker/discovery/sitemap_repeated")
            return None
        max_depth = self.settings.getint("TRACKER_SITEMAP_MAX_DEPTH", 3)
        if depth > max_depth:
            logger.warning(
                "Sitemap %s is nested %d indexes deep, over TRACKER_SITEMAP_MAX_DEPTH=%d: not read",
                url,
                depth,
                max_depth,
            )
            self.crawler.stats.inc_value("tracker/discovery/sitemap_too_deep")
            return None
        self._sitemaps_seen.add(key)
        request = self.source_request(source, url)
        request.meta[META_SITEMAP_DEPTH] = depth
        return request

    def _capped(
        self, entries: list[FeedEntry], setting: str, kind: str, url: str
    ) -> list[FeedEntry]:
        """The first ``setting`` entries of a feed or sitemap (0 = no cap), logged and counted
        under ``tracker/discovery/<kind>_capped`` when some are left out."""
        cap = self.settings.getint(setting, 0)
        if cap <= 0 or len(entries) <= cap:
            return entries
        logger.warning(
            "%s %s lists %d entries; following the first %d (%s)",
            kind.capitalize(),
            url,
            len(entries),
            cap,
            setting,
        )
        self.crawler.stats.inc_value(f"tracker/discovery/{kind}_capped", len(entries) - cap)
        return entries[:cap]

    def sitemap_body(self, response: Response) -> bytes:
        """The sitemap's XML: a gzipped sitemap file (``sitemap.xml.gz``, not a Content-Encoding,
        which Scrapy has already undone) is inflated here, at most DOWNLOAD_MAXSIZE bytes."""
        body = response.body
        if body[:3] != b"\x1f\x8b\x08":
            return body
        limit = response.meta.get("download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE"))
        try:
            return gunzip(body, max_size=limit)
        except ValueError as exc:  # scrapy's max-size error is a ValueError
            raise SitemapError(f"gzipped sitemap larger than DOWNLOAD_MAXSIZE: {exc}") from exc
        except (OSError, EOFError) as exc:
            raise SitemapError(f"broken gzip: {exc}") from exc

    def parse_listing(self, response: Response) -> Iterator[Request]:
        source = response.meta.get(META_SOURCE)
        selector = source.links if isinstance(source, Listing) else "a"
        if not isinstance(response, TextResponse):
            return
        seen: set[str] = set()
        entries = []
        for href in response.css(f"{selector}::attr(href)").getall():
            url = response.urljoin(href.strip())
            if url not in seen:
                seen.add(url)
                entries.append(FeedEntry(url=url))
        yield from self._article_requests(entries)

    def source_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        reason, detail = failure_reason(failure)
        if reason == "not_in_cassette":
            # Replaying a recording that never fetched this source (a short recorded run, a
            # source added since): a fact about the cassette, not a failing publisher.
            logger.warning("Source %s skipped: %s", request.url, detail)
            self.crawler.stats.inc_value("tracker/discovery/not_in_cassette")
            return
        logger.error("Source %s failed: %s (%s)", request.url, reason, detail)
        self.crawler.stats.inc_value(f"tracker/discovery/failed/{reason}")

    # ------------------------------------------------------------------ articles
    def site_for(self, url: str) -> type[NewsSpider] | None:
        """The publisher whose declaration applies to the article at ``url``: this spider's
        own (the generic spider answers with the publisher whose domains the URL is on)."""
        return type(self)

    async def parse_article(self, response: Response) -> AsyncIterator[ArticleItem | Request]:
        try:
            extraction = await self._extract(response)
        except ExtractionRejected as exc:
            # Too slow, too much memory, its worker died, or an error in the worker (logged
            # there with its traceback; tracker.workers): the crawl goes on.
            key = "error" if exc.reason == "extract_error" else exc.reason
            self.crawler.stats.inc_value(f"tracker/extract/{key}")
            self._reject(response.url, exc.reason, exc.detail)
            return
        except Exception as exc:
            self._extract_failed(response, exc)
            return
        for result in self._results(response, extraction):
            yield result

    def parse_article_in_process(self, response: Response) -> list[ArticleItem | Request]:
        """What ``parse_article`` yields, with extraction in this thread (tools and tests that
        run a spider on a saved page without a crawl)."""
        try:
            extraction = None
            if isinstance(response, TextResponse):
                extraction = extract_article(
                    page_text(response),
                    response.url,
                    rules=self.rules_for(response),
                    feed_entry=entry_from_meta(response.meta),
                )
        except Exception as exc:
            self._extract_failed(response, exc)
            return []
        return self._results(response, extraction)

    def _results(
        self, response: Response, extraction: Extraction | None
    ) -> list[ArticleItem | Request]:
        try:
            return list(self._parse_article(response, extraction))
        except Exception as exc:
            self._extract_failed(response, exc)
            return []

    def _extract_failed(self, response: Response, exc: Exception) -> None:
        # A page that breaks extraction or a spider's hook must not vanish with only a
        # traceback in the log: it becomes a reject, and the traceback stays in the log.
        logger.error("Extraction failed on %s", response.url, exc_info=exc)
        self.crawler.stats.inc_value("tracker/extract/error")
        self._reject(response.url, "extract_error", f"{type(exc).__name__}: {exc}")

    def rules_for(self, response: Response) -> SiteRules:
        """The extraction rules for a page: those of the publisher :meth:`site_for` names (the
        generic rules when none)."""
        site = self.site_for(response.url)
        return site.site_rules() if site is not None else SiteRules()

    async def _extract(self, response: Response) -> Extraction | None:
        """The page's extraction, in a worker process (tracker.workers) unless
        ``TRACKER_EXTRACT_WORKERS=0``; None for a response that is not text."""
        if not isinstance(response, TextResponse):
            return None
        return await extractor_for(self.crawler).extract(
            page_text(response),
            response.url,
            self.rules_for(response),
            entry_from_meta(response.meta),
        )

    def _parse_article(
        self, response: Response, extraction: Extraction | None
    ) -> Iterator[ArticleItem | Request]:
        if extraction is None:
            self._reject(
                response.url,
                "not_article",
                f"the response is not a text page ({response.headers.get('Content-Type')!r})",
            )
            return
        # A page the site's declaration says is not an article is not worth a browser retry.
        if extraction.page_kind == DECLARED_NOT_ARTICLE and self.not_an_article(
            extraction, response
        ):
            return
        # No article on a page that looks rendered by JavaScript: once more through the browser.
        retry = browser_retry(response, extraction.fields, self.settings, self.crawler.stats)
        if retry is not None:
            yield retry
            return
        if self.not_an_article(extraction, response):
            return
        site = self.site_for(response.url)
        item = self.item_from_extraction(extraction, fetched_url=response.url, site=site)
        note_fetch(item, response)
        if site is None:
            yield item
            return
        try:
            result = site.post_process_item(item, response)
        except NotAnArticle as exc:
            self._reject(response.url, "not_article", str(exc) or "not an article page")
            return
        if not isinstance(result, ArticleItem):
            # A hook that returns None (or anything else) would drop the article silently.
            raise TypeError(
                f"{site.__name__}.post_process_item returned {type(result).__name__}, not the"
                " item (return the item, or raise NotAnArticle for a page that is not one)"
            )
        yield result

    def not_an_article(self, extraction: Extraction, response: Response) -> bool:
        """Reject a page that extraction found is not an article (a listing, a shop or product
        page, a service or home page; tracker.extract.page_kind) with reason ``not_article``.

        A page the user named with ``-a urls=`` also gets a log line saying what it is and how
        to crawl the articles it lists instead."""
        if not extraction.not_article:
            return False
        self.crawler.stats.inc_value(f"tracker/not_article/{extraction.page_kind}")
        requested = (response.meta.get("redirect_urls") or [response.url])[0]
        if requested in self.article_urls or response.url in self.article_urls:
            logger.warning(
                "%s is not an article but a %s page (%s). To crawl the articles a site lists, "
                "give its feed or sitemap: scrapy crawl article -a feed=URL or -a sitemap=URL",
                response.url,
                extraction.page_kind,
                extraction.not_article,
            )
        self._reject(response.url, "not_article", extraction.not_article)
        return True

    def article_failed(self, failure: Failure) -> Iterator[ArticleItem]:
        request = failure.request  # type: ignore[attr-defined]
        if request.meta.get(META_SKIPPED):
            return  # dropped on purpose (already written in an earlier run): not a failure
        reason, detail = failure_reason(failure)
        if request.meta.get(META_REVISIT) is not None:
            revisit_failed(self.crawler, request, reason, detail)
            return
        entry = entry_from_meta(request.meta)
        if entry is not None and entry.content_html:
            logger.info(
                "Article %s could not be fetched (%s); using the feed's full content",
                request.url,
                reason,
            )
            self.crawler.stats.inc_value("tracker/fallback/feed_content")
            site = self.site_for(request.url)
            extraction = extract_article(
                None,
                request.url,
                rules=site.site_rules() if site is not None else None,
                feed_entry=entry,
            )
            item = self.item_from_extraction(extraction, fetched_url=None, site=site)
            item.provenance["fetch"] = f"feed_content ({reason})"
            yield item
            return
        # Report the URL the article was found under: after redirects, request.url is another.
        found_as = (request.meta.get("redirect_urls") or [request.url])[0]
        if found_as != request.url:
            detail = f"{detail} (after redirects, at {request.url})"
        self._reject(found_as, reason, detail)

    def item_from_extraction(
        self,
        extraction: Extraction,
        fetched_url: str | None,
        site: type[NewsSpider] | EllipsisType | None = ...,
    ) -> ArticleItem:
        """The item for one extracted article, with what ``site``'s declaration adds (its
        publisher name, language, and the hints for the pipelines); without a site, the page's
        own site name or the host is the publisher. ``site`` defaults to ``site_for`` the URL."""
        fields = extraction.fields
        if site is ...:
            site = self.site_for(fields.get("canonical_url") or fetched_url or "")
        provenance = dict(extraction.provenance)
        for field_name, layer in provenance.items():
            self.crawler.stats.inc_value(f"tracker/extract/{field_name}/{layer}")
        url = fields.get("canonical_url") or fetched_url
        language = fields.get("language")
        # A page's value that is no language tag ("utf-8") says nothing: the spider's applies.
        if not normalise_language(language) and site is not None and site.language:
            language = site.language
            provenance["language"] = "spider"
        publisher = site.publisher if site is not None else ""
        if site is not None:
            provenance["rules"] = site.name
            if site is not type(self):  # the generic spider, with a publisher's declaration
                self.crawler.stats.inc_value(f"tracker/{self.name}/rules/{site.name}")
        host = (urlparse(url or "").hostname or "").removeprefix("www.")
        return ArticleItem(
            url=url,
            fetched_url=fetched_url,
            title=fields.get("title"),
            publisher=publisher or fields.get("site_name") or host or None,
            spider=self.name,
            section=fields.get("section"),
            tags=list(fields.get("tags") or []),
            authors=list(fields.get("authors") or []),
            published=fields.get("published"),
            modified=fields.get("modified"),
            language=language,
            image=fields.get("image"),
            description=fields.get("description"),
            body=fields.get("body"),
            text=fields.get("text"),
            provenance=provenance,
            hints=site.hints() if site is not None else PublisherHints(),
        )

    def _reject(self, url: str, reason: str, detail: str) -> None:
        self.crawler.signals.send_catch_log(
            article_rejected, url=url, reason=reason, detail=detail, spider=self
        )


def page_text(response: TextResponse) -> str:
    """The page as text, decoded by the one rule extraction uses for bytes
    (tracker.extract.encoding.decode_html), with the HTTP header's charset as a hint."""
    content_type = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
    return decode_html(response.body, content_type, url=response.url)


def entry_from_meta(meta: dict[str, Any]) -> FeedEntry | None:
    data = meta.get(META_ENTRY)
    return FeedEntry.from_dict(data) if data else None


def _older_than(entry: FeedEntry, cutoff: datetime) -> bool:
    stamp = entry.modified or entry.published
    if not stamp:
        return False
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when < cutoff
