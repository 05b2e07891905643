"""``scrapy cassette``: make and read cassettes by hand, to run a spider on saved pages offline.

    scrapy cassette add saved.json https://www.example.com/story=page.html [URL=FILE ...]
    scrapy cassette list saved.json
    scrapy crawl examplenews -a urls=https://www.example.com/story -s TRACKER_REPLAY=saved.json

``add`` answers each URL with the file's bytes (a ``.gz`` file is unpacked first), status 200,
a Content-Type from the file name (HTML without a charset, so the page's own declaration
decides; ``--content-type`` overrides it), and appends them to the
cassette (made when missing; a URL already in it gets a second answer, served after the first).
The crawl then replays them: nothing is fetched, and a request the cassette lacks (robots.txt,
say) is logged as missing. ``list`` prints each recorded request and its status.
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCommand):
    """Add saved pages to a cassette, or list what a cassette holds."""

    requires_project = False
    requires_crawler_process = False

    def syntax(self) -> str:
        return "add <cassette.json> URL=FILE [URL=FILE ...] | list <cassette.json>"

    def short_desc(self) -> str:
        return "Make a cassette of saved pages (URL=FILE), or list one"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--content-type", help="Content-Type of the added files (default: from the name)"
        )
        parser.add_argument(
            "--recorded-at",
            help="when the pages were saved, ISO 8601 (default: now); `scrapy fixture` takes"
            " it as the pages' capture time",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        from tracker.cassettes import Cassette, CassetteError

        if len(args) < 2 or args[0] not in ("add", "list"):
            raise UsageError("give add or list, then the cassette file", print_help=True)
        action, path = args[0], Path(args[1])
        if action == "list":
            if len(args) != 2:
                raise UsageError("list takes one cassette file", print_help=False)
            try:
                cassette = Cassette.load(path)
            except CassetteError as exc:
                raise UsageError(str(exc), print_help=False) from None
            for interaction in cassette:
                print(f"{interaction.status} {interaction.method} {interaction.uri}")
            return
        pairs = [_pair(arg) for arg in args[2:]]
        if not pairs:
            raise UsageError("give at least one URL=FILE", print_help=False)
        try:
            cassette = Cassette.load(path) if path.exists() else Cassette(path=path)
        except CassetteError as exc:
            raise UsageError(str(exc), print_help=False) from None
        recorded_at = _when(opts.recorded_at)
        from tracker.cassettes import make_interaction

        for url, file in pairs:
            body = file.read_bytes()
            if file.suffix == ".gz":
                body = gzip.decompress(body)
            cassette.add(
                make_interaction(
                    method="GET",
                    uri=url,
                    status=200,
                    headers={"Content-Type": [opts.content_type or _content_type(file)]},
                    body=body,
                    recorded_at=recorded_at,
                )
            )
            print(f"added GET {url} <- {file} ({len(body)} bytes)")
        cassette.save(path)
        print(f"wrote {path} ({len(cassette)} interactions)")


def _pair(arg: str) -> tuple[str, Path]:
    # The URL may hold '=' (a query string); the file name is what follows the last one.
    url, sep, name = arg.rpartition("=")
    if not sep or urlparse(url).scheme not in ("http", "https"):
        raise UsageError(f"{arg!r}: expected URL=FILE with an http(s) URL", print_help=False)
    file = Path(name)
    if not file.is_file():
        raise UsageError(f"{arg!r}: {file} is not a file", print_help=False)
    return url, file


def _content_type(file: Path) -> str:
    """From the file name; HTML without a charset, so the page's own declaration decides."""
    guessed, _ = mimetypes.guess_type(file.name.removesuffix(".gz"))
    return guessed or "text/html"


def _when(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        message = f"--recorded-at {value!r}: not an ISO 8601 date"
        raise UsageError(message, print_help=False) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
