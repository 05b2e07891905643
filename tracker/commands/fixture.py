"""``scrapy fixture``: turn a saved article page into a spider fixture, with its expected fields.

    scrapy fixture bbc page.html --url https://www.bbc.com/news/articles/c0000000
    scrapy fixture heise Heise.html.gz --expected Heise.expected.json   # fundus corpus wrapper
    scrapy fixture heise Heise.html.gz --expected Heise.json --url URL  # fundus's own {"V1": ...}
    scrapy fixture cnbc page.html.gz --expected ground-truth.json --id cnbc   # AEB / WCXB entry
    scrapy fixture bbc tests/cassettes/bbc.json                  # every article page in a cassette

Writes ``tests/fixtures/<spider>/<name>.html.gz`` (the page bytes, decoded from any
Content-Encoding, gzipped) and ``<name>.json`` in the project's shape: ``url``, ``captured``,
``source``, and the fields the fixture test checks (title, authors, published, tags, image, body
as plain text). Values come from the ground truth given with ``--expected`` (fundus, the
article-extraction-benchmark, WCXB; ``expected_from`` says which fields), the rest is drafted
from what the spider extracts now. The JSON says ``"reviewed": false`` until a person has checked
every value against the page; it also adds the page to SOURCES.md in the same folder.
``captured`` is ``--captured``, else the ground truth's crawl date or the cassette's recording
time, else the newest date the page itself states. Existing files are kept unless ``--force``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

logger = logging.getLogger(__name__)

# The fields a fixture's JSON states (tools.fixtures.CHECKED_FIELDS), in the order written.
FIELDS = ("title", "authors", "published", "tags", "image", "body")
MAX_NAME_CHARS = 60


@dataclass
class SavedPage:
    """One page to make a fixture of: its URL, its bytes and, when known, when it was saved."""

    url: str
    html: bytes
    captured: str | None = None


class Command(ScrapyCommand):
    """Make a fixture page and its expected JSON from a saved page or a cassette."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[options] <spider> <page.html[.gz] | cassette.json>"

    def short_desc(self) -> str:
        return "Save a page as a spider fixture with its expected fields as draft JSON"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the page's URL (needed unless the ground truth has it)")
        parser.add_argument(
            "--expected",
            metavar="FILE",
            help="ground truth for the page: a fundus test JSON or corpus wrapper, an"
            " article-extraction-benchmark or WCXB file (with --id)",
        )
        parser.add_argument("--id", dest="entry", help="the page's id in an AEB/WCXB file")
        parser.add_argument("--version", help="the fundus parser version (default: the latest)")
        parser.add_argument(
            "--captured", help="when the page was saved (ISO 8601 date or date-time)"
        )
        parser.add_argument("--name", help="fixture name (default: from the ground truth or URL)")
        parser.add_argument("--source", default="", help="where the page came from (free text)")
        parser.add_argument(
            "--dir", default="tests/fixtures", help="fixtures folder (default: tests/fixtures)"
        )
        parser.add_argument("--force", action="store_true", help="overwrite existing fixtures")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 2:
            raise UsageError("give a spider name and a saved page or cassette", print_help=True)
        spider_name, path_arg = args
        assert self.settings is not None
        from scrapy.spiderloader import get_spider_loader

        try:
            spidercls = get_spider_loader(self.settings).load(spider_name)
        except KeyError:
            raise UsageError(
                f"no spider named {spider_name!r}; `scrapy list` shows them", print_help=False
            ) from None
        path = Path(path_arg)
        if not path.is_file():
            raise UsageError(f"{path} is not a file", print_help=False)
        captured = _iso_time(opts.captured) if opts.captured else None
        if opts.captured and captured is None:
            message = f"--captured {opts.captured!r}: not an ISO 8601 date"
            raise UsageError(message, print_help=False)

        # Imported here: every scrapy command imports this module, and most never extract.
        try:
            from tools.fixtures import PageExtractor, ReferenceError, read_reference
        except ImportError:
            raise UsageError(
                "scrapy fixture needs the project's checkout (tools/ is not in the egg)",
                print_help=False,
            ) from None

        reference = None
        if opts.expected:
            try:
                reference = read_reference(
                    Path(opts.expected), entry=opts.entry, url=opts.url, version=opts.version
                )
            except ReferenceError as exc:
                raise UsageError(str(exc), print_help=False) from None
        url = opts.url or (reference.url if reference else None)
        pages = _pages_from(path, url, spidercls)
        if not pages:
            raise UsageError(f"found no article page in {path} for {spider_name}", print_help=False)

        extractor = PageExtractor(self.settings)
        folder = Path(opts.dir) / spider_name
        folder.mkdir(parents=True, exist_ok=True)
        for page in pages:
            item = extractor.extract(spidercls, page.html, page.url)
            drafted = _fields_of(item)
            when = (
                captured
                or (reference.captured if reference else None)
                or page.captured
                or _newest_date(drafted)
            )
            if when is None:
                raise UsageError(
                    f"cannot tell when {page.url} was saved: give --captured YYYY-MM-DD",
                    print_help=False,
                )
            name = (
                opts.name
                if opts.name and len(pages) == 1
                else (reference.name if reference and reference.name else None)
                or fixture_name(page.url)
            )
            html_path, json_path = folder / f"{name}.html.gz", folder / f"{name}.json"
            if not opts.force and (html_path.exists() or json_path.exists()):
                print(f"skipped {json_path} (exists; --force overwrites)")
                continue
            source = opts.source or (reference.source if reference else f"saved page {path.name}")
            expected: dict[str, Any] = {
                "url": page.url,
                "captured": when,
                "source": source,
                "reviewed": False,
            }
            from_reference = reference.fields if reference else {}
            if reference:
                given = ", ".join(f for f in FIELDS if f in from_reference)
                drafted_here = ", ".join(f for f in FIELDS if f not in from_reference)
                expected["expected_from"] = (
                    f"{given}: {reference.source}; drafted from the spider: {drafted_here or '-'}"
                )
            if item is None:
                print(f"warning: {spider_name} made no item of {page.url}; fill the JSON by hand")
            for field in FIELDS:
                value = from_reference.get(field, drafted.get(field))
                if value not in (None, "", []):
                    expected[field] = value
            html_path.write_bytes(gzip.compress(page.html, mtime=0))
            json_path.write_text(
                json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            _add_to_sources_md(folder, spider_name, html_path.name, page.url, source)
            print(f"wrote {html_path} and {json_path}")
        print(
            "Check every value in the JSON against the page, correct what is wrong, delete the "
            f'"reviewed": false line, then: scrapy checkpublisher {spider_name}'
        )


def fixture_name(url: str) -> str:
    """A short file name from the URL's last path segment ("nato-members-123"), cut at a word
    boundary."""
    segments = [s for s in urlparse(url).path.split("/") if s]
    last = segments[-1] if segments else urlparse(url).hostname or "page"
    last = re.sub(r"\.(html?|cms|php|aspx?)$", "", last)
    slug = re.sub(r"[^a-z0-9]+", "-", last.lower()).strip("-")
    if len(slug) > MAX_NAME_CHARS:
        cut = slug[: MAX_NAME_CHARS + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:MAX_NAME_CHARS]
    return slug.strip("-") or "page"


def _fields_of(item: Any) -> dict[str, Any]:
    if item is None:
        return {}
    values = {field: getattr(item, field) for field in FIELDS if field != "body"}
    values["body"] = item.text or item.body
    values["modified"] = item.modified
    return values


def _iso_time(value: str) -> str | None:
    """An ISO 8601 date or date-time as a date-time with offset (UTC when none is given)."""
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        return when.isoformat() + "+00:00"
    return when.isoformat()


def _newest_date(fields: dict[str, Any]) -> str | None:
    """The newest of the page's own publication and modification times: it was saved after."""
    stamps = []
    for name in ("published", "modified"):
        value = fields.get(name)
        parsed = _iso_time(value) if isinstance(value, str) and "T" in value else None
        if parsed:
            stamps.append(datetime.fromisoformat(parsed))
    return max(stamps).isoformat() if stamps else None


def _add_to_sources_md(folder: Path, spider: str, file_name: str, url: str, source: str) -> None:
    """Name the page in the folder's SOURCES.md (made with its header when missing)."""
    sources_md = folder / "SOURCES.md"
    text = sources_md.read_text(encoding="utf-8") if sources_md.exists() else ""
    if file_name in text:
        return
    if not text:
        text = (
            f"# Fixtures for the `{spider}` spider\n\n"
            "Real pages, gzipped as captured. The page content is the publisher's copyrighted"
            " material, kept only as a test fixture.\n\n"
            "| file | url | from | expected values |\n|---|---|---|---|\n"
        )
    row = f"| {file_name} | {url} | {source} | draft from `scrapy fixture`: review |\n"
    sources_md.write_text(text.rstrip("\n") + "\n" + row, encoding="utf-8")


def _pages_from(path: Path, url: str | None, spidercls: type) -> list[SavedPage]:
    """The pages the file holds: one saved page, or a cassette's article pages."""
    if path.suffix == ".json":
        return _pages_from_cassette(path, url, spidercls)
    if not url:
        raise UsageError("a saved page needs --url (where it was fetched from)", print_help=False)
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return [SavedPage(url, data)]


def _pages_from_cassette(path: Path, url: str | None, spidercls: type) -> list[SavedPage]:
    from tracker.cassettes import Cassette, CassetteError

    try:
        cassette = Cassette.load(path)
    except CassetteError as exc:
        raise UsageError(str(exc), print_help=False) from None
    spider = spidercls()
    pages = []
    for interaction in cassette:
        if url is not None and url not in (interaction.url, interaction.uri):
            continue
        # Without --url, every HTML page the spider would take for an article.
        accepts = getattr(spider, "accepts_url", None)
        if url is None and (
            "html" not in interaction.content_type
            or (accepts is not None and not accepts(interaction.url))
        ):
            continue
        if interaction.status != 200:
            continue
        try:
            body = interaction.content()
        except ValueError as exc:
            logger.warning("Skipping %s: %s", interaction.url, exc)
            continue
        pages.append(SavedPage(interaction.url, body, interaction.recorded_at))
    return pages
