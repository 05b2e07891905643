"""WARC files of the real fixture pages, written with warcio (an implementation independent of
tracker.archive's writer), for the archive tests and bench/warc.py.

Each page of ``tests/fixtures/<spider>/<name>.html.gz`` becomes a request and a response record
for the URL in its ``<name>.json``, served as a web server would: ``Content-Type: text/html``
and, by default, the page gzipped with ``Content-Encoding: gzip`` (the fixture file's own bytes).
Nothing about the pages is made up; the HTTP headers are (the captures hold bodies only).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from tools.fixtures import FixturePage, fixture_pages


def page_records(
    page: FixturePage, *, url: str | None = None, content_encoding: bool = True
) -> tuple[str, list[tuple[str, str]], bytes]:
    """(URL, HTTP headers, body) of a fixture page as a server would send it."""
    raw = page.html_path.read_bytes()
    headers = [("Content-Type", "text/html")]
    if content_encoding:
        headers.append(("Content-Encoding", "gzip"))
        body = raw
    else:
        body = gzip.decompress(raw)
    headers.append(("Content-Length", str(len(body))))
    return url or page.url, headers, body


def write_fixture_warc(
    path: Path,
    pages: Iterable[FixturePage] | None = None,
    *,
    copies: int = 1,
    gzip_records: bool = True,
    content_encoding: bool = True,
    extra: Iterable[tuple[str, int, list[tuple[str, str]], bytes]] = (),
) -> int:
    """Write the pages (each ``copies`` times, copy n > 0 at ``<url>?copy=n``) and any ``extra``
    (url, status, headers, body) responses into ``path``; the number of response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    chosen = list(pages) if pages is not None else fixture_pages()
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip_records, warc_version="1.1")
        writer.write_record(
            writer.create_warcinfo_record(
                path.name, {"software": "warcio (tools/fixture_warc.py)", "format": "WARC 1.1"}
            )
        )
        for copy in range(copies):
            for page in chosen:
                url = page.url if copy == 0 else f"{page.url}?copy={copy}"
                url, headers, body = page_records(page, url=url, content_encoding=content_encoding)
                _write_pair(writer, url, 200, headers, body, StatusAndHeaders)
                count += 1
        for url, status, headers, body in extra:
            _write_pair(writer, url, status, headers, body, StatusAndHeaders)
            count += 1
    return count


def _write_pair(
    writer: Any, url: str, status: int, headers: list[tuple[str, str]], body: bytes, sah: Any
) -> None:
    from http import HTTPStatus

    date = datetime(2024, 5, 1, 12, 0, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    response = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=sah(f"{status} {HTTPStatus(status).phrase}", headers, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": date, "WARC-IP-Address": "192.0.2.1"},
    )
    request = writer.create_warc_record(
        url,
        "request",
        http_headers=sah(f"GET {url} HTTP/1.1", [("User-Agent", "fixture")], is_http_request=True),
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_request_response_pair(request, response)
