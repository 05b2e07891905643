"""Discovery parsing: the real NASA feed capture, malformed feeds, sitemaps and news sitemaps."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tracker.extract.feeds import FeedError, cut_feed, parse_feed
from tracker.extract.sitemaps import SitemapError, parse_sitemap

FIXTURES = Path(__file__).parent / "fixtures"
NASA_FEED = gzip.decompress((FIXTURES / "feeds/www.nasa.gov_feed_2024-03-14.xml.gz").read_bytes())


def test_nasa_feed_entries_carry_title_date_authors_categories_and_content() -> None:
    entries = parse_feed(NASA_FEED, "https://www.nasa.gov/feed/")
    assert len(entries) == 10
    first = entries[0]
    assert (
        first.url
        == "https://www.nasa.gov/image-article/icing-cloud-characterization-engineer-emily-timko/"
    )
    assert first.title == "Icing Cloud Characterization Engineer Emily Timko"
    assert first.published == "2024-03-14T14:27:52+00:00"
    assert first.authors == ["Tahira S. Allen"]
    assert first.content_html and "<p>" in first.content_html
    news_release = entries[5]
    assert news_release.url.startswith("https://www.nasa.gov/news-release/")
    assert "Space Technology Mission Directorate" in news_release.categories
    # Cross-posted science.nasa.gov stories have an empty dc:creator: no author invented.
    assert entries[1].url.startswith("https://science.nasa.gov/")
    assert entries[1].authors == []


def test_html_error_page_is_not_a_feed() -> None:
    with pytest.raises(FeedError):
        parse_feed(
            b"<html><body><h1>503 Service Unavailable</h1></body></html>", "https://x.test/feed"
        )


def test_malformed_feed_without_entries_raises_a_clear_error() -> None:
    # The real feed cut inside its channel header, before any <item>.
    head = NASA_FEED[: NASA_FEED.index(b"<item>") - 20]
    with pytest.raises(FeedError, match=r"not a readable feed|not a feed"):
        parse_feed(head, "https://www.nasa.gov/feed/")


def test_truncated_feed_keeps_the_complete_entries() -> None:
    # The real feed cut in the middle of its fourth item: the first three are intact.
    cut = NASA_FEED.index(b"<item>", NASA_FEED.index(b"<item>", NASA_FEED.index(b"<item>") + 1) + 1)
    entries = parse_feed(NASA_FEED[: cut + 400], "https://www.nasa.gov/feed/")
    assert [e.title for e in entries[:3]] == [
        "Icing Cloud Characterization Engineer Emily Timko",
        "Hubble Tracks Jupiter’s Stormy Weather",
        "Compact Robot Takes Flight to Support CERISS Initiative",
    ]


# Hand-made sitemaps in the sitemaps.org and Google News formats (no real capture in the corpus).
NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://news.example/a/1</loc>
    <image:image><image:loc>https://news.example/img/1.jpg</image:loc></image:image>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-01-02T10:00:00+00:00</news:publication_date>
      <news:title>First story</news:title>
      <news:keywords>Economy, Markets</news:keywords>
    </news:news>
  </url>
  <url><loc>https://news.example/a/2</loc><lastmod>2025-01-01</lastmod></url>
</urlset>"""

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example/sitemap-2024.xml</loc><lastmod>2024-12-31</lastmod></sitemap>
  <sitemap><loc>https://news.example/sitemap-2025.xml</loc><lastmod>2025-01-02</lastmod></sitemap>
</sitemapindex>"""


def test_news_sitemap_entries() -> None:
    page = parse_sitemap(NEWS_SITEMAP)
    assert page.sitemaps == []
    first, second = page.entries
    assert first.url == "https://news.example/a/1"  # not the image's <loc>
    assert first.title == "First story"
    assert first.published == "2025-01-02T10:00:00+00:00"
    assert first.categories == ["Economy", "Markets"]
    assert first.image == "https://news.example/img/1.jpg"
    assert first.language == "en"
    assert second.published == "2025-01-01"


def test_sitemap_index_lists_children() -> None:
    page = parse_sitemap(SITEMAP_INDEX)
    assert page.entries == []
    assert ("https://news.example/sitemap-2025.xml", "2025-01-02") in page.sitemaps


def test_sitemap_entity_expansion_is_not_resolved() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://news.example/&lol2;</loc></url></urlset>"
    )
    page = parse_sitemap(bomb)
    assert all("lollollol" not in e.url for e in page.entries)


def test_sitemap_entry_count_is_bounded() -> None:
    urls = b"".join(b"<url><loc>https://news.example/a/%d</loc></url>" % i for i in range(500))
    doc = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + b"</urlset>"
    assert len(parse_sitemap(doc, max_entries=100).entries) == 100


@pytest.mark.parametrize("body", [b"", b"<html><body>nope</body></html>", b"\x00\x01garbage"])
def test_non_sitemaps_raise(body: bytes) -> None:
    with pytest.raises(SitemapError):
        parse_sitemap(body)


def rss(items: str) -> bytes:
    """Hand-made RSS 2.0 around ``items``."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://news.example.org/</link>{items}</channel></rss>"
    ).encode()


def test_links_no_request_can_be_made_of_are_kept_for_the_spider_to_reject() -> None:
    # Issue 13, case 2: a broken IPv6 host made parse_feed raise (the whole feed lost), and
    # "http://" was joined into the feed's own URL.
    links = ["http://127.0.0.1:99999/a.html", "http://", "http://[::1/b.html", "/c.html"]
    body = rss(
        "".join(f"<item><title>{n}</title><link>{u}</link></item>" for n, u in enumerate(links))
    )
    urls = [e.url for e in parse_feed(body, "https://news.example.org/feed.xml")]
    assert urls == [*links[:3], "https://news.example.org/c.html"]


def test_a_feed_is_cut_after_its_first_entries_before_parsing() -> None:
    # Issue 13, case 7: feedparser read 100,000 entries (74 s) before the cap applied.
    import time

    items = "".join(
        f"<item><title>Entry {n}</title><link>https://news.example.org/{n}.html</link></item>"
        for n in range(100_000)
    )
    body = rss(items)
    start = time.perf_counter()
    cut, total = cut_feed(body, 1000)
    entries = parse_feed(cut, "https://news.example.org/feed.xml")
    assert time.perf_counter() - start < 15
    assert total == 100_000 and len(entries) == 1000
    assert entries[-1].url == "https://news.example.org/999.html"
    assert cut.endswith(b"</channel></rss>")
    assert cut_feed(body, 0) == (body, 100_000)
    small = rss("<item><link>https://news.example.org/1.html</link></item>")
    assert cut_feed(small, 1000) == (small, 1)


def test_an_atom_feed_is_cut_the_same_way() -> None:
    entries = "".join(
        f"<entry><title>E{n}</title><link href='https://news.example.org/{n}'/><id>{n}</id></entry>"
        for n in range(50)
    )
    body = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        f"{entries}</feed>"
    ).encode()
    cut, total = cut_feed(body, 5)
    assert total == 50
    assert [e.url for e in parse_feed(cut, "https://news.example.org/atom")] == [
        f"https://news.example.org/{n}" for n in range(5)
    ]
