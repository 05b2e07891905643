"""The one item type every spider yields (fields: docs/OUTPUT.md of the shared docs)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class PublisherHints:
    """What the publisher's declaration tells the pipelines about an article; travels on the item
    so that every spider (the generic one too) gives the pipelines the same, and is not written
    out (FEED_EXPORT_FIELDS leaves it out)."""

    # IANA zone of the dates the page gives without an offset (normalise pipeline); None: UTC.
    timezone: str | None = None
    # Category of a single-beat outlet (categorise pipeline); None: the categoriser decides.
    default_category: str | None = None
    # The publisher's own words for categories (its regions, its desks), added to the built-in
    # rules for its articles (categorise pipeline).
    # As pairs, so that the hints stay hashable: ((category, (word, ...)), ...).
    category_rules: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass
class ArticleItem:
    """An article on its way from a spider through the pipelines.

    Spiders fill what extraction found, as raw strings where the value still needs cleaning
    (dates, author names); the normalise pipeline turns them into the final forms described in
    OUTPUT.md. ``provenance`` maps a field name to the extraction layer that gave it
    (``selector``, ``jsonld``, ``meta``, ``feed``, ``generic``, ``spider``, ...).
    """

    url: str | None = None
    fetched_url: str | None = None
    title: str | None = None
    publisher: str | None = None
    spider: str | None = None
    category: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    scraped_at: str | None = None
    language: str | None = None
    image: str | None = None
    description: str | None = None
    summary: str | None = None
    summary_method: str | None = None
    body: str | None = None
    text: str | None = None
    word_count: int | None = None
    content_hash: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    # Where the Markdown file was written, relative to the output folder (set by the exporter;
    # a revision keeps the path of its first version).
    path: str | None = None
    # Where the page's response record lives in a WARC archive (tracker.archive): the file
    # written with TRACKER_WARC or read with -a warc=/ccnews=, and the record's byte offset.
    warc_file: str | None = None
    warc_offset: int | None = None
    # HTTP validators of the page as fetched, kept for conditional revisits.
    etag: str | None = None
    last_modified: str | None = None
    # Stories (tracker.processing.stories): the article's id (first 16 hex digits of the sha256
    # of its canonical URL), the story it belongs to (the id of the story's first article),
    # whether it is that first article or a later near-duplicate, and other stories on the same
    # event: [{"story_id", "article_id", "score"}], best first.
    id: str | None = None
    story_id: str | None = None
    story_role: str | None = None
    related: list[dict[str, Any]] = field(default_factory=list)
    # Revisions (tracker.processing.revisions): 1 for the first version; a later revision names
    # the content hash it replaces and what changed.
    revision: int | None = None
    previous_content_hash: str | None = None
    changes: dict[str, Any] | None = None
    # For the pipelines, not written out.
    hints: PublisherHints = field(default_factory=PublisherHints)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


# The fields a crawl writes as JSON lines (tracker/schema/article.schema.json): all but the hints.
OUTPUT_FIELDS = tuple(f.name for f in fields(ArticleItem) if f.name != "hints")
