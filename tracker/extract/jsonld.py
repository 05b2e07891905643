"""Article metadata from JSON-LD (schema.org NewsArticle and relatives, @graph included)."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

logger = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "techarticle",
        "scholarlyarticle",
        "report",
        "advertisercontentarticle",
        "medicalscholarlyarticle",
        "creativework",
    }
)
# Article types only news publishers use: their headline is edited like the printed one.
NEWS_TYPES = frozenset(t for t in ARTICLE_TYPES if t.endswith("newsarticle"))
# Pages without an Article object sometimes describe themselves as a WebPage with dates.
PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "medicalwebpage"})
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    if isinstance(value, str):
        return {value.rsplit("/", 1)[-1].lower()}
    if isinstance(value, list):
        return {v.rsplit("/", 1)[-1].lower() for v in value if isinstance(v, str)}
    return set()


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield item
            for key in ("@graph", "mainEntity", "itemListElement", "hasPart"):
                if isinstance(item.get(key), list | dict):
                    stack.append(item[key])


_CDATA_OPEN_RE = re.compile(r"^(?://|/\*)?\s*<!\[CDATA\[\s*(?:\*/)?")
_CDATA_CLOSE_RE = re.compile(r"(?://|/\*)?\s*\]\]>\s*(?:\*/)?$")


def _load(text: str) -> Any:
    text = text.strip()
    if text.startswith("<!--"):
        text = text.removeprefix("<!--").removesuffix("-->").strip()
    # XHTML-era wrappers ("//<![CDATA[ ... //]]>", Krautreporter's pages) hide the JSON.
    if _CDATA_OPEN_RE.match(text):
        text = _CDATA_CLOSE_RE.sub("", _CDATA_OPEN_RE.sub("", text)).strip()
    if text.endswith(";"):
        text = text[:-1]
    try:
        return json.loads(text, strict=False)
    except RecursionError:
        # Nested deeper than Python's recursion limit: hostile or broken, never an article.
        logger.debug("JSON-LD block nested too deep, skipped")
        return None
    except ValueError:
        # Raw control characters and stray trailing commas are common in hand-made JSON-LD.
        cleaned = re.sub(r",\s*([}\]])", r"\1", _CONTROL_RE.sub(" ", text))
        try:
            return json.loads(cleaned, strict=False)
        except (ValueError, RecursionError):
            logger.debug("unparsable JSON-LD block skipped")
            return None


def jsonld_objects(tree: etree._Element) -> list[dict[str, Any]]:
    """Every JSON object found in the page's ld+json scripts (graphs flattened)."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind or not script.text:
            continue
        data = _load(script.text)
        if data is not None:
            objects.extend(_walk(data))
    return objects


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        # WordPress (Yoast) and others write HTML entities into JSON-LD strings ("&#8216;"),
        # some escaped twice ("&amp;#8230;").
        for _ in range(2):
            if "&" in value:
                value = html.unescape(value)
        value = value.strip()
        return value or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value"))
    if isinstance(value, list):
        for item in value:
            text = _text(item)
            if text:
                return text
    return None


def _names(value: Any) -> list[str]:
    """Author names from a string, a Person/Organization object, or a list of them."""
    if value is None:
        return []
    if isinstance(value, list):
        names: dict[str, None] = {}  # ordered, constant-time "seen?" (long lists: see _keywords)
        for item in value:
            for found in _names(item):
                names.setdefault(found)
        return list(names)
    if isinstance(value, dict):
        name: Any = value.get("name")
        if isinstance(name, list):
            return _names(name)
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{value.get('givenName') or ''} {value.get('familyName') or ''}"
        given = _text(name)
        return [given] if given else []
    text = _text(value)
    if not text or text.startswith(("http://", "https://")):
        return []
    return [text]


def _url(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _url(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, list):
        for item in value:
            url = _url(item)
            if url:
                return url
    return None


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()]
    if isinstance(value, list):
        # A dict keeps the order and answers "seen?" in constant time (a list test made
        # 100,000 keywords take minutes).
        out: dict[str, None] = {}
        for item in value:
            for k in _keywords(item) if isinstance(item, str) else [_text(item) or ""]:
                if k:
                    out.setdefault(k)
        return list(out)
    return []


def _pick_article(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    if not articles:
        return None
    # Prefer a real article type over a bare CreativeWork, and one with a headline.
    return max(
        articles,
        key=lambda o: (
            bool(_types(o) - {"creativework"}),
            bool(o.get("headline")),
            bool(o.get("articleBody")),
        ),
    )


def _merge_twins(article: dict[str, Any], objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The article completed from other article objects with the same headline: some sites
    (Rolling Stone) describe one story twice and split the properties between the two."""
    headline = _text(article.get("headline"))
    if not headline:
        return article
    merged = dict(article)
    for other in objects:
        if other is article or not (_types(other) & ARTICLE_TYPES):
            continue
        if _text(other.get("headline")) != headline:
            continue
        for key, value in other.items():
            if value and not merged.get(key):
                merged[key] = value
    return merged


def _resolve_references(article: dict[str, Any], objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The article with ``{"@id": ...}`` references (Yoast's @graph style) replaced by the
    objects they name, for the fields read from other nodes (author, image, publisher)."""
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}
    if not by_id:
        return article

    def resolve(value: Any) -> Any:
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if isinstance(value, dict) and set(value) == {"@id"}:
            return by_id.get(value["@id"], value)
        return value

    resolved = dict(article)
    for key in ("author", "creator", "image", "thumbnailUrl", "publisher"):
        if key in resolved:
            resolved[key] = resolve(resolved[key])
    return resolved


def jsonld_fields(
    tree: etree._Element, objects: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Raw article fields from JSON-LD; also ``body_text`` (articleBody) when present and
    ``article_type``, the schema.org type of the article object (lower-cased). ``objects``:
    the page's :func:`jsonld_objects` when the caller already has them (parsed once)."""
    if objects is None:
        objects = jsonld_objects(tree)
    if not objects:
        return {}
    fields: dict[str, Any] = {}
    article = _pick_article(objects)
    if article is not None:
        article = _resolve_references(_merge_twins(article, objects), objects)
        # Which kind of article the page declares (NewsArticle, BlogPosting, ...).
        fields["article_type"] = sorted(_types(article) & ARTICLE_TYPES)[0]
        fields["title"] = _text(article.get("headline")) or _text(article.get("name"))
        fields["authors"] = _names(article.get("author")) or _names(article.get("creator"))
        fields["published"] = _text(article.get("datePublished")) or _text(
            article.get("dateCreated")
        )
        fields["modified"] = _text(article.get("dateModified"))
        fields["description"] = _text(article.get("description"))
        fields["section"] = _text(article.get("articleSection"))
        fields["tags"] = _keywords(article.get("keywords"))
        fields["image"] = _url(article.get("image")) or _url(article.get("thumbnailUrl"))
        fields["language"] = _text(article.get("inLanguage"))
        fields["canonical_url"] = _url(article.get("mainEntityOfPage")) or _url(article.get("url"))
        publisher = article.get("publisher")
        fields["site_name"] = _text(publisher) if isinstance(publisher, dict | list) else None
        body = article.get("articleBody")
        if isinstance(body, str) and body.strip():
            fields["body_text"] = body.strip()
    else:
        # No article object: a WebPage may still carry dates (NASA's Rank Math graph does).
        pages = [o for o in objects if _types(o) & PAGE_TYPES]
        if pages:
            fields["published"] = _text(pages[0].get("datePublished"))
            fields["modified"] = _text(pages[0].get("dateModified"))
    if not fields.get("site_name"):
        for obj in objects:
            if _types(obj) & {"newsmediaorganization", "organization", "website"}:
                fields["site_name"] = _text(obj.get("name"))
                if fields["site_name"]:
                    break
    return {k: v for k, v in fields.items() if v}
