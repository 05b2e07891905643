"""Bad input through a whole NASA crawl: each case gives a clear log line and a counted reject or a
safe file, and the crawl goes on to write the good articles.

The cassette is built here from real captured NASA pages, some altered on purpose (each alteration
is named below); the "no article" page and the broken feed are hand-made and say so.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.replayed_crawl import NASA_CASSETTE, ROOT, replayed_crawl
from tools.fixtures import fixture_pages
from tracker.arguments import split_arg
from tracker.cassettes import make_interaction, write_cassette

NASA = ROOT / "tests" / "fixtures" / "nasa"
FEED = ROOT / "tests" / "fixtures" / "feeds" / "www.nasa.gov_feed_2024-03-14.xml.gz"

pytestmark = pytest.mark.slow

GOOD = "https://www.nasa.gov/image-article/nasa-hq-juneteenth-flag-raising-ceremony/"
BROKEN = "https://www.nasa.gov/image-article/apollo-test/broken-html/"
LATIN1 = "https://www.nasa.gov/image-article/apollo-test/windows-1252/"
NO_ARTICLE = "https://www.nasa.gov/image-article/apollo-test/no-article/"
HOSTILE = "https://www.nasa.gov/image-article/apollo-test/hostile-title/"
ATTACHMENT = "https://www.nasa.gov/image-detail/hubble-jupiter-jul22-3-flat-final/"


def real_page(stem: str) -> str:
    return gzip.decompress((NASA / f"{stem}.html.gz").read_bytes()).decode("utf-8")


def interaction(url: str, body: bytes, content_type: str) -> dict:
    return make_interaction(
        method="GET", uri=url, status=200, headers={"Content-Type": [content_type]}, body=body
    )


def build_cassette(path: Path) -> None:
    juneteenth = real_page("nasa-hq-juneteenth-flag-raising-ceremony")
    collins = real_page("collins-aerospace-tests-nasa-space-station-suit-in-weightlessness")
    juno = real_page("just-in-time-for-halloween-nasas-juno-mission-spots-eerie-face-on-jupiter")
    upper = real_page("early-production-continues-on-advanced-upper-stage-for-nasa-moon-rocket")
    # Broken HTML: the real Collins page cut off in the middle of its body.
    cut = collins.index("</p>", collins.index("entry-content")) + 200
    broken = collins[:cut].encode("utf-8")
    # Non-UTF-8: the real Juno page re-encoded as windows-1252, declared in header and meta.
    latin = juno.replace('<meta charset="UTF-8">', '<meta charset="windows-1252">').encode(
        "cp1252", errors="xmlcharrefreplace"
    )
    # Hostile title: the real upper-stage page with its titles replaced (an altered page).
    hostile_title = "../../etc/passwd # [click](javascript:alert(1)) <script>x</script>"
    hostile = upper
    for original in ("Early Production Continues on Advanced Upper Stage for NASA Moon Rocket",):
        hostile = hostile.replace(original, hostile_title.replace("<", "&lt;").replace(">", "&gt;"))
    # Hand-made: a page with navigation and no article at all.
    no_article = (
        b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    interactions = [
        interaction(GOOD, juneteenth.encode("utf-8"), "text/html; charset=UTF-8"),
        interaction(BROKEN, broken, "text/html; charset=UTF-8"),
        interaction(LATIN1, latin, "text/html; charset=windows-1252"),
        interaction(NO_ARTICLE, no_article, "text/html"),
        interaction(HOSTILE, hostile.encode("utf-8"), "text/html; charset=UTF-8"),
    ]
    # A malformed feed: the real NASA feed cut inside its channel header (no complete item),
    # and a hand-made non-feed answering the second feed URL.
    feed = gzip.decompress(FEED.read_bytes())
    interactions.append(
        interaction(
            "https://www.nasa.gov/feed/", feed[: feed.index(b"<item>") - 20], "application/rss+xml"
        )
    )
    interactions.append(
        interaction(
            "https://www.nasa.gov/news-release/feed/",
            b"<html><body>Service temporarily unavailable</body></html>",
            "text/html",
        )
    )
    write_cassette(path, interactions)


def crawl(
    tmp_path: Path, *args: str, cassette: Path | None = None
) -> subprocess.CompletedProcess[str]:
    if cassette is None:
        cassette = tmp_path / "bad.json"
        build_cassette(cassette)
    return replayed_crawl("nasa", cassette, tmp_path / "out", *args)


def rejects(tmp_path: Path) -> dict[str, dict]:
    path = tmp_path / "out" / "rejects.jsonl"
    lines = path.read_text().splitlines() if path.exists() else []
    return {row["url"]: row for row in map(json.loads, lines)}


def test_bad_pages_are_rejected_or_written_safely_and_the_crawl_goes_on(tmp_path: Path) -> None:
    urls = ",".join([GOOD, BROKEN, LATIN1, NO_ARTICLE, HOSTILE])
    result = crawl(tmp_path, "-a", f"urls={urls}", "-O", str(tmp_path / "items.jsonl"))
    log = result.stderr
    items = {
        i["fetched_url"]: i
        for i in map(json.loads, (tmp_path / "items.jsonl").read_text().splitlines())
    }
    out = tmp_path / "out"

    # The good page is written.
    assert items[GOOD]["title"] == "NASA HQ Juneteenth Flag Raising Ceremony"

    # Broken HTML: what arrived is extracted and written as a normal, safe file.
    assert items[BROKEN]["title"] == (
        "Collins Aerospace Tests NASA Space Station Suit in Weightlessness"
    )
    assert items[BROKEN]["word_count"] > 20

    # Non-UTF-8: decoded by its declared charset, so the curly apostrophe survives.
    assert items[LATIN1]["title"] == (
        "Just in Time for Halloween, NASA’s Juno Mission Spots Eerie “Face” on Jupiter"
    )
    assert "NASA’s Juno" in items[LATIN1]["body"]

    # No article: a counted reject with its URL and reason, and a WARNING line saying so.
    reject = rejects(tmp_path)[NO_ARTICLE]
    assert reject["reason"] in {"no_body", "no_title", "not_article"}
    assert reject["spider"] == "nasa" and reject["detail"]
    assert NO_ARTICLE in log and f"tracker/rejected/{reject['reason']}" in log

    # Hostile title: the file stays inside the output folder and the title is text, not markup.
    hostile = items[HOSTILE]
    path = (out / hostile["path"]).resolve()
    assert path.is_relative_to(out.resolve())
    assert ".." not in hostile["path"].split("/")
    heading = path.read_text().splitlines()[0]
    assert heading.startswith("# ")
    # Rendered as CommonMark, the title is text: no link, no tag.
    html = MarkdownIt().render(path.read_text())
    heading_html = html.split("</h1>")[0]
    assert "<a " not in heading_html and "<script>" not in html
    assert "[click](javascript:alert(1))" in heading_html


def test_malformed_feeds_are_logged_and_counted(tmp_path: Path) -> None:
    result = crawl(tmp_path)
    log = result.stderr
    assert "Feed https://www.nasa.gov/feed/ could not be read" in log
    assert "Feed https://www.nasa.gov/news-release/feed/ could not be read" in log
    assert "'tracker/discovery/bad_feed': 2" in log
    assert "finish_reason': 'finished'" in log


def test_an_image_attachment_page_is_rejected_as_not_an_article(tmp_path: Path) -> None:
    # A real NASA attachment page from the demo cassette, asked for directly.
    result = crawl(tmp_path, "-a", f"urls={ATTACHMENT}", cassette=NASA_CASSETTE)
    assert rejects(tmp_path)[ATTACHMENT]["reason"] == "not_article"
    assert "'tracker/rejected/not_article': 1" in result.stderr


def test_commas_inside_urls_stay_part_of_them() -> None:
    # Real article URLs of fixture pages carry commas (br.de "...-aufarbeiten,UAf9GNd",
    # winfuture.de "news,142489.html"): `-a urls=` cut them into pieces before, and the crawl
    # stopped with "'UAf9GNd' is not an http(s) URL".
    urls = [page.url for page in fixture_pages() if "," in page.url]
    assert len(urls) >= 5
    assert split_arg(",".join(urls)) == urls
    assert split_arg(" , ".join(urls[:2])) == urls[:2]
    assert split_arg("nasa, bbc") == ["nasa", "bbc"]


def test_a_list_of_paths_and_urls_splits_at_every_value() -> None:
    # `-a warc=` takes local paths and URLs in one list, read by the same rule as `-a urls=`:
    # the archive source had a plain comma split of its own (a comma inside a URL cut it), and
    # `split_arg` kept "a.warc.gz,b.warc.gz" whole when a URL followed them.
    url = "https://www.br.de/nachrichten/bayern/x-aufarbeiten,UAf9GNd"
    assert split_arg(f"a.warc.gz,b.warc.gz,{url}") == ["a.warc.gz", "b.warc.gz", url]
    assert split_arg(f"{url}, https://data.example/c.warc.gz") == [
        url,
        "https://data.example/c.warc.gz",
    ]
    assert split_arg("2025-01, 2025-02") == ["2025-01", "2025-02"]
