"""``scrapy fixture``: turn a saved article page into a spider fixture with its extracted fields.

    scrapy fixture bbc page.html --url https://www.bbc.com/news/articles/c0000000
    scrapy fixture bbc page.html.gz --url https://www.bbc.com/news/articles/c0000000 --name nato
    scrapy fixture bbc tests/cassettes/bbc.json                 # every article page in a cassette
    scrapy fixture bbc crawl.json --url https://www.bbc.com/... # one page from a cassette

Writes ``tests/fixtures/<spider>/<name>.html.gz`` (the page bytes, decoded from any
Content-Encoding, gzipped) and ``<name>.json``: the fields the spider extracts from the page
(title, authors, published, tags, body as plain text), plus ``url``, ``captured`` and ``source``.
The JSON is a draft for a person to check against the page, field by field, before committing:
the fixture test then holds the spider to it. Existing files are kept unless ``--force``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader

logger = logging.getLogger(__name__)


class Command(ScrapyCommand):
    """Make a fixture page and its draft expected JSON from a saved page or a cassette."""

    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "[options] <spider> <page.html[.gz] | cassette.json>"

    def short_desc(self) -> str:
        return "Save a page as a spider fixture with its extracted fields as draft expected JSON"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the page's URL (required for a page file)")
        parser.add_argument("--name", help="fixture name (default: from the URL)")
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
        loader = get_spider_loader(self.settings)
        try:
            spidercls = loader.load(spider_name)
        except KeyError:
            raise UsageError(
                f"no spider named {spider_name!r}; `scrapy list` shows them", print_help=False
            ) from None
        path = Path(path_arg)
        if not path.is_file():
            raise UsageError(f"{path} is not a file", print_help=False)

        pages = list(_pages_from(path, opts.url, spidercls))
        if not pages:
            raise UsageError(f"found no article page in {path} for {spider_name}", print_help=False)

        # Imported here: every scrapy command imports this module, and most never extract.
        from tools.fixtures import PageExtractor

        extractor = PageExtractor(self.settings)
        folder = Path(opts.dir) / spider_name
        folder.mkdir(parents=True, exist_ok=True)
        for url, html, captured in pages:
            name = opts.name if opts.name and len(pages) == 1 else fixture_name(url)
            html_path, json_path = folder / f"{name}.html.gz", folder / f"{name}.json"
            if not opts.force and (html_path.exists() or json_path.exists()):
                print(f"skipped {json_path} (exists; --force overwrites)")
                continue
            item = extractor.extract(spidercls, html, url)
            expected: dict[str, Any] = {
                "url": url,
                "captured": captured,
                "source": opts.source or f"saved page {path.name}",
                "reviewed": False,
            }
            if item is None:
                print(f"warning: {spider_name} made no item of {url}; fill the JSON by hand")
            else:
                expected.update(
                    title=item.title,
                    authors=item.authors,
                    published=item.published,
                    tags=item.tags,
                    body=item.text or item.body,
                )
            html_path.write_bytes(gzip.compress(html, mtime=0))
            json_path.write_text(
                json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            print(f"wrote {html_path} and {json_path}")
        print(
            "Check every value in the JSON against the page, correct what is wrong, delete the "
            '"reviewed": false line, and add a row to SOURCES.md in the same folder.'
        )


def fixture_name(url: str) -> str:
    """A short file name from the URL's last path segment ("nato-members-123")."""
    segments = [s for s in urlparse(url).path.split("/") if s]
    last = segments[-1] if segments else urlparse(url).hostname or "page"
    last = re.sub(r"\.(html?|cms|php|aspx?)$", "", last)
    slug = re.sub(r"[^a-z0-9]+", "-", last.lower()).strip("-")
    return slug[:60].rstrip("-") or "page"


def _pages_from(path: Path, url: str | None, spidercls: type) -> list[tuple[str, bytes, str]]:
    """(url, html bytes, captured ISO time) for each page the file holds."""
    if path.suffix == ".json":
        return _pages_from_cassette(path, url, spidercls)
    if not url:
        raise UsageError("a saved page needs --url (where it was fetched from)", print_help=False)
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    captured = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
    return [(url, data, captured.isoformat())]


def _pages_from_cassette(
    path: Path, url: str | None, spidercls: type
) -> list[tuple[str, bytes, str]]:
    from tracker.cassettes import CassetteError, decode_body, load_cassette

    try:
        interactions = load_cassette(path)
    except CassetteError as exc:
        raise UsageError(str(exc), print_help=False) from None
    spider = spidercls()
    pages = []
    for interaction in interactions:
        request, response = interaction["request"], interaction["response"]
        uri = response.get("url") or request["uri"]
        headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
        content_type = " ".join(_values(headers.get("content-type")))
        status = response.get("status", {})
        code = int(status.get("code", 200)) if isinstance(status, dict) else 200
        if url is not None and url not in (uri, request["uri"]):
            continue
        if url is None:
            # Without --url, every HTML page the spider would take for an article.
            accepts = getattr(spider, "accepts_url", None)
            if "html" not in content_type or (accepts is not None and not accepts(uri)):
                continue
        if code != 200:
            continue
        body = _decode_content(decode_body(response.get("body", "")), headers)
        recorded = str(interaction.get("recorded_at") or "")
        captured = recorded + "+00:00" if recorded and "+" not in recorded else recorded
        pages.append((uri, body, captured))
    return pages


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _decode_content(body: bytes, headers: dict[str, Any]) -> bytes:
    """Undo the Content-Encoding a recorded body still has (cassettes keep bytes as received)."""
    for coding in reversed(" ".join(_values(headers.get("content-encoding"))).split(",")):
        coding = coding.strip().lower()
        if coding in ("gzip", "x-gzip"):
            body = gzip.decompress(body)
        elif coding == "deflate":
            try:
                body = zlib.decompress(body)
            except zlib.error:
                body = zlib.decompress(body, -zlib.MAX_WBITS)
        elif coding == "br":
            import brotli

            body = brotli.decompress(body)
    return body
