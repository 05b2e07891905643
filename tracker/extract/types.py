"""Plain data types shared by the extraction layers (no Scrapy imports anywhere in extract/)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The fields extraction can fill, in the order layers are consulted for each of them.
FIELDS = (
    "title",
    "authors",
    "published",
    "modified",
    "description",
    "section",
    "tags",
    "image",
    "language",
    "canonical_url",
    "site_name",
    "body",
)

# Layer names, best first. They appear in item provenance and in stats
# (tracker/extract/<field>/<layer>). "text" is what the page shows next to the headline (the
# headline itself, the dateline, the byline), "htmldate" the date htmldate finds (URL, <time>).
LAYERS = ("selector", "jsonld", "meta", "feed", "text", "htmldate", "generic")


@dataclass
class FeedEntry:
    """One entry of an RSS/Atom feed or a (news) sitemap, carried with the article request."""

    url: str
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    summary: str | None = None
    # Full article HTML when the feed carries it (RSS content:encoded, Atom content).
    content_html: str | None = None
    image: str | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeedEntry:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


# Extraction.page_kind of a page that matches the site's ``not_article`` selector.
DECLARED_NOT_ARTICLE = "declared"


@dataclass
class Extraction:
    """What extraction found on one page: raw values and, per field, the layer that gave it."""

    fields: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    # What the page is when it is not an article ("listing", "product", ...; see
    # tracker.extract.page_kind, or "declared": it matches the site's ``not_article`` selector),
    # and a sentence saying what it looks like; "article" and "" for an article.
    page_kind: str = "article"
    not_article: str = ""

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)
