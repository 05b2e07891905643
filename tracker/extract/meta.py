"""Article metadata from <meta> and <link> tags: OpenGraph, article:*, Parse.ly, Dublin Core.

Values stay raw (dates as written, author strings as written); the normalise pipeline cleans
them. Within a field, the first key of its list that the page has wins.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from lxml import etree

logger = logging.getLogger(__name__)

# Field -> meta keys (property, name or itemprop, lower-cased), best first.
SCALAR_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "parsely-title", "twitter:title", "dc.title", "dcterms.title", "title"),
    "published": (
        "article:published_time",
        "parsely-pub-date",
        "og:article:published_time",
        "article:published",
        "datepublished",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "sailthru.date",
        "publish-date",
        "publishdate",
        "pubdate",
        "date",
        "cxenseparse:recs:publishtime",
    ),
    "modified": (
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "dc.date.modified",
        "dcterms.modified",
        "last-modified",
    ),
    "description": (
        "og:description",
        "description",
        "twitter:description",
        "dc.description",
        "dcterms.description",
    ),
    "section": ("article:section", "parsely-section", "og:article:section", "section"),
    "image": (
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "parsely-image-url",
        "twitter:image",
        "twitter:image:src",
        "thumbnailurl",
    ),
    "language": ("dc.language", "dcterms.language", "content-language", "language"),
    "canonical_url": ("og:url", "parsely-link"),
    "site_name": ("og:site_name", "application-name", "dc.publisher", "dcterms.publisher"),
}
# The head's meta tags that state a publication date (Open Graph, Dublin Core, Parse.ly, ...):
# the schema.org ``datePublished`` (an ``itemprop``, as JSON-LD's) is not one of them.
PUBLISHED_TIME_KEYS = tuple(k for k in SCALAR_KEYS["published"] if k != "datepublished")
AUTHOR_KEYS = (
    "parsely-author",
    "article:author",
    "author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "byl",
)
# Tag keys whose every occurrence counts (article:tag repeats), and keys holding comma lists.
TAG_KEYS = ("article:tag", "parsely-tags", "news_keywords", "keywords", "sailthru.tags")


def _split_list(value: str) -> list[str]:
    sep = ";" if ";" in value and "," not in value else ","
    return [v.strip() for v in value.split(sep) if v.strip()]


def collect_meta(tree: etree._Element) -> dict[str, list[str]]:
    """Every meta key (property, name, itemprop or http-equiv, lower-cased) to its contents."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        # Pages saved through some parsers (Mercury's fixtures) carry the value in "value".
        content = meta.get("content")
        if content is None:
            content = meta.get("value")
        if content is None:
            continue
        content = content.strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key and not (attr == "itemprop" and _describes_the_site(meta)):
                found.setdefault(key.strip().lower(), []).append(content)
    return found


# Microdata item types of the page's furniture: their itemprops (a WordPress theme's
# <footer itemtype="http://schema.org/WPFooter"> with keywords "Data Protection, Copyright
# Data") describe the site, not the article.
_SITE_ITEM_TYPE_RE = re.compile(
    r"/(?:WPFooter|WPHeader|WPSideBar|SiteNavigationElement|WebSite|Organization)$", re.I
)


def _describes_the_site(meta: etree._Element) -> bool:
    """Whether a microdata <meta itemprop> belongs to an item of the site's furniture."""
    for ancestor in meta.iterancestors():
        if ancestor.get("itemscope") is not None:
            return bool(_SITE_ITEM_TYPE_RE.search((ancestor.get("itemtype") or "").strip()))
    return False


def _parsely_page(values: list[str]) -> dict[str, Any]:
    """The older single-tag Parse.ly metadata: <meta name="parsely-page" content='{json}'>."""
    try:
        data = json.loads(values[0])
    except (ValueError, IndexError):
        return {}
    return data if isinstance(data, dict) else {}


# Labels of the Twitter card's label/data pairs that name the author (Yoast SEO writes
# twitter:label1 "Written by", twitter:data1 the author's display name on every post).
_AUTHOR_LABELS = frozenset(
    {"written by", "author", "authors", "by", "geschrieben von", "verfasst von"}
)


def _labelled_twitter_authors(meta: dict[str, list[str]]) -> list[str]:
    """The author named by a Twitter card label/data pair, or an empty list."""
    for number in range(1, 5):
        labels = meta.get(f"twitter:label{number}") or []
        values = meta.get(f"twitter:data{number}") or []
        if labels and values and labels[0].strip().casefold() in _AUTHOR_LABELS:
            return [values[0]]
    return []


def meta_fields(tree: etree._Element, meta: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """Raw article fields from meta and link tags and the <html lang> attribute. ``meta``: the
    page's :func:`collect_meta` when the caller already has it (read once)."""
    if meta is None:
        meta = collect_meta(tree)
    fields: dict[str, Any] = {}
    for name, keys in SCALAR_KEYS.items():
        for key in keys:
            if meta.get(key):
                fields[name] = meta[key][0]
                break

    # Dicts keep the order and answer "seen?" in constant time: a keywords tag can list
    # 100,000 entries, and a list test made that quadratic.
    found_authors: dict[str, None] = {}
    for key in AUTHOR_KEYS:
        for value in meta.get(key, []):
            # article:author is often a profile URL, which names nobody.
            if value.startswith(("http://", "https://", "/")):
                continue
            found_authors.setdefault(value)
        if found_authors:
            break
    authors = list(found_authors)
    if not authors:
        authors = _labelled_twitter_authors(meta)
    found_tags: dict[str, None] = {}
    for key in TAG_KEYS:
        for value in meta.get(key, []):
            for tag in _split_list(value):
                found_tags.setdefault(tag)
        if found_tags:
            break
    tags = list(found_tags)

    if "parsely-page" in meta:
        page = _parsely_page(meta["parsely-page"])
        fields.setdefault("title", page.get("title"))
        fields.setdefault("published", page.get("pub_date"))
        fields.setdefault("section", page.get("section"))
        fields.setdefault("image", page.get("image_url"))
        fields.setdefault("canonical_url", page.get("link"))
        if not authors and isinstance(page.get("authors"), list):
            authors = [a for a in page["authors"] if isinstance(a, str)]
        if not tags and isinstance(page.get("tags"), list):
            tags = [t for t in page["tags"] if isinstance(t, str)]
    fields["authors"] = authors
    fields["tags"] = tags

    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if not href:
            continue
        if "canonical" in rel:
            fields["canonical_url"] = href  # the canonical link beats og:url
        elif "image_src" in rel:
            fields.setdefault("image", href)

    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and lang.strip():
        fields["language"] = lang.strip()
    elif meta.get("og:locale") and "language" not in fields:
        fields["language"] = meta["og:locale"][0].replace("_", "-")
    return {k: v for k, v in fields.items() if v}
