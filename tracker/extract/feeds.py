"""RSS/Atom feed parsing into FeedEntry values (feedparser underneath; no Scrapy here)."""

from __future__ import annotations

import logging
import re
import time
from typing import Any
from urllib.parse import urljoin

import feedparser

from tracker.extract.types import FeedEntry

logger = logging.getLogger(__name__)


class FeedError(ValueError):
    """The document is not a feed we can read (malformed XML with no entries, or HTML)."""


def _struct_time_to_iso(value: time.struct_time | None) -> str | None:
    if not value:
        return None
    # feedparser normalises every date it understands to UTC struct_time.
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", value)


def _entry_authors(entry: Any) -> list[str]:
    names: list[str] = []
    for author in entry.get("authors") or []:
        name = (author.get("name") or "").strip()
        if name:
            names.append(name)
    if not names and (entry.get("author") or "").strip():
        names.append(entry["author"].strip())
    return names


def _entry_image(entry: Any) -> str | None:
    for media in (entry.get("media_content") or []) + (entry.get("media_thumbnail") or []):
        url = media.get("url")
        if url and (media.get("medium") in (None, "image") or "image" in media.get("type", "")):
            return str(url)
    for link in entry.get("links") or []:
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return str(link.get("href"))
    return None


# The end of an RSS <item> or Atom <entry> (with any namespace prefix: <rss:item>, <atom:entry>).
_ENTRY_END_RE = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>", re.IGNORECASE)
# A link that names its own scheme and host is used as it is; only relative links are joined
# (urljoin would turn a broken "http://" into the feed's own URL).
_ABSOLUTE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def cut_feed(body: bytes, max_entries: int) -> tuple[bytes, int]:
    """The feed cut after its first ``max_entries`` entries (the document's closing tags kept),
    and how many entries the whole document has; ``body`` itself when it has no more
    (``max_entries`` <= 0: no cut).

    feedparser reads a whole document at ~0.7 ms per entry; a feed of 100,000 entries took over
    a minute. Counting entry end tags is a byte scan. The part after the last entry (the
    channel's and feed's closing tags) is kept, so the cut document is still well-formed XML
    when the entries are siblings, as RSS and Atom require; when it is not, parse_feed raises
    FeedError and the caller can parse the whole document instead.
    """
    ends = [m.end() for m in _ENTRY_END_RE.finditer(body)]
    if max_entries <= 0 or len(ends) <= max_entries:
        return body, len(ends)
    return body[: ends[max_entries - 1]] + body[ends[-1] :], len(ends)


def _entry_url(feed_url: str, link: str) -> str:
    """The entry's article URL: relative links joined to the feed's URL. A link that is not a
    URL at all (a broken IPv6 host) is kept as it is, for the spider to reject (bad_url)."""
    link = link.strip()
    if _ABSOLUTE_RE.match(link):
        return link
    try:
        return urljoin(feed_url, link)
    except ValueError:
        return link


def parse_feed(body: bytes | str, url: str, content_type: str | None = None) -> list[FeedEntry]:
    """Entries of an RSS 2.0 / RSS 1.0 / Atom document, in document order.

    Raises FeedError when the document yields no entries and is malformed (a truncated or broken
    feed, an HTML error page): the caller logs it with the URL. A feed that is slightly malformed
    but still yields entries is read, and the problem logged.
    """
    parsed = feedparser.parse(
        body,
        # Without a content type feedparser flags every document as malformed. No
        # content-location: feedparser would resolve every link against it, turning a broken
        # "http://" into the feed's own URL and a bare guid into a made-up one; links are
        # joined here (_entry_url), and content's relative links later, against the article.
        response_headers={"content-type": content_type or "application/xml"},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    entries = parsed.get("entries") or []
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        if not entries:
            raise FeedError(f"not a readable feed: {problem}")
        logger.info("Feed %s is malformed but readable (%s)", url, problem)
    if not entries and not parsed.get("version"):
        raise FeedError("not a feed (no RSS or Atom root element)")

    language = parsed.get("feed", {}).get("language")
    result: list[FeedEntry] = []
    for entry in entries:
        link = entry.get("link") or ""
        guid = entry.get("id") or ""
        # Some feeds put the article URL only in the guid (isPermaLink).
        if not link and guid.startswith(("http://", "https://")):
            link = guid
        if not link:
            continue
        content_html = None
        for content in entry.get("content") or []:
            if "html" in (content.get("type") or "") and content.get("value"):
                content_html = content["value"]
                break
        summary = entry.get("summary") or None
        # dict.get bypasses feedparser's deprecated updated->published key mapping.
        updated = dict.get(entry, "updated_parsed")
        published = dict.get(entry, "published_parsed")
        result.append(
            FeedEntry(
                url=_entry_url(url, link),
                title=(entry.get("title") or "").strip() or None,
                published=_struct_time_to_iso(published)
                or dict.get(entry, "published")
                or _struct_time_to_iso(updated),
                modified=_struct_time_to_iso(updated),
                authors=_entry_authors(entry),
                categories=[
                    t.get("term", "").strip() for t in entry.get("tags") or [] if t.get("term")
                ],
                summary=summary,
                content_html=content_html,
                image=_entry_image(entry),
                language=language,
            )
        )
    return result
