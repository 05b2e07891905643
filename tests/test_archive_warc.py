"""WARC out (``-s TRACKER_WARC=DIR``), checked with two readers independent of the writer:
warcio's ``check`` and ``index`` commands, and fastwarc, which reads every record of every file
and verifies its block and payload digests.

Crawls are replayed from the real NASA cassette (tests/cassettes/nasa.json).
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.faultserver import read_jsonl
from tests.replayed_crawl import NASA_CASSETTE, ROOT, crawl, replayed_crawl
from tracker.archive.records import (
    HTTP_RESPONSE_TYPE,
    response_block,
    sha1_digest,
    warc_record,
)
from tracker.archive.writer import OPEN_SUFFIX, WarcWriter, complete_length, recover_open_files

SCHEMA = json.loads((ROOT / "tracker" / "schema" / "article.schema.json").read_text())
PAGES = [
    "https://www.nasa.gov/image-article/nasa-hq-juneteenth-flag-raising-ceremony/",
    "https://www.nasa.gov/image-article/collins-aerospace-tests-nasa-space-station-suit-in-weightlessness/",
    "https://www.nasa.gov/image-detail/53297865145-e3db450a1b-o/",
]


# --- independent readers ---------------------------------------------------------------------


def warcio_check(path: Path) -> str:
    """``warcio check -v``: every record read, every digest checked; its output."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from warcio.cli import main; sys.exit(main())",
         "check", "-v", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def warcio_index(path: Path) -> list[dict[str, str]]:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from warcio.cli import main; sys.exit(main())",
         "index", "-f", "warc-type,warc-target-uri,offset,length", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [json.loads(line) for line in result.stdout.splitlines()]


def fastwarc_records(path: Path) -> list[dict[str, Any]]:
    """Every record of the file read by fastwarc, with its digests verified."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, parse_http=False):
            assert record.verify_block_digest(), record.headers.to_dict()
            records.append(
                {
                    "type": record.record_type,
                    "headers": record.headers.to_dict(),
                    "offset": record.stream_pos,
                }
            )
    # verify_block_digest consumed each block: payloads are checked reading each record again.
    for entry in records:
        if entry["type"] in (WarcRecordType.response, WarcRecordType.request):
            assert _payload_ok(path, entry["offset"]), entry
    return records


def _payload_ok(path: Path, offset: int) -> bool:
    from fastwarc.warc import ArchiveIterator

    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream, parse_http=True)))
        return bool(record.verify_payload_digest())


def read_record_at(path: Path, offset: int) -> tuple[dict[str, str], list[tuple[str, str]], bytes]:
    """(WARC headers, HTTP headers, payload) of the record at ``offset``, read by fastwarc."""
    from fastwarc.warc import ArchiveIterator

    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream, parse_http=True)))
        return (
            record.headers.to_dict(),
            list(record.http_headers.to_tuples()),
            record.reader.read(),
        )


# --- the writer on its own -------------------------------------------------------------------


def _response(url: str, body: bytes) -> bytes:
    block = response_block(200, [(b"Content-Type", b"text/html")], body, "HTTP/1.1")
    return warc_record(
        "response",
        [("WARC-Target-URI", url), ("WARC-Date", "2026-01-01T00:00:00.000000Z")],
        block,
        content_type=HTTP_RESPONSE_TYPE,
        payload=body,
    )


def test_records_are_read_by_warcio_and_fastwarc(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, "t", [("software", "test")])
    odd = b"<html>caf\xe9 \x00 \xff</html>"  # bytes that are not UTF-8 stay as they are
    locations = writer.write([_response("https://example.com/a", odd)])
    writer.write([_response("https://example.com/b?x=1", b"")])
    writer.close()
    (path,) = tmp_path.glob("*.warc.gz")
    assert not list(tmp_path.glob(f"*{OPEN_SUFFIX}"))
    assert "digest pass" in warcio_check(path)
    records = fastwarc_records(path)
    assert [str(r["type"]) for r in records] == ["warcinfo", "response", "response"]
    assert records[0]["headers"]["WARC-Filename"] == path.name
    _, _, payload = read_record_at(path, locations[0].offset)
    assert payload == odd
    assert records[1]["headers"]["WARC-Payload-Digest"] == sha1_digest(odd)


def test_files_rotate_at_max_size_and_each_starts_with_warcinfo(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, "t", [("software", "test")], max_size=20_000)
    body = os.urandom(6000)  # incompressible: each record is about 6 KB gzipped
    for n in range(10):
        writer.write([_response(f"https://example.com/{n}", body)])
    writer.close()
    files = sorted(tmp_path.glob("*.warc.gz"))
    assert len(files) >= 3
    urls = []
    for path in files:
        assert path.stat().st_size <= 20_000
        warcio_check(path)
        index = warcio_index(path)
        assert index[0]["warc-type"] == "warcinfo"
        urls += [r["warc-target-uri"] for r in index[1:]]
    assert urls == [f"https://example.com/{n}" for n in range(10)]


def test_a_torn_tail_is_cut_and_the_file_renamed(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, "t", [("software", "test")])
    writer.write([_response("https://example.com/a", b"x" * 5000)])
    name = writer.current_file
    open_path = tmp_path / (name + OPEN_SUFFIX)
    good = open_path.stat().st_size
    member = gzip.compress(_response("https://example.com/b", os.urandom(9000)))
    with open_path.open("ab") as handle:
        handle.write(member[: len(member) // 2])  # a record cut in the middle
    assert complete_length(open_path) == good
    # The file carries a live pid (ours): it is not touched.
    assert recover_open_files(tmp_path) == []
    dead = open_path.with_name(open_path.name.replace(f"-{os.getpid()}.", "-999999999."))
    open_path.rename(dead)
    (repaired,) = recover_open_files(tmp_path)
    path = tmp_path / repaired
    assert path.stat().st_size == good
    assert [r["warc-target-uri"] for r in warcio_index(path)[1:]] == ["https://example.com/a"]
    warcio_check(path)


KILLED_WRITER = """
import os, sys
from tracker.archive.records import HTTP_RESPONSE_TYPE, response_block, warc_record
from tracker.archive.writer import WarcWriter
writer = WarcWriter(sys.argv[1], "killed", [("software", "test")])
n = 0
while True:
    body = os.urandom(200_000)
    block = response_block(200, [(b"Content-Type", b"application/octet-stream")], body, None)
    writer.write([warc_record("response", [("WARC-Target-URI", f"https://example.com/{n}")],
                              block, content_type=HTTP_RESPONSE_TYPE, payload=body)])
    n += 1
    if n == 5:
        print("ready", flush=True)
"""


def test_a_killed_writer_leaves_a_file_every_reader_reads(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(0.2)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
    (left,) = tmp_path.glob(f"*{OPEN_SUFFIX}")
    (repaired,) = recover_open_files(tmp_path)
    path = tmp_path / repaired
    assert not left.exists() and path.exists()
    warcio_check(path)
    records = fastwarc_records(path)
    uris = [r["headers"].get("WARC-Target-URI") for r in records[1:]]
    assert len(uris) >= 5
    assert uris == [f"https://example.com/{n}" for n in range(len(uris))]


# --- a crawl writing WARC files ----------------------------------------------------------------


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The NASA crawl (its feed, plus three pages by URL) replayed with TRACKER_WARC set."""
    out = tmp_path_factory.mktemp("warc-out")
    warc = out / "warc"
    replayed_crawl("nasa", NASA_CASSETTE, out / "feed", "-s", f"TRACKER_WARC={warc}",
                   "-O", str(out / "feed.jsonl"))  # fmt: skip
    replayed_crawl("nasa", NASA_CASSETTE, out / "pages", "-s", f"TRACKER_WARC={warc}",
                   "-a", f"urls={','.join(PAGES)}", "-O", str(out / "pages.jsonl"))  # fmt: skip
    return {
        "out": out,
        "warc": warc,
        "files": sorted(warc.glob("*.warc.gz")),
        "feed_items": read_jsonl(out / "feed.jsonl"),
        "page_items": read_jsonl(out / "pages.jsonl"),
    }


@pytest.mark.slow
def test_crawl_files_pass_warcio_check_and_fastwarc(replayed: dict[str, Any]) -> None:
    files = replayed["files"]
    assert len(files) == 2  # one per crawl
    assert not list(replayed["warc"].glob(f"*{OPEN_SUFFIX}"))
    for path in files:
        assert "digest pass" in warcio_check(path)
        index = warcio_index(path)
        records = fastwarc_records(path)
        assert [int(r["offset"]) for r in index] == [r["offset"] for r in records]
        info = records[0]["headers"]
        assert str(records[0]["type"]) == "warcinfo"
        for record in records[1:]:
            headers = record["headers"]
            assert headers["WARC-Target-URI"].startswith("https://www.nasa.gov/")
            assert headers["WARC-Date"].endswith("Z") and "." in headers["WARC-Date"]
            assert headers["WARC-Warcinfo-ID"] == info["WARC-Record-ID"]
            assert headers["WARC-Payload-Digest"].startswith("sha1:")
            assert headers["WARC-Concurrent-To"].startswith("<urn:uuid:")
    types = [r["warc-type"] for path in files for r in warcio_index(path)]
    assert types.count("request") == types.count("response") == 1 + len(PAGES)


@pytest.mark.slow
def test_warcinfo_names_the_crawler_and_its_settings(replayed: dict[str, Any]) -> None:
    from fastwarc.warc import ArchiveIterator

    with replayed["files"][0].open("rb") as stream:
        info = next(iter(ArchiveIterator(stream, parse_http=False)))
        fields = info.reader.read().decode()
    assert "software: news-tracker/" in fields
    assert "isPartOf: nasa" in fields
    assert "http-header-user-agent: " in fields
    assert "robots: obey" in fields
    assert "tracker-setting: TRACKER_REPLAY=" in fields
    assert "format: WARC File Format 1.1" in fields


@pytest.mark.slow
def test_bodies_are_stored_as_received(replayed: dict[str, Any]) -> None:
    cassette = json.loads(NASA_CASSETTE.read_text())
    recorded = {
        i["request"]["uri"]: base64.b64decode(i["response"]["body"]["base64_string"])
        for i in cassette["http_interactions"]
    }
    for item in replayed["page_items"]:
        path = replayed["warc"] / item["warc_file"]
        headers, http_headers, payload = read_record_at(path, item["warc_offset"])
        assert headers["WARC-Type"] == "response"
        assert headers["WARC-Target-URI"] == item["fetched_url"]
        # The gzip body as it came, with its Content-Encoding: not the decoded page.
        assert payload == recorded[item["fetched_url"]]
        assert ("Content-Encoding", "gzip") in http_headers
        assert zlib.decompress(payload, 31).startswith(b"<!")


@pytest.mark.slow
def test_items_say_where_their_page_is(replayed: dict[str, Any]) -> None:
    page_items = replayed["page_items"]
    assert len(page_items) == 2  # the image-detail page is not an article
    for item in page_items + replayed["feed_items"]:
        jsonschema.validate(item, SCHEMA)
    for item in page_items:
        assert item["warc_file"].endswith(".warc.gz") and item["warc_offset"] > 0
    # Articles made from the feed's content (their pages are not in the cassette) have no page.
    assert replayed["feed_items"] and all(i["warc_file"] is None for i in replayed["feed_items"])


# --- round trip --------------------------------------------------------------------------------

COMPARED = ("url", "fetched_url", "title", "publisher", "category", "section", "tags", "authors",
            "published", "modified", "language", "image", "description", "summary", "body",
            "text", "word_count", "content_hash", "path")  # fmt: skip


def _articles(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["url"]: {k: i[k] for k in COMPARED} for i in items}


@pytest.mark.slow
def test_round_trip_through_warc_writes_the_same_articles(
    replayed: dict[str, Any], tmp_path: Path
) -> None:
    crawl("nasa", tmp_path / "again", "-a", f"warc={replayed['warc']}",
          "-O", str(tmp_path / "again.jsonl"))  # fmt: skip
    again = read_jsonl(tmp_path / "again.jsonl")
    before = replayed["feed_items"] + replayed["page_items"]
    assert len(before) == 12
    assert _articles(again) == _articles(before)
    for item in again:
        jsonschema.validate(item, SCHEMA)
    # Pages read from the archive say where they are; the feed's articles have no page.
    by_url = {i["url"]: i for i in again}
    for item in replayed["page_items"]:
        read = by_url[item["url"]]
        assert read["warc_file"] == str(replayed["warc"] / item["warc_file"])
        assert read["warc_offset"] == item["warc_offset"]
    # Same Markdown files, byte for byte but for the Scraped line.
    for item in before:
        first = replayed["out"] / ("feed" if item in replayed["feed_items"] else "pages")
        old = (first / item["path"]).read_text().splitlines()
        new = (tmp_path / "again" / item["path"]).read_text().splitlines()
        assert [x for x in old if not x.startswith("**Scraped")] == [
            x for x in new if not x.startswith("**Scraped")
        ]


def test_items_schema_accepts_warc_fields() -> None:
    props = SCHEMA["properties"]
    assert "warc_file" in SCHEMA["required"] and "warc_offset" in SCHEMA["required"]
    jsonschema.validate(1, props["warc_offset"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(-1, props["warc_offset"])
