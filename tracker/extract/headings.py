"""Put back the section headings the generic extractor left out of a body.

trafilatura sometimes keeps an article's paragraphs but none of its <h2>-<h4> headings (on
WCXB's development pages, 3,200 words of headings on 76 of 332 pages: list articles and
guides whose every section has one). Headings are collected from the page beforehand, each
with the start of the text block that follows it; afterwards each goes back in front of that
block when the block made it into the body and the heading did not. A heading whose block
was left out stays out with it, as do linked headings (teasers) and furniture labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from tracker.extract.body import FURNITURE_MAX_WORDS, is_furniture_label, norm_text
from tracker.extract.figures import ANCHOR_CHARS, ANCHOR_MIN_CHARS, anchor_key
from tracker.extract.markdown import Block, escape_markdown

_HEADING_TAGS = frozenset({"h2", "h3", "h4"})
# A section heading is a line, not a paragraph set in a heading tag.
HEADING_MAX_WORDS = 20
# Link text share above which a heading is a teaser's headline (another page's title).
HEADING_MAX_LINK_SHARE = 0.5


@dataclass
class PageHeading:
    """A heading of the page and the key of the text block that follows it."""

    text: str
    anchor: str


def _heading_text(el: etree._Element) -> str | None:
    text = " ".join(el.text_content().split())
    words = len(text.split())
    if not text or words > HEADING_MAX_WORDS:
        return None
    linked = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    if linked > HEADING_MAX_LINK_SHARE * len(text):
        return None
    return text


def _block_start(el: etree._Element) -> str | None:
    """The text of the first text block an element is or opens with, or None."""
    if el.tag in ("p", "blockquote"):
        first: etree._Element | None = el
    elif el.tag in ("ul", "ol"):
        first = next(el.iter("li"), None)
    elif el.tag in ("div", "section"):
        first = next(el.iter("p", "li"), None)
    else:
        return None
    if first is None:
        return None
    text = first.text_content()
    if len(text) < ANCHOR_MIN_CHARS:
        return None
    # A container must open with that block: text before it (a teaser's headline) is not
    # under the heading.
    if first is not el and not _opening(el, ANCHOR_CHARS).startswith(anchor_key(text)):
        return None
    return text


def _opening(el: etree._Element, chars: int) -> str:
    """The first ``chars`` characters of an element's text, whitespace-collapsed (lazily:
    a container may hold the whole article)."""
    parts: list[str] = []
    seen = 0
    for piece in el.itertext():
        parts.append(piece)
        seen += len(piece)
        if seen > 2 * chars:
            break
    return " ".join("".join(parts).split())[:chars]


def _shows_text(el: etree._Element) -> bool:
    return any(piece.strip() for piece in el.itertext())


def page_headings(tree: etree._Element) -> list[PageHeading]:
    """Headings (h2-h4) directly followed by a text block, each with the block's key.

    Directly: the next sibling element with text (or the next after a run of headings,
    "h2, h3, p") opens with the block. Call before the tree goes to the generic extractor,
    which prunes it.
    """
    headings: list[PageHeading] = []
    for el in tree.iter(*_HEADING_TAGS):
        sibling = el.getnext()
        # Skip what shows no text (an image, an empty ad slot) and the headings under this one.
        while sibling is not None and (
            not isinstance(sibling.tag, str)
            or sibling.tag in _HEADING_TAGS
            or not _shows_text(sibling)
        ):
            sibling = sibling.getnext()
        start = _block_start(sibling) if sibling is not None else None
        text = _heading_text(el) if start else None
        if start and text:
            headings.append(PageHeading(text, anchor_key(start)))
    return headings


def with_headings(blocks: list[Block], headings: list[PageHeading]) -> list[Block]:
    """The body with each missing heading back in front of the block it headed on the page.

    Only in front of a block after the first: a heading above the first block is the page's
    or a header's, not a section's.
    """
    if not headings or not blocks:
        return blocks
    position: dict[str, int] = {}
    present: set[str] = set()
    for index, block in enumerate(blocks):
        if block.kind in ("image", "caption"):
            continue
        present.add(norm_text(block.text))
        for line in block.text.split("\n") if block.kind == "list" else [block.text]:
            position.setdefault(anchor_key(line), index)
    before: dict[int, list[Block]] = {}
    for heading in headings:
        found = position.get(heading.anchor)
        if not found:  # None, or the first block
            continue
        key = norm_text(heading.text)
        if not key or key in present:
            continue
        if len(key.split()) <= FURNITURE_MAX_WORDS and is_furniture_label(heading.text):
            continue
        present.add(key)
        markdown = "### " + escape_markdown(heading.text)
        before.setdefault(found, []).append(Block("heading", markdown, heading.text))
    if not before:
        return blocks
    out: list[Block] = []
    for index, block in enumerate(blocks):
        out.extend(before.get(index, ()))
        out.append(block)
    return out
