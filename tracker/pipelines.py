"""The item pipelines, in ITEM_PIPELINES order: normalise, validate, dedupe, categorise,
summarise, Markdown export.

Each is a thin Scrapy component (``from_crawler``, counters under ``tracker/...`` in the crawl's
stats); the rules live in plain modules (tracker.processing: normalise, categorise, summarise;
tracker.export.markdown) so they can be tested without a crawler.

``process_item(self, item, spider=None)``: Scrapy 2.19 calls it with the item only; the optional
``spider`` keeps older callers working.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
from collections.abc import Mapping
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.utils.misc import build_from_crawler, load_object

from tracker import PROJECT_NAME, PROJECT_URL
from tracker.export.index import IncrementalIndexes
from tracker.export.markdown import (
    ArticleView,
    IndexCache,
    article_relpath,
    output_lock,
    parse_index_entry,
    rebuild_index,
    render_article,
    resolve_inside,
    write_if_changed,
)
from tracker.export.rejects import (
    DuplicateItem,
    RejectItem,
    full_disk_rejects,
    is_disk_full,
    short_error,
)
from tracker.export.stories import article_additions
from tracker.extract.markdown import markdown_to_text
from tracker.files import remove_stale_temp_files
from tracker.items import PublisherHints
from tracker.processing.categorise import CategoryMatcher, categorise, merge_rules
from tracker.processing.language import settle_language
from tracker.processing.normalise import (
    absolute_http_url,
    article_url,
    clean_authors,
    clean_list,
    clean_multiline,
    clean_text,
    content_hash,
    normalise_language,
    parse_datetime,
    plain_text,
    to_utc_iso,
    url_key,
    word_count,
)
from tracker.processing.summarise import LeadSummariser
from tracker.state import StateStore, store_for
from tracker.state.stories import republished_elsewhere

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

# Below this many words a "body" is a stub, a consent wall or a gallery: not an article.
DEFAULT_MIN_WORDS = 10


class _Pipeline:
    """Shared plumbing: the crawler, its stats, its spider, its state store."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @property
    def store(self) -> StateStore:
        """The crawler's one state store (tracker.state.StateStoreExtension), opened on first
        use."""
        return store_for(self.crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    def inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"tracker/{key}", count)

    @property
    def spider(self) -> Spider | None:
        return self.crawler.spider


# The shared base under a public name, for pipelines in other modules (tracker.story_pipelines).
Pipeline = _Pipeline


class NormalisePipeline(_Pipeline):
    """Raw extraction strings to final values (see tracker.processing.normalise for each rule).

    Dates become ISO 8601 with offset (a value without a zone is taken in the publisher's
    ``timezone``, carried on the item as ``hints.timezone``, else UTC; counted under
    ``tracker/normalise/<field>/assumed_utc`` or ``.../assumed_spider_tz`` and noted in
    ``provenance["<field>_tz"]``); authors
    are cleaned; all strings NFC with collapsed whitespace; URLs absolute http(s) only; ``url`` is
    the canonical URL (the page's own canonical link when it is on the host the page came from
    and is not the home page, otherwise the fetched URL canonicalised); ``text``, ``word_count``
    and ``content_hash`` come from the body when the spider gave no text.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._zones: dict[str, tzinfo | None] = {}

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        a = ItemAdapter(item)
        provenance = {str(k): str(v) for k, v in (a.get("provenance") or {}).items()}

        for name in ("title", "publisher", "section", "description", "summary", "category"):
            if name in a:
                a[name] = clean_text(a.get(name))
        a["tags"] = clean_list(a.get("tags"), split_commas=isinstance(a.get("tags"), str))
        site_names = [a.get("publisher")]
        a["authors"] = clean_authors(a.get("authors"), site_names)

        home_tz, home_tz_name = self._zone(_hints(a).timezone)
        body = clean_multiline(a.get("body"))
        a["body"] = body
        text = plain_text(a.get("text")) or (plain_text(markdown_to_text(body)) if body else None)
        a["text"] = text
        # The declared language, checked against the text (tracker.processing.language).
        language, layer = settle_language(
            normalise_language(a.get("language")), provenance.get("language"), text, a.get("title")
        )
        a["language"] = normalise_language(language)
        if layer and a["language"]:
            provenance["language"] = layer
        else:
            provenance.pop("language", None)
        self.inc(f"language/{(layer or 'none').split(' ')[0]}")
        # Dates dateparser reads are read in the article's language (and English) first.
        date_languages = [a["language"]] if a.get("language") else []
        for name in ("published", "modified"):
            raw = a.get(name)
            iso, assumed = parse_datetime(raw, home_tz, date_languages)
            if raw and iso is None:
                self.inc(f"normalise/{name}/unparsed")
                logger.debug("Unparsed %s date %r on %s", name, raw, a.get("url"))
            if iso and assumed:
                self.inc(f"normalise/{name}/assumed_{'spider_tz' if home_tz else 'utc'}")
                provenance[f"{name}_tz"] = f"assumed {home_tz_name}"
            a[name] = iso
        a["scraped_at"] = to_utc_iso(a.get("scraped_at"))

        fetched = absolute_http_url(a.get("fetched_url"))
        a["fetched_url"] = fetched
        a["url"], set_aside = article_url(a.get("url"), fetched)
        if set_aside:
            self.inc(f"normalise/url/{set_aside}")
            provenance["url"] = "fetched"
        a["image"] = absolute_http_url(a.get("image"), base=fetched or a.get("url"))

        a["word_count"] = word_count(text)
        a["content_hash"] = content_hash(text) if text else None
        a["provenance"] = provenance
        return item

    def _zone(self, name: str | None) -> tuple[tzinfo | None, str]:
        """The publisher's zone (an IANA name such as "Europe/Berlin") for its dates that carry
        none, and its name. UTC when unset or unknown."""
        if not name:
            return None, "UTC"
        if name not in self._zones:
            try:
                self._zones[name] = ZoneInfo(str(name))
            except (ZoneInfoNotFoundError, ValueError):
                logger.warning("Publisher timezone %r is not an IANA zone name; using UTC", name)
                self._zones[name] = None
        zone = self._zones[name]
        return (zone, str(name)) if zone else (None, "UTC")


def _hints(a: ItemAdapter) -> PublisherHints:
    """The item's publisher hints: a PublisherHints, or its fields as a dict (a spider that
    yields dicts); none when the item carries none."""
    hints = a.get("hints")
    if isinstance(hints, PublisherHints):
        return hints
    if isinstance(hints, Mapping):
        rules = hints.get("category_rules") or ()
        if isinstance(rules, Mapping):
            rules = tuple((str(k), tuple(v)) for k, v in rules.items())
        return PublisherHints(
            timezone=hints.get("timezone"),
            default_category=hints.get("default_category"),
            category_rules=tuple(rules),
        )
    return PublisherHints()


class ValidatePipeline(_Pipeline):
    """Rejects what must not be written: no title (``no_title``), no body (``no_body``), no
    http(s) URL (``no_url``), or fewer than ``TRACKER_MIN_WORDS`` words (``not_article``).

    A rejection raises :class:`tracker.export.rejects.RejectItem`; the rejects log writes it down.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.min_words = crawler.settings.getint("TRACKER_MIN_WORDS", DEFAULT_MIN_WORDS)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        a = ItemAdapter(item)
        if not a.get("title"):
            raise RejectItem("no_title", "the page has no headline")
        if not a.get("url"):
            raise RejectItem("no_url", "the article has no http(s) URL")
        if not a.get("body") or not a.get("text"):
            raise RejectItem("no_body", "no article body was found on the page")
        words = a.get("word_count") or 0
        if words < self.min_words:
            raise RejectItem(
                "not_article",
                f"only {words} words of body text (fewer than {self.min_words}):"
                " a stub, a gallery or a page that is not an article",
            )
        self.inc("validated")
        return item


class DedupePipeline(_Pipeline):
    """Drops articles already written, in this crawl or an earlier one, by canonical URL or by
    content hash, and claims the hash of a new article so that a concurrent crawl on the same
    store does not write it too. Duplicates are counted (``tracker/duplicates/url``,
    ``tracker/duplicates/hash``, ``tracker/duplicates/claimed``), not rejected.

    The claim is released if a later pipeline drops the item or fails on it; the exporter's
    ``mark_written`` turns it into a permanent mark.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        # id(item) -> content hash this pipeline claimed for it and not yet settled.
        self._claims: dict[int, str] = {}
        self.stories = crawler.settings.getbool("TRACKER_STORIES", True)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline._unsettled, signal=signals.item_dropped)
        crawler.signals.connect(pipeline._unsettled, signal=signals.item_error)
        crawler.signals.connect(pipeline._settled, signal=signals.item_scraped)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        _ = self.store  # open early: a bad TRACKER_STATE fails the crawl at its start

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        a = ItemAdapter(item)
        if (a.get("revision") or 1) > 1:
            return item  # a new revision of a written article (tracker.story_pipelines)
        digest = a.get("content_hash")
        self._unshare_canonical(a, digest)
        urls = [u for u in (a.get("url"), a.get("fetched_url")) if u]
        for url in urls:
            if self.store.has_url(url):
                self._duplicate("url", f"{url} was written before", a)
        if digest and self.store.has_hash(digest):
            if self.stories and republished_elsewhere(
                self.store, urls[0], a.get("title"), a["text"]
            ):
                # Another outlet's word-for-word copy: written as a copy of its story.
                self.inc("duplicates/other_outlet_kept")
                return item
            self._duplicate("hash", f"the same text was written before ({digest[:12]})", a)
        if digest:
            with full_disk_rejects(self.crawler.stats, "the state store"):
                claimed = self.store.claim(digest, urls[0])
            if not claimed:
                self._duplicate("claimed", f"the same text is being written ({digest[:12]})", a)
            self._claims[id(item)] = digest
        return item

    def _unshare_canonical(self, a: ItemAdapter, digest: str | None) -> None:
        """A duplicate by canonical URL must have the same text: when the page's canonical URL
        was written with another text, and the page was fetched under a URL of its own, the
        canonical is shared by different articles (a site naming one page for many) and the
        article goes under its fetched URL instead."""
        url, fetched = a.get("url"), a.get("fetched_url")
        if not (url and fetched and digest) or url_key(url) == url_key(fetched):
            return
        if not self.store.has_url(url) or self.store.has_hash(digest):
            return
        self.inc("normalise/url/canonical_shared")
        logger.info(
            "Canonical URL %s of %s was written with another text: using the fetched URL",
            url,
            fetched,
        )
        a["url"] = url_key(fetched)
        provenance = dict(a.get("provenance") or {})
        provenance["url"] = "fetched (canonical shared)"
        a["provenance"] = provenance

    def _duplicate(self, kind: str, detail: str, a: ItemAdapter) -> None:
        self.inc(f"duplicates/{kind}")
        self.inc("duplicates")
        logger.info("Duplicate %s skipped: %s", a.get("url"), detail)
        raise DuplicateItem(kind, detail)

    def _unsettled(self, item: Any, **kwargs: Any) -> None:
        digest = self._claims.pop(id(item), None)
        if digest is not None:
            self._release(digest)

    def _settled(self, item: Any, **kwargs: Any) -> None:
        self._claims.pop(id(item), None)

    def _release(self, digest: str) -> None:
        try:
            self.store.release(digest)
        except Exception as exc:
            # A full disk, Redis gone: the claim is left to expire. The next crawl on this host
            # takes it over at once (its owner has exited), elsewhere after the claim TTL.
            logger.warning("Could not release the claim on %s: %s", digest[:12], short_error(exc))

    def close_spider(self, spider: Spider | None = None) -> None:
        for digest in self._claims.values():
            self._release(digest)
        self._claims.clear()


class CategorisePipeline(_Pipeline):
    """Sets ``category`` from the item, the publisher's ``default_category`` (carried on the item
    as ``hints.default_category``), the publisher's
    section, the URL's folders, then the tags (precedence and matching:
    tracker.processing.categorise), with ``TRACKER_CATEGORY_RULES`` merged over the built-in
    rules. The winning source is recorded in ``provenance["category"]`` and counted under
    ``tracker/category/<source>``."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.overrides = crawler.settings.getdict("TRACKER_CATEGORY_RULES")
        self.matcher = CategoryMatcher(merge_rules(self.overrides))
        # One matcher per publisher that adds words of its own.
        self._matchers: dict[tuple[tuple[str, tuple[str, ...]], ...], CategoryMatcher] = {}

    def _matcher(self, additions: tuple[tuple[str, tuple[str, ...]], ...]) -> CategoryMatcher:
        if not additions:
            return self.matcher
        if additions not in self._matchers:
            self._matchers[additions] = CategoryMatcher(
                merge_rules(self.overrides, dict(additions))
            )
        return self._matchers[additions]

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        a = ItemAdapter(item)
        hints = _hints(a)
        category, source = categorise(
            self._matcher(hints.category_rules),
            item_category=a.get("category"),
            default=hints.default_category,
            section=a.get("section"),
            url=a.get("url"),
            tags=a.get("tags") or (),
        )
        a["category"] = category
        provenance = dict(a.get("provenance") or {})
        provenance["category"] = source
        a["provenance"] = provenance
        self.inc(f"category/{source}")
        return item


class SummarisePipeline(_Pipeline):
    """Fills ``summary`` and ``summary_method`` with the summariser ``TRACKER_SUMMARISER`` names
    (default: TextRank, offline), in the article's ``language`` when its ``summarise`` takes a
    ``language`` keyword. A summariser that fails on one article falls back to the lead
    sentences for it (counted under ``tracker/summarise/error``); a summary the spider already
    set is kept."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        path = (
            crawler.settings.get("TRACKER_SUMMARISER")
            or "tracker.processing.summarise.TextRankSummariser"
        )
        try:
            cls = load_object(path)
            self.summariser = build_from_crawler(cls, crawler)
        except (ImportError, NameError, AttributeError, TypeError, ValueError) as exc:
            raise ValueError(
                f"TRACKER_SUMMARISER={path!r} cannot be loaded ({exc}); set it to the class path"
                " of a summariser with summarise(text, title), e.g."
                " tracker.processing.summarise.TextRankSummariser"
            ) from exc
        if not callable(getattr(self.summariser, "summarise", None)):
            raise ValueError(
                f"TRACKER_SUMMARISER={path!r} has no summarise(text, title) method; set it to"
                " a class like tracker.processing.summarise.TextRankSummariser"
            )
        self.fallback = LeadSummariser()
        # A summariser that takes the article's language gets it (the built-in ones do).
        self.takes_language = _takes_language(self.summariser.summarise)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        a = ItemAdapter(item)
        if a.get("summary"):
            a["summary_method"] = a.get("summary_method") or "publisher"
            return item
        text = a.get("text") or ""
        title = a.get("title")
        language = a.get("language")
        try:
            if self.takes_language:
                summary, method = self.summariser.summarise(text, title, language=language)
            else:
                summary, method = self.summariser.summarise(text, title)
        except Exception:
            logger.exception("Summariser failed on %s; using the lead sentences", a.get("url"))
            self.inc("summarise/error")
            summary, method = self.fallback.summarise(text, title, language)
        summary = clean_text(summary)
        a["summary"] = summary
        a["summary_method"] = method if summary else None
        if summary:
            self.inc(f"summarise/{method}")
        return item


def _takes_language(method: Any) -> bool:
    """Whether a summariser's ``summarise`` accepts a ``language`` keyword."""
    try:
        parameters = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False
    return "language" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


class MarkdownExportPipeline(_Pipeline):
    """Writes the article's Markdown file and keeps its folder's ``index.md`` up to date.

    The file is written atomically and left alone when its content is unchanged (a file that
    differs only in its "Scraped (UTC)" line counts as unchanged). Only once the file and the
    index are on disk is the article marked written in the state store, so a crash at any point
    leaves either nothing marked (the next crawl writes it again, to the same path) or a
    complete file. A write that fails is a reject (``write_failed``), never a silent loss.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.root = Path(crawler.settings.get("TRACKER_OUTPUT_DIR") or "output")
        self._swept: set[Path] = set()
        self._index_cache: IndexCache = {}
        # index.md gets one line per new article, not a rebuild (tracker.export.index).
        self._indexes = IncrementalIndexes(self._index_cache)

    def open_spider(self, spider: Spider | None = None) -> None:
        self.root.mkdir(parents=True, exist_ok=True)

    def close_spider(self, spider: Spider | None = None) -> None:
        # Indexes with appended lines are sorted once more (newest first). They are already
        # complete and correct unsorted, so a failure here (a full disk) costs only the order.
        try:
            with output_lock(self.root):
                self._indexes.close()
        except OSError as exc:
            logger.warning("index.md files not re-sorted: %s", short_error(exc))

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        a = ItemAdapter(item)
        url = a["url"]
        # A revision keeps the path of its first version (tracker.story_pipelines).
        relpath = a.get("path") or article_relpath(
            url=url,
            title=a.get("title"),
            category=a.get("category"),
            published=a.get("published"),
            scraped_at=a.get("scraped_at"),
        )
        view = ArticleView(
            title=a.get("title") or "",
            url=url,
            body=a.get("body") or "",
            category=a.get("category"),
            publisher=a.get("publisher"),
            authors=tuple(a.get("authors") or ()),
            published=a.get("published"),
            scraped_at=a.get("scraped_at"),
            image=a.get("image"),
            summary=a.get("summary"),
        )
        try:
            view.notes, view.appendix = article_additions(self.store, a, relpath)
            target = resolve_inside(self.root, relpath)
            folder = target.parent
            if folder not in self._swept:
                remove_stale_temp_files(folder)
                self._swept.add(folder)
            existed = target.exists()
            rendered = render_article(view, PROJECT_NAME, PROJECT_URL)
            # The index write below fsyncs the folder for both renames.
            changed = write_if_changed(target, rendered, ignore_scraped_line=True, sync_dir=False)
            entry = parse_index_entry(rendered, target.name)
            stat = target.stat()
            self._index_cache[target] = (stat.st_mtime_ns, stat.st_size, entry)
        except (OSError, ValueError) as exc:
            self._write_failed(relpath, exc)
        try:
            with output_lock(self.root):
                if entry is None:
                    index_changed = rebuild_index(folder, self._index_cache)
                else:
                    index_changed = self._indexes.update(folder, entry)
        except OSError as exc:
            if existed:
                # An earlier crawl wrote the file, and its index lists it by the same name.
                logger.warning("%s: index.md not updated (%s)", relpath, short_error(exc))
                index_changed = False
            else:
                # What is on disk must be listed: take the new file back, and reject it.
                with contextlib.suppress(OSError):
                    target.unlink()
                self._index_cache.pop(target, None)
                self._write_failed(relpath, exc, "its folder's index.md could not be updated")
        if a.get("content_hash"):
            self._mark_written(a["content_hash"], [url, a.get("fetched_url")], relpath)
        a["path"] = relpath
        self.inc("export/written" if changed else "export/unchanged")
        if index_changed:
            self.inc("export/index_written")
        logger.debug("%s %s", "Wrote" if changed else "Unchanged", target)
        return item

    def _write_failed(self, relpath: str, exc: BaseException, what: str = "") -> NoReturn:
        """Reject the article (``write_failed``) with one short line saying why."""
        self.inc("export/failed")
        if is_disk_full(exc):
            self.inc("disk_full")
        detail = f"{relpath}: {what + ': ' if what else ''}{short_error(exc)}"
        raise RejectItem("write_failed", detail) from exc

    def _mark_written(self, digest: str, urls: list[str | None], relpath: str) -> None:
        """Mark the article in the state store. The file and its index line are on disk by
        now, so a store that fails here (a full disk, Redis gone) does not make the article a
        reject: the next crawl writes it again, to the same path, and marks it then."""
        try:
            self.store.mark_written(digest, [u for u in urls if u], relpath)
        except Exception as exc:
            if is_disk_full(exc):
                self.inc("disk_full")
            self.inc("export/unmarked")
            logger.warning(
                "Wrote %s but could not mark it in the state store (%s): the next crawl writes it"
                " again",
                relpath,
                short_error(exc),
            )
