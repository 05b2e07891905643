"""WARC in: ``-a warc=`` (local files, folders, http(s) URLs, gzipped or not) and
``-a ccnews=`` against a local server laid out as Common Crawl's, on WARC files that warcio
writes from the real fixture pages (tools/fixture_warc.py)."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from tests.faultserver import read_jsonl
from tests.replayed_crawl import crawl
from tools.fixture_warc import page_records, write_fixture_warc
from tools.fixtures import fixture_pages, pages_with_distinct_urls
from tracker.archive.ccnews import Period, parse_period
from tracker.archive.reader import (
    ArchiveError,
    SkippedRecord,
    archived_responses,
    dechunked,
    open_archive,
)
from tracker.cassettes import make_interaction, write_cassette

NASA_ARTICLES = {p.url for p in fixture_pages(spider="nasa")}


@pytest.fixture(scope="module")
def fixture_warcs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("warcs")
    pages = pages_with_distinct_urls()
    nasa = [p for p in pages if p.spider == "nasa"]
    others = [p for p in pages if p.spider in ("bbc", "guardian", "cbc")]
    paths = {
        "all": folder / "all.warc.gz",
        "plain": folder / "plain.warc",
        "nasa": folder / "nasa.warc.gz",
        "others": folder / "others.warc.gz",
    }
    write_fixture_warc(paths["all"], pages)
    write_fixture_warc(paths["plain"], pages, gzip_records=False, content_encoding=False)
    write_fixture_warc(paths["nasa"], nasa)
    write_fixture_warc(paths["others"], others)
    return paths


# --- the readers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["all", "plain"])
def test_fastwarc_and_warcio_read_the_same_responses(
    fixture_warcs: dict[str, Path], name: str
) -> None:
    path = fixture_warcs[name]
    results = {}
    for reader in ("fastwarc", "warcio"):
        with open_archive(str(path)) as stream:
            results[reader] = [
                (r.url, r.status, r.headers, r.body, r.date, r.ip_address, r.offset)
                for r in archived_responses(stream, str(path), reader=reader)
            ]
    assert results["fastwarc"] == results["warcio"]
    assert len(results["fastwarc"]) == len(pages_with_distinct_urls())
    _url, status, headers, body, date, ip, _offset = results["fastwarc"][0]
    assert status == 200 and date == "2024-05-01T12:00:00Z" and ip == "192.0.2.1"
    if name == "all":
        assert (b"Content-Encoding", b"gzip") in headers and gzip.decompress(body)


@pytest.mark.parametrize("reader", ["fastwarc", "warcio"])
def test_reader_filters_by_url_and_reports_large_records(
    fixture_warcs: dict[str, Path], reader: str
) -> None:
    skipped: list[SkippedRecord] = []
    path = fixture_warcs["all"]
    with open_archive(str(path)) as stream:
        sizes = sorted(len(r.body) for r in archived_responses(stream, str(path), reader=reader))
    with open_archive(str(path)) as stream:
        read = list(
            archived_responses(
                stream,
                str(path),
                lambda url: "nasa.gov" in url,
                reader=reader,
                max_size=sizes[len(sizes) // 2],
                skipped=skipped.append,
            )
        )
    assert {r.url for r in read} | {s.url for s in skipped} == NASA_ARTICLES
    assert read and all(s.reason == "too_large" for s in skipped)
    with open_archive(str(path)) as stream:
        every = list(
            archived_responses(stream, str(path), reader=reader, max_size=sizes[len(sizes) // 2])
        )
    assert len(every) < len(sizes)


@pytest.mark.parametrize("reader", ["fastwarc", "warcio"])
def test_reader_stops_with_a_clear_error_on_a_broken_file(
    fixture_warcs: dict[str, Path], reader: str, tmp_path: Path
) -> None:
    data = fixture_warcs["nasa"].read_bytes()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[: len(data) // 2] + b"\x00garbage" * 100)
    got = []
    stream = open_archive(str(broken))
    with stream, pytest.raises(ArchiveError, match=r"broken\.warc\.gz"):
        got.extend(archived_responses(stream, str(broken), reader=reader))
    assert 0 < len(got) < len(NASA_ARTICLES)
    with pytest.raises(ArchiveError, match="cannot open"):
        open_archive(str(tmp_path / "missing.warc.gz"))


def test_dechunked() -> None:
    assert dechunked(b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n") == b"hello world"
    assert dechunked(b"<html>not chunked</html>") == b"<html>not chunked</html>"
    assert dechunked(b"ff\r\nshort") == b"ff\r\nshort"


def test_ccnews_periods() -> None:
    assert parse_period("2024-05") == Period(2024, 5)
    assert parse_period("2024-05-02") == Period(2024, 5, 2)
    for bad in ("2024-5", "2024-13", "2024-02-30", "2015-12", "may"):
        with pytest.raises(ValueError, match="-a ccnews"):
            parse_period(bad)
    day = Period(2024, 5, 2)
    assert day.holds("crawl-data/CC-NEWS/2024/05/CC-NEWS-20240502101010-00003.warc.gz")
    assert not day.holds("crawl-data/CC-NEWS/2024/05/CC-NEWS-20240501101010-00002.warc.gz")


# --- crawls -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_article_spider_reads_every_fixture_page(
    fixture_warcs: dict[str, Path], tmp_path: Path
) -> None:
    path = fixture_warcs["all"]
    result = crawl("article", tmp_path / "out", "-a", f"warc={path}",
                   "-O", str(tmp_path / "items.jsonl"))  # fmt: skip
    items = read_jsonl(tmp_path / "items.jsonl")
    rejects = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    pages = pages_with_distinct_urls()
    # Every page is an article, written or rejected with a reason; none is lost.
    assert len(items) + len(rejects) == len(pages), result.stderr[-3000:]
    assert len(items) >= len(pages) - 2
    assert {i["fetched_url"] for i in items} | {r["url"] for r in rejects} == {p.url for p in pages}
    offsets = {i["warc_offset"] for i in items}
    assert len(offsets) == len(items) and all(i["warc_file"] == str(path) for i in items)
    # The capture time, not the time of this run.
    assert {i["scraped_at"] for i in items} == {"2024-05-01T12:00:00+00:00"}
    assert (tmp_path / "out").rglob("index.md")
    # The same pages fetched live (replayed from a cassette of the same bytes) give the same
    # articles: the archive path is the live path.
    cassette = tmp_path / "pages.json"
    interactions = []
    for page in pages:
        url, headers, body = page_records(page)
        interactions.append(
            make_interaction(
                method="GET",
                uri=url,
                status=200,
                headers={name: [value] for name, value in headers},
                body=body,
            )
        )
    write_cassette(cassette, interactions)
    crawl("article", tmp_path / "live", "-s", f"TRACKER_REPLAY={cassette}",
          "-a", "urls=" + ",".join(p.url for p in pages),
          "-O", str(tmp_path / "live.jsonl"))  # fmt: skip
    live = read_jsonl(tmp_path / "live.jsonl")
    assert _articles(items) == _articles(live)
    assert sorted(r["url"] for r in rejects) == sorted(
        r["url"] for r in read_jsonl(tmp_path / "live" / "rejects.jsonl")
    )


COMPARED = ("url", "fetched_url", "title", "publisher", "category", "section", "tags", "authors",
            "published", "modified", "language", "image", "description", "summary", "body",
            "text", "word_count", "content_hash", "path")  # fmt: skip


def _articles(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["fetched_url"]: {k: i[k] for k in COMPARED if k != "path"} for i in items}


@pytest.mark.slow
def test_publisher_spider_takes_only_its_own_pages_with_either_reader(
    fixture_warcs: dict[str, Path], tmp_path: Path
) -> None:
    found = {}
    for reader in ("fastwarc", "warcio"):
        crawl("nasa", tmp_path / reader, "-a", f"warc={fixture_warcs['all']}",
              "-s", f"TRACKER_WARC_READER={reader}",
              "-O", str(tmp_path / f"{reader}.jsonl"))  # fmt: skip
        items = read_jsonl(tmp_path / f"{reader}.jsonl")
        found[reader] = sorted((i["fetched_url"], i["title"], i["body"]) for i in items)
    assert found["fastwarc"] == found["warcio"]
    assert {url for url, _, _ in found["fastwarc"]} == NASA_ARTICLES


@pytest.mark.slow
def test_limit_counts_new_articles_from_the_archive(
    fixture_warcs: dict[str, Path], tmp_path: Path
) -> None:
    args = ("-a", f"warc={fixture_warcs['nasa']}", "-a", "limit=2")
    crawl("nasa", tmp_path / "out", *args, "-O", str(tmp_path / "one.jsonl"))
    crawl("nasa", tmp_path / "out", *args, "-O", str(tmp_path / "two.jsonl"))
    one, two = read_jsonl(tmp_path / "one.jsonl"), read_jsonl(tmp_path / "two.jsonl")
    assert len(one) == len(two) == 2
    assert not {i["url"] for i in one} & {i["url"] for i in two}


@pytest.mark.slow
def test_a_second_run_writes_nothing_new(fixture_warcs: dict[str, Path], tmp_path: Path) -> None:
    args = ("-a", f"warc={fixture_warcs['nasa']}")
    crawl("nasa", tmp_path / "out", *args, "-O", str(tmp_path / "one.jsonl"))
    result = crawl("nasa", tmp_path / "out", *args, "-O", str(tmp_path / "two.jsonl"))
    assert len(read_jsonl(tmp_path / "one.jsonl")) == len(NASA_ARTICLES)
    assert read_jsonl(tmp_path / "two.jsonl") == []
    assert "'tracker/skipped/seen_url': 6" in result.stderr


# --- served over HTTP: remote files and CC-NEWS -------------------------------------------------


@pytest.mark.slow
def test_remote_warc_files_are_streamed(
    fixture_warcs: dict[str, Path], static_server: tuple[str, Path, list[str]], tmp_path: Path
) -> None:
    base, root, hits = static_server
    (root / "nasa.warc.gz").write_bytes(fixture_warcs["nasa"].read_bytes())
    (root / "plain.warc").write_bytes(fixture_warcs["plain"].read_bytes())
    assert (root / "plain.warc").stat().st_size > 4 * 1_500_000
    # Larger than DOWNLOAD_MAXSIZE: a remote file is streamed, not downloaded whole.
    result = crawl("nasa", tmp_path / "out", "-a", f"warc={base}nasa.warc.gz,{base}plain.warc",
          "-s", "DOWNLOAD_MAXSIZE=1500000",
          "-O", str(tmp_path / "items.jsonl"))  # fmt: skip
    items = read_jsonl(tmp_path / "items.jsonl")
    assert {i["fetched_url"] for i in items} == NASA_ARTICLES, result.stderr[-3000:]
    assert {i["warc_file"] for i in items} == {f"{base}nasa.warc.gz"}
    assert sorted(hits) == ["/nasa.warc.gz", "/plain.warc"]


def _ccnews_site(root: Path, fixture_warcs: dict[str, Path], listed: list[str]) -> None:
    month = root / "crawl-data" / "CC-NEWS" / "2024" / "05"
    month.mkdir(parents=True)
    (month / "CC-NEWS-20240501000000-00001.warc.gz").write_bytes(fixture_warcs["nasa"].read_bytes())
    (month / "CC-NEWS-20240502000000-00002.warc.gz").write_bytes(
        fixture_warcs["others"].read_bytes()
    )
    paths = "".join(f"crawl-data/CC-NEWS/2024/05/{name}\n" for name in listed)
    (month / "warc.paths.gz").write_bytes(gzip.compress(paths.encode()))


@pytest.mark.slow
def test_ccnews_month_and_day_from_a_local_common_crawl(
    fixture_warcs: dict[str, Path], static_server: tuple[str, Path, list[str]], tmp_path: Path
) -> None:
    base, root, hits = static_server
    _ccnews_site(
        root,
        fixture_warcs,
        ["CC-NEWS-20240501000000-00001.warc.gz", "CC-NEWS-20240502000000-00002.warc.gz"],
    )
    setting = f"TRACKER_CCNEWS_BASE={base}"
    crawl("nasa", tmp_path / "month", "-a", "ccnews=2024-05", "-s", setting,
          "-O", str(tmp_path / "month.jsonl"))  # fmt: skip
    items = read_jsonl(tmp_path / "month.jsonl")
    assert {i["fetched_url"] for i in items} == NASA_ARTICLES
    assert hits == [
        "/crawl-data/CC-NEWS/2024/05/warc.paths.gz",
        "/crawl-data/CC-NEWS/2024/05/CC-NEWS-20240501000000-00001.warc.gz",
        "/crawl-data/CC-NEWS/2024/05/CC-NEWS-20240502000000-00002.warc.gz",
    ]
    hits.clear()
    crawl("article", tmp_path / "day", "-a", "ccnews=2024-05-02", "-s", setting,
          "-O", str(tmp_path / "day.jsonl"))  # fmt: skip
    day = read_jsonl(tmp_path / "day.jsonl")
    others = {p.url for p in fixture_pages() if p.spider in ("bbc", "guardian", "cbc")}
    rejected = {r["url"] for r in read_jsonl(tmp_path / "day" / "rejects.jsonl")}
    assert {i["fetched_url"] for i in day} | rejected == others
    assert hits[1:] == ["/crawl-data/CC-NEWS/2024/05/CC-NEWS-20240502000000-00002.warc.gz"]


# --- bad input -----------------------------------------------------------------------------------


def test_a_missing_warc_file_is_a_usage_error(tmp_path: Path) -> None:
    result = crawl("nasa", tmp_path, "-a", f"warc={tmp_path / 'nope.warc.gz'}", returncode=2)
    assert "-a warc: no WARC file at" in result.stderr
    result = crawl("nasa", tmp_path, "-a", "ccnews=2024-13", returncode=2)
    assert "-a ccnews" in result.stderr
    result = crawl("nasa", tmp_path, "-a", "ccnews=2024-05", "-a", "urls=https://www.nasa.gov/",
                   returncode=2)  # fmt: skip
    assert "leave out -a urls" in result.stderr


@pytest.mark.slow
def test_an_unreachable_path_list_stops_the_crawl_with_one_line(
    static_server: tuple[str, Path, list[str]], tmp_path: Path
) -> None:
    base, _root, _hits = static_server
    result = crawl("nasa", tmp_path, "-a", "ccnews=2024-05", "-s",
                   f"TRACKER_CCNEWS_BASE={base}", returncode=1)  # fmt: skip
    errors = [line for line in result.stderr.splitlines() if "] ERROR:" in line]
    assert len(errors) == 1 and "cannot fetch the CC-NEWS path list" in errors[0]
    assert "'finish_reason': 'archive_error'" in result.stderr


@pytest.mark.slow
def test_a_broken_file_among_good_ones_is_counted_and_the_rest_read(
    fixture_warcs: dict[str, Path], tmp_path: Path
) -> None:
    data = fixture_warcs["others"].read_bytes()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[:1000])
    result = crawl("article", tmp_path / "out", "-a", f"warc={broken},{fixture_warcs['nasa']}",
                   "-O", str(tmp_path / "items.jsonl"))  # fmt: skip
    # Tried again after the good file, three times in all, then given up.
    assert "'tracker/archive/files_failed': 3" in result.stderr
    assert "'tracker/archive/files_done': 1" in result.stderr
    assert {i["fetched_url"] for i in read_jsonl(tmp_path / "items.jsonl")} >= NASA_ARTICLES - {
        u for u in NASA_ARTICLES if "image-detail" in u
    }
