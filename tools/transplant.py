"""Serve one real article's text under another real page's template: syndicated copies for tests
and for bench/stories.py, made from real pages only.

An agency story republished by another outlet is the agency's text inside the other outlet's page:
its header, navigation, related links, footer, its own way of marking up paragraphs. To build such
a copy from two real captured pages, :func:`transplant` takes the *host* page, removes its own
article paragraphs (found by extracting the host with the tracker's extractor and matching the
extracted paragraphs back to elements), puts the *guest* article's paragraphs in their place and
the guest's headline in the title, h1, og:title, twitter:title and JSON-LD headline (JSON-LD
``articleBody`` goes: it would carry the host's text).

The result is checked by extracting it again: when more than ``MAX_LEAK`` of the extracted text
is the host's own article (a page whose body could not be emptied), :func:`transplant` returns
None and the caller skips that host.

:func:`edited` applies the edits republishers make: a rewritten headline, the last paragraph
trimmed, a local paragraph added (taken from a third real article by the caller).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

import lxml.html
from lxml import etree

from tracker.extract import extract_article
from tracker.processing.stories import shingles

MAX_LEAK = 0.1
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "figcaption", "div", "span")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def article_paragraphs(html: str, url: str) -> tuple[str | None, list[str]]:
    """The title and the text paragraphs the tracker's extractor finds on a page."""
    fields = extract_article(html, url).fields
    text = fields.get("text") or ""
    return fields.get("title"), [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def _matches(element_text: str, paragraphs: set[str], prefixes: set[str]) -> bool:
    text = _norm(element_text)
    if not text:
        return False
    return text in paragraphs or (len(text) >= 40 and text[:40] in prefixes)


def replace_title(tree: etree._Element, new_title: str) -> None:
    """Put ``new_title`` wherever a page states its headline (title, h1, meta, JSON-LD)."""
    for el in tree.iter("title", "h1"):
        for child in list(el):
            el.remove(child)
        el.text = new_title
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").lower()
        if key in ("og:title", "twitter:title", "parsely-title", "title", "dc.title"):
            el.set("content", new_title)
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            script.getparent().remove(script)
            continue
        script.text = json.dumps(_retitled(data, new_title))


def _retitled(data: object, title: str) -> object:
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key == "articleBody":
                continue
            out[key] = (
                title
                if key in ("headline", "name", "alternativeHeadline")
                and isinstance(value, str)
                and data.get("@type") not in ("Organization", "Person", "WebSite")
                else _retitled(value, title)
            )
        return out
    if isinstance(data, list):
        return [_retitled(v, title) for v in data]
    return data


@dataclass
class Copy:
    """A transplanted page and what the tracker's extractor reads from it."""

    html: str
    title: str | None
    text: str


def transplant_page(
    host_html: str,
    host_url: str,
    title: str,
    paragraphs: Sequence[str],
    serve_url: str | None = None,
    host_paragraphs: Sequence[str] | None = None,
) -> Copy | None:
    """The host page with its article replaced by ``title`` and ``paragraphs`` (see the module
    docstring), with its extracted title and text; None when the host's own text cannot be
    removed cleanly. ``host_paragraphs`` saves extracting the host again."""
    if host_paragraphs is None:
        _, host_paragraphs = article_paragraphs(host_html, host_url)
    if len(host_paragraphs) < 2:
        return None
    wanted = {_norm(p) for p in host_paragraphs}
    prefixes = {w[:40] for w in wanted if len(w) >= 40}
    tree = lxml.html.document_fromstring(host_html)
    marked: list[etree._Element] = []
    for el in tree.iter(*_BLOCK_TAGS):
        if any(a in marked for a in el.iterancestors()):
            continue
        if el.tag in ("div", "span") and len(el):
            continue  # only leaf divs and spans: a container holds more than one paragraph
        if _matches(el.text_content(), wanted, prefixes):
            marked.append(el)
    if not marked:
        return None
    container = marked[0].getparent()
    position = container.index(marked[0])
    for el in marked:
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        previous = el.getprevious()
        parent.remove(el)
        if tail and tail.strip():
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    position = min(position, len(container))
    for offset, para in enumerate(paragraphs):
        node = lxml.html.fragment_fromstring(f"<p>{html_lib.escape(para)}</p>")
        container.insert(position + offset, node)
    replace_title(tree, title)
    result = lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>")
    # Check: the copy's extracted text must be the guest's, not the host's.
    got_title, got = article_paragraphs(result, serve_url or host_url)
    text = "\n\n".join(got)
    got_shingles = shingles(text)
    host_only = shingles("\n".join(host_paragraphs)) - shingles("\n".join(paragraphs))
    if not got_shingles or len(got_shingles & host_only) > MAX_LEAK * len(got_shingles):
        return None
    return Copy(result, got_title, text)


def transplant(
    host_html: str,
    host_url: str,
    title: str,
    paragraphs: Sequence[str],
    serve_url: str | None = None,
) -> str | None:
    """The transplanted page's HTML (:func:`transplant_page`), or None."""
    made = transplant_page(host_html, host_url, title, paragraphs, serve_url)
    return made.html if made else None


@dataclass(frozen=True)
class Edit:
    """The edits a republisher made to a story."""

    name: str
    retitle: bool = False
    trim_last: bool = False
    add_local: bool = False


EDITS = (
    Edit("template"),
    Edit("headline", retitle=True),
    Edit("trimmed", trim_last=True),
    Edit("local_paragraph", add_local=True),
    Edit("all", retitle=True, trim_last=True, add_local=True),
)


def retitled(title: str) -> str:
    """A republisher's headline: the agency's words, reordered around a colon or cut short,
    and in title case, as desks do ("Storms hit Gauteng" -> "Gauteng: Storms Hit ...")."""
    words = title.split()
    if len(words) >= 6:
        cut = words[: max(4, len(words) * 2 // 3)]
        return " ".join(w[:1].upper() + w[1:] for w in cut) + " – report"
    return "UPDATE: " + title


def edited(
    title: str, paragraphs: Sequence[str], edit: Edit, local: str | None
) -> tuple[str, list[str]]:
    """``title`` and ``paragraphs`` after ``edit``; ``local`` is the added paragraph."""
    out = list(paragraphs)
    if edit.trim_last and len(out) > 2:
        out = out[:-1]
    if edit.add_local and local:
        out.insert(min(2, len(out)), local)
    return (retitled(title) if edit.retitle else title), out


def paragraph_element(tree: etree._Element, paragraph: str) -> etree._Element | None:
    """The element of a page that holds an extracted paragraph (matched on its first 40
    characters), or None."""
    wanted = _norm(paragraph)[:40]
    for el in tree.iter("p", "li", "div"):
        if el.tag == "div" and len(el):
            continue
        if _norm(el.text_content()).startswith(wanted):
            return el
    return None
