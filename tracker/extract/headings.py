"""Put back the section headings and lists the generic extractor left out of a body.

trafilatura sometimes keeps an article's paragraphs but none of its <h2>-<h4> headings (on
WCXB's development pages, 3,200 words of headings on 76 of 332 pages: list articles and
guides whose every section has one), and drops bulleted lists between paragraphs it keeps.
Headings and lists are collected from the page beforehand, each with the start of the text
block that follows it (and, for a list, of the paragraph before it); afterwards a heading goes
back in front of its block when the block made it into the body and the heading did not, a
list between its two paragraphs when they follow each other in the body. A heading whose
block was left out stays out with it, as do linked headings (teasers), furniture labels and
lists that are mostly links.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from tracker.extract.body import (
    FURNITURE_MAX_WORDS,
    LINK_DENSITY_LIMITS,
    NUMBERED_RE,
    clean_blocks,
    is_furniture_label,
    norm_text,
)
from tracker.extract.figures import ANCHOR_CHARS, ANCHOR_MIN_CHARS, anchor_key, block_positions
from tracker.extract.markdown import Block, escape_markdown, to_blocks

_HEADING_TAGS = frozenset({"h2", "h3", "h4"})
_LIST_TAGS = frozenset({"ul", "ol"})
# A section heading is a line, not a paragraph set in a heading tag.
HEADING_MAX_WORDS = 20
# Link text share above which a heading is a teaser's headline (another page's title).
HEADING_MAX_LINK_SHARE = 0.5


@dataclass
class PageHeading:
    """A heading or list of the page, as a block, with the keys of its neighbour text blocks.

    ``anchor`` is the key of the text block that follows it; ``after``, for a list, the key of
    the one before it (a heading needs none). ``order`` is its place in the page.
    """

    block: Block
    anchor: str
    after: str | None = None
    order: int = 0


def _heading_text(el: etree._Element) -> str | None:
    text = " ".join(el.text_content().split())
    words = len(text.split())
    if not text or words > HEADING_MAX_WORDS:
        return None
    linked = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    # A numbered heading linking to its subject heads an item of a ranked list ("2. Stanford
    # GSB"); other linked headings are teasers.
    if linked > HEADING_MAX_LINK_SHARE * len(text) and not NUMBERED_RE.match(text):
        return None
    return text


def _block_start(el: etree._Element) -> str | None:
    """The text of the first text block an element is or opens with, or None."""
    if el.tag in ("p", "blockquote"):
        first: etree._Element | None = el
    elif el.tag in _LIST_TAGS:
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


def _neighbour(el: etree._Element, skip: frozenset[str], preceding: bool = False) -> str | None:
    """The key of the text block next to ``el`` (before it with ``preceding``), past siblings
    that show no text (an image, an empty ad slot) and those whose tag is in ``skip``."""
    for sibling in el.itersiblings(preceding=preceding):
        if not isinstance(sibling.tag, str) or sibling.tag in skip or not _shows_text(sibling):
            continue
        if preceding:
            if sibling.tag not in ("p", "blockquote"):
                return None
            text = sibling.text_content()
            return anchor_key(text) if len(text) >= ANCHOR_MIN_CHARS else None
        start = _block_start(sibling)
        return anchor_key(start) if start else None
    return None


def page_headings(tree: etree._Element, base_url: str = "") -> list[PageHeading]:
    """Headings (h2-h4) directly followed by a text block, and lists between two paragraphs.

    Directly: the next sibling element with text (past a run of headings, "h2, h3, p") opens
    with the block. A list counts when the paragraphs on either side of it (past headings and
    other lists: "p, h3, ul, h3, ul, p") are found, and it is not mostly links. Call before
    the tree goes to the generic extractor, which prunes it.
    """
    found: list[PageHeading] = []
    for order, el in enumerate(tree.iter(*_HEADING_TAGS, *_LIST_TAGS)):
        if el.tag in _HEADING_TAGS:
            anchor = _neighbour(el, _HEADING_TAGS)
            text = _heading_text(el) if anchor else None
            if anchor and text:
                block = Block("heading", "### " + escape_markdown(text), text)
                found.append(PageHeading(block, anchor, order=order))
            continue
        parent = el.getparent()
        # A nested list goes with its parent; a list with no paragraph beside it (menus)
        # cannot be between two.
        if parent is None or parent.tag == "li" or parent.find("p") is None:
            continue
        skip = _HEADING_TAGS | _LIST_TAGS
        anchor = _neighbour(el, skip)
        after = _neighbour(el, skip, preceding=True) if anchor else None
        if not anchor or not after:
            continue
        blocks = to_blocks(el, base_url)
        if (
            len(blocks) == 1
            and blocks[0].kind == "list"
            and blocks[0].link_density <= LINK_DENSITY_LIMITS["list"]
        ):
            found.append(PageHeading(blocks[0], anchor, after, order))
    return found


def with_headings(blocks: list[Block], headings: list[PageHeading]) -> list[Block]:
    """The body with the missing headings and lists back where they were on the page.

    A heading goes in front of the block it headed (a block after the first: a heading above
    the first block is the page's or a header's, not a section's); a list goes between the
    two paragraphs it stood between when they follow each other in the body.
    """
    if not headings or not blocks:
        return blocks
    position = block_positions(blocks)
    before: dict[int, list[tuple[int, Block]]] = {}
    # Lists first: a heading may head a list put back.
    inserted: dict[str, int] = {}
    present: set[str] | None = None  # normalised texts of the body's blocks, when needed
    for item in headings:
        if item.after is None:
            continue
        found = position.get(item.anchor)
        first_line = anchor_key(item.block.text.split("\n")[0])
        if not found or position.get(item.after) != found - 1 or first_line in position:
            continue
        if not clean_blocks([item.block]):
            continue  # a promotion set as a list ("Get our app: ...")
        inserted.setdefault(first_line, found)
        before.setdefault(found, []).append((item.order, item.block))
    for item in headings:
        if item.after is not None:
            continue
        found = position.get(item.anchor) or inserted.get(item.anchor)
        if not found:  # None, or the first block
            continue
        text = item.block.text
        if blocks[found - 1].text == text:
            continue  # there already, the usual case: no need to normalise every block
        if present is None:
            present = {norm_text(b.text) for b in blocks if b.kind not in ("image", "caption")}
        key = norm_text(text)
        if not key or key in present:
            continue
        if len(key.split()) <= FURNITURE_MAX_WORDS and is_furniture_label(text):
            continue
        present.add(key)
        before.setdefault(found, []).append((item.order, item.block))
    if not before:
        return blocks
    out: list[Block] = []
    for index, block in enumerate(blocks):
        out.extend(b for _, b in sorted(before.get(index, ()), key=lambda pair: pair[0]))
        out.append(block)
    return out
