"""Fixture pages of publisher spiders: loading them, extracting them the spider's way, scoring.

A fixture is a real captured page ``tests/fixtures/<spider>/<name>.html.gz`` beside its expected
fields ``<name>.json`` (``url``, ``source``, ``captured``, and any of ``title``, ``authors``,
``published``, ``tags``, ``image``, ``body``; a ``feed_entry`` object when the page was reached
through a feed). The parametrised fixture test, ``bench/spiders.py`` and the ``scrapy fixture``
command all go through :class:`PageExtractor`, which is the spider's own code path:
``parse_article`` on an ``HtmlResponse`` built from the saved bytes, then the normalise pipeline,
so that what is compared is what a crawl would write.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from tools import metrics
from tracker.extract.types import FeedEntry
from tracker.items import ArticleItem

logger = logging.getLogger(__name__)

# The fields a fixture's expected JSON may hold and the test checks.
CHECKED_FIELDS = ("title", "authors", "published", "tags", "image", "body")

# Tolerances (documented in docs/adding-a-publisher.md): a page's body is right when its
# shingle F1 reaches BODY_F1_MIN; tags when their Jaccard similarity reaches TAGS_JACCARD_MIN
# (publishers' keyword lists drift between JSON-LD, meta tags and the visible topic links, so
# the set only has to overlap substantially).
BODY_F1_MIN = 0.80
TAGS_JACCARD_MIN = 0.5
# "Now" for pages whose capture time is unknown (time is frozen at a page's ``captured``).
FROZEN_AT = "2026-06-01T00:00:00+00:00"

# Pages whose reference tags cannot come from the markup a spider reads (the fixture test marks
# each an expected failure; the checks pass them).
KNOWN_TAG_GAPS = {
    "cbc/fundus-2024-08-08": "CBC's topics live only in the page's JavaScript state",
    "globeandmail/fundus-2024-08-28": "the reference tag is a CMS flag ('noastack'), not a topic",
    "ninenews/fundus-2026-07-04": "the page names the same topics differently ('USA')",
    "berlinerzeitung/fundus-2026-05-18": "the 2026 layout's topics are only in its JS state",
    "focus/fundus-2023-04-28": "Focus's topics are only in the page's JavaScript (entity list)",
    "lesechos/fundus-2024-07-18": "Les Echos's topics live only in the page's JavaScript state"
    " (and in header links with generated class names)",
}

# Pages where one field other than tags is known to be wrong, with the reason: page id -> field ->
# reason. test_spiders_fixtures expects each to fail (strict: it says so when one starts passing)
# and checkpublisher does not count it; bench/spiders.py still does.
KNOWN_FIELD_GAPS: dict[str, dict[str, str]] = {
    "hessenschau/fundus-2024-04-27": {
        "authors": "the credit line after the text ('Redaktion: Roman Warschauer und Marcel "
        "Sommer', then the broadcast, one element with <br>s) is read up to the link only"
    },
    "postillon/fundus-2024-04-25": {
        "authors": "the authors are initials in an unmarked small-print line after the text "
        "('ssi, dan; Foto [M]: ...'); JSON-LD names the site"
    },
    "wdr/fundus-2024-04-22": {
        "body": "fundus's body leaves out paragraphs of the article (p.text.small like the rest: "
        "'Betroffen sind Mitarbeitende ab dem Geburtsjahr 1966 ...'); not corrected by hand yet"
    },
    "zdf/fundus-2024-04-22": {
        "body": "the text module holds an infographic, a video teaser and an FAQ box that only "
        "hashed class names tell apart"
    },
}


@dataclass
class FixturePage:
    """One saved page of a spider and its expected fields."""

    spider: str
    name: str
    html_path: Path
    expected: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.spider}/{self.name}"

    @property
    def url(self) -> str:
        return str(self.expected["url"])

    def html(self) -> bytes:
        return gzip.decompress(self.html_path.read_bytes())

    def feed_entry(self) -> FeedEntry | None:
        data = self.expected.get("feed_entry")
        return FeedEntry.from_dict(data) if data else None


def fixtures_dir() -> Path:
    """tests/fixtures of the project this module belongs to."""
    return Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def pages_with_distinct_urls(pages: list[FixturePage] | None = None) -> list[FixturePage]:
    """The first page of each URL. Two captures of one URL (taz's article of 2023 and 2024) are
    one article to a crawl that reads both: the second is a URL already seen, not a new one."""
    first: dict[str, FixturePage] = {}
    for page in fixture_pages() if pages is None else pages:
        first.setdefault(page.url, page)
    return list(first.values())


def fixture_pages(root: Path | None = None, spider: str | None = None) -> list[FixturePage]:
    """Every fixture page under ``root`` (one folder per spider), sorted by id."""
    root = root or fixtures_dir()
    pages = []
    for html_path in sorted(root.glob("*/*.html.gz")):
        name = html_path.name.removesuffix(".html.gz")
        if spider is not None and html_path.parent.name != spider:
            continue
        json_path = html_path.with_name(f"{name}.json")
        if not json_path.exists():
            continue
        expected = expected_fields(json.loads(json_path.read_text(encoding="utf-8")))
        if not expected.get("url"):
            # A ground-truth file copied in as it is (fundus keeps URLs elsewhere) has none.
            raise ValueError(
                f'{json_path} has no "url": make fixtures with `scrapy fixture SPIDER PAGE'
                " --expected GROUND_TRUTH`, which writes this file in the project's shape"
            )
        pages.append(FixturePage(html_path.parent.name, name, html_path, expected))
    return pages


def expected_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Expected values in this project's shape, also from a fundus ground-truth wrapper.

    A fundus test file copied as is (``{"url", "crawl_date", "expected": {"title", "authors",
    "publishing_date", "topics", "body": {"summary", "sections"}}}``) is read with the body
    joined as METRICS.md describes: summary paragraphs, then each section's headline(s) and
    paragraphs, separated by blank lines.
    """
    inner = data.get("expected")
    if not isinstance(inner, dict):
        return data
    out: dict[str, Any] = {"url": data.get("url"), "source": data.get("source_file", "fundus")}
    if data.get("crawl_date"):
        out["captured"] = _fundus_time(data["crawl_date"])
    out.update(fundus_fields(inner))
    return out


def _fundus_time(value: object) -> str:
    """fundus's ``str(datetime)`` crawl date (UTC, naive) as ISO 8601 with its offset."""
    return str(value).replace(" ", "T")[:19] + "+00:00"


def fundus_fields(block: dict[str, Any]) -> dict[str, Any]:
    """One fundus ground-truth block (the ``V1`` object of a fundus test JSON) in our shape."""
    out: dict[str, Any] = {}
    for ours, theirs in (("title", "title"), ("authors", "authors"), ("tags", "topics")):
        if theirs in block:
            out[ours] = block[theirs]
    if block.get("publishing_date"):
        out["published"] = str(block["publishing_date"]).replace(" ", "T", 1)
    body = block.get("body")
    if isinstance(body, dict):
        parts = list(body.get("summary") or [])
        for section in body.get("sections") or []:
            parts += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
        out["body"] = "\n\n".join(p for p in parts if p.strip())
    return out


@dataclass
class Reference:
    """Expected values from another project's ground truth, in this project's shape."""

    kind: str  # "fundus", "aeb" or "wcxb"
    fields: dict[str, Any]  # any of title, authors, published, tags, body
    source: str  # where the values came from, for the fixture's "source" and SOURCES.md
    url: str | None = None
    captured: str | None = None
    # The fixture's default name, after this project's convention ("fundus-2024-04-19").
    name: str | None = None


class ReferenceError(ValueError):
    """A ground-truth file that cannot be read as one; the message says what to give."""


_FUNDUS_VERSION_RE = re.compile(r"^V\d+(_\d+)*$")


def read_reference(
    path: Path, entry: str | None = None, url: str | None = None, version: str | None = None
) -> Reference:
    """The expected values a ground-truth file holds for one page.

    Reads a fundus test JSON as fundus keeps it (``{"V1": {...}, "V2": {...}}``: the latest
    version, or ``version``; its URL is kept elsewhere in fundus, so give ``url``), the shared
    corpus's fundus wrapper (``{"url", "crawl_date", "source_file", "expected": {...}}``), and
    the article-extraction-benchmark's or WCXB's files (``{id: {"articleBody", "url"}}``,
    WCXB's ``{id: {"url", "title", "author", "publish_date", ...}}``): the entry ``entry`` names
    or the one whose URL is ``url``. WCXB's body comes from the ground-truth.json beside it.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReferenceError(f"{path}: not a readable JSON file ({exc})") from None
    if not isinstance(data, dict) or not data:
        raise ReferenceError(f"{path}: expected a JSON object")
    if isinstance(data.get("expected"), dict):
        source_file = str(data.get("source_file") or path.name)
        captured = _fundus_time(data["crawl_date"]) if data.get("crawl_date") else None
        return Reference(
            kind="fundus",
            fields=fundus_fields(data["expected"]),
            source=f"fundus {source_file}, ground truth {data.get('parser_version') or ''}".strip(),
            url=data.get("url"),
            captured=captured,
            name=f"fundus-{captured[:10]}" if captured else None,
        )
    if all(_FUNDUS_VERSION_RE.match(key) for key in data):
        versions = sorted(data, key=lambda v: [int(n) for n in v[1:].split("_")])
        chosen = version or versions[-1]
        if chosen not in data:
            raise ReferenceError(f"{path}: no version {chosen}; it has {', '.join(versions)}")
        return Reference(
            kind="fundus",
            fields=fundus_fields(data[chosen]),
            source=f"fundus {path.name}, ground truth {chosen}",
            url=url,
        )
    if all(isinstance(value, dict) for value in data.values()):
        key = entry
        if key is None and url is not None:
            key = next((k for k, v in data.items() if v.get("url") == url), None)
        if key is None or key not in data:
            raise ReferenceError(
                f"{path} holds {len(data)} pages: say which with --id (or give its --url)"
            )
        return _benchmark_entry(path, key, data[key])
    raise ReferenceError(f"{path}: not a fundus, article-extraction-benchmark or WCXB ground truth")


def _benchmark_entry(path: Path, key: str, row: dict[str, Any]) -> Reference:
    fields: dict[str, Any] = {}
    if "page_type" in row or "kind" in row:  # WCXB's wcxb.json
        kind = "wcxb"
        if row.get("kind") not in (None, "article"):
            raise ReferenceError(f"{path} {key}: a {row.get('page_type')} page, not an article")
        if row.get("title"):
            fields["title"] = row["title"]
        if row.get("author"):
            fields["authors"] = [
                name.strip()
                for name in re.split(r",\s*|\s+and\s+", str(row["author"]))
                if name.strip()
            ]
        if row.get("publish_date"):
            fields["published"] = str(row["publish_date"])
        truth = path.with_name("ground-truth.json")
        if truth.exists():
            body = json.loads(truth.read_text(encoding="utf-8")).get(key, {}).get("articleBody")
            if body:
                fields["body"] = body
    else:
        kind = "aeb" if "articleBody" in row else "benchmark"
        if row.get("articleBody"):
            fields["body"] = row["articleBody"]
    return Reference(
        kind=kind,
        fields=fields,
        source=f"{kind} {path.name} entry {key}",
        url=row.get("url"),
        name=f"{kind}-{key}",
    )


# ---------------------------------------------------------------------- extraction
class PageExtractor:
    """Runs spiders' ``parse_article`` and the normalise pipeline on saved pages.

    Built once (spider instances and pipeline are cached per spider class), so a benchmark over
    many pages measures extraction, not crawler set-up.
    """

    def __init__(self, settings: Settings | Mapping[str, Any] | None = None) -> None:
        if settings is None:
            settings = get_project_settings()
        self.settings = settings if isinstance(settings, Settings) else Settings(dict(settings))
        self._spiders: dict[type[Spider], tuple[Spider, Any]] = {}

    def _spider_for(self, spidercls: type[Spider]) -> tuple[Spider, Any]:
        if spidercls not in self._spiders:
            settings = self.settings.copy_to_dict()
            # Saved pages are parsed directly: no reactor runs, so none must be required.
            settings["TWISTED_REACTOR_ENABLED"] = False
            crawler: Crawler = get_crawler(spidercls, settings)
            spider = spidercls.from_crawler(crawler)
            crawler.spider = spider
            self._spiders[spidercls] = (spider, _normaliser(crawler))
        return self._spiders[spidercls]

    def extract_page(self, spidercls: type[Spider], page: FixturePage) -> ArticleItem | None:
        """The item the spider makes of a fixture page, with time frozen at its capture (dates
        relative to "now" on the page resolve as they did then)."""
        import time_machine  # a test dependency, as is everything in tools/

        with time_machine.travel(page.expected.get("captured", FROZEN_AT), tick=False):
            return self.extract(spidercls, page.html(), page.url, page.feed_entry())

    def extract(
        self,
        spidercls: type[Spider],
        html: bytes,
        url: str,
        feed_entry: FeedEntry | None = None,
    ) -> ArticleItem | None:
        """The item the spider makes of ``html`` fetched from ``url``, normalised."""
        spider, normaliser = self._spider_for(spidercls)
        meta: dict[str, Any] = {}
        if feed_entry is not None:
            from tracker.request_meta import META_ENTRY

            meta[META_ENTRY] = feed_entry.to_dict()
        request = Request(url, meta=meta)
        response = HtmlResponse(url=url, body=html, request=request)
        items = [i for i in spider.parse_article_in_process(response) if isinstance(i, ArticleItem)]  # type: ignore[attr-defined]
        if not items:
            return None
        item = items[0]
        if normaliser is not None:
            item = normaliser(item)
        return item


def _normaliser(crawler: Crawler) -> Any:
    """The normalise pipeline's ``process_item`` (None when the pipeline is not available)."""
    try:
        from tracker.pipelines import NormalisePipeline
    except ImportError:  # pragma: no cover - only while the pipelines are being written
        logger.warning("tracker.pipelines.NormalisePipeline is missing: comparing raw values")
        return None
    pipeline = NormalisePipeline.from_crawler(crawler)
    return pipeline.process_item


# ---------------------------------------------------------------------- scoring
@dataclass
class PageResult:
    """How one fixture page's extracted fields compare with its expected ones."""

    page: FixturePage
    item: ArticleItem | None
    right: dict[str, bool] = field(default_factory=dict)
    body_f1: float | None = None
    tags_jaccard: float | None = None

    def wrong_fields(self) -> list[str]:
        return [name for name, ok in self.right.items() if not ok]


def body_text(item: ArticleItem) -> str:
    """The plain text the body is scored on (Markdown syntax would add link-URL tokens)."""
    return item.text or item.body or ""


def page_f1(expected: str, got: str) -> float:
    scores = metrics.page_scores(expected, got)
    p, r = scores.precision, scores.recall
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def score_page(
    page: FixturePage, item: ArticleItem | None, spider_language: str | None = None
) -> PageResult:
    """Compare ``item`` with the page's expected fields (only those the fixture states). The
    language is compared by primary language with the fixture's ``language``, else with the
    spider's (``spider_language``): every page of a publisher is in its language unless the
    fixture says otherwise."""
    from tracker.processing.language import base_language

    exp = page.expected
    result = PageResult(page, item)
    got = item or ArticleItem()
    want_language = exp.get("language") or spider_language
    if want_language:
        result.right["language"] = base_language(want_language) == base_language(got.language)
    if "title" in exp:
        result.right["title"] = metrics.title_equal(exp["title"], got.title)
    if "authors" in exp:
        result.right["authors"] = metrics.authors_equal(exp["authors"], got.authors)
    if "published" in exp:
        result.right["published"] = metrics.published_equal(exp["published"], got.published)
    if exp.get("tags"):
        result.tags_jaccard = metrics.jaccard(exp["tags"], got.tags)
        result.right["tags"] = result.tags_jaccard >= TAGS_JACCARD_MIN
    if "image" in exp:
        result.right["image"] = metrics.image_equal(exp["image"], got.image)
    if exp.get("body"):
        result.body_f1 = page_f1(exp["body"], body_text(got))
        result.right["body"] = result.body_f1 >= BODY_F1_MIN
    return result


def load_spider_classes(settings: Settings | None = None) -> dict[str, type[Spider]]:
    """Every spider the project's spider loader knows, by name."""
    from scrapy.spiderloader import get_spider_loader

    loader = get_spider_loader(settings or get_project_settings())
    return {name: loader.load(name) for name in loader.list()}


def iter_results(
    pages: list[FixturePage], extractor: PageExtractor | None = None
) -> Iterator[PageResult]:
    """Extract and score each page with its spider."""
    extractor = extractor or PageExtractor()
    spiders = load_spider_classes(extractor.settings)
    for page in pages:
        spidercls = spiders[page.spider]
        item = extractor.extract(spidercls, page.html(), page.url, page.feed_entry())
        yield score_page(page, item, getattr(spidercls, "language", None))
