"""Put the article's figures (image, caption, credit) back into a generic body.

The generic extractor runs without images (they make it keep the wrong parts of a page), so
its Markdown would have none. Figures are collected from the page beforehand, each with the
text block it follows; afterwards each goes back after that block when the block made it
into the body. Figures before the first or after the last body block (page furniture, the
lead image shown in the header) stay out. Captions are Markdown only: the plain text view
leaves them out (markdown.join_text).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from tracker.extract.markdown import Block, to_blocks
from tracker.extract.nearby import text_of

ANCHOR_CHARS = 60
ANCHOR_MIN_CHARS = 25
_TEXT_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")


@dataclass
class PageFigure:
    """A figure of the page as Markdown blocks, and the text block that precedes it."""

    anchor: str
    blocks: list[Block]


def anchor_key(text: str) -> str:
    """The start of a text block, whitespace-collapsed: how figures find their place."""
    return " ".join(text.split())[:ANCHOR_CHARS]


def page_figures(tree: etree._Element, base_url: str) -> list[PageFigure]:
    """Figures with an image, in page order, each with the key of the text block before it.

    Call before the tree goes to the generic extractor, which prunes it.
    """
    if next(tree.iter("figure"), None) is None:
        return []
    figures: list[PageFigure] = []
    anchor = ""
    seen: set[str] = set()
    for el in tree.iter(*_TEXT_TAGS, "figure"):
        if el.tag != "figure":
            text = text_of(el)
            if len(text) >= ANCHOR_MIN_CHARS:
                anchor = anchor_key(text)
            continue
        if not anchor or next(el.iter("img"), None) is None:
            continue
        blocks = to_blocks(el, base_url)
        if not blocks or blocks[0].kind != "image" or blocks[0].markdown in seen:
            continue
        if len(blocks) == 1 and blocks[0].markdown.startswith("![]"):
            continue  # neither alt text nor caption: an avatar or an icon, not a figure
        seen.add(blocks[0].markdown)
        figures.append(PageFigure(anchor, blocks))
    return figures


def block_positions(blocks: list[Block]) -> dict[str, int]:
    """Where each text block of a body starts, by anchor key (each item of a list too): the
    index of the first block with that key. Images and captions are not anchors."""
    position: dict[str, int] = {}
    for index, block in enumerate(blocks):
        if block.kind in ("image", "caption"):
            continue
        for line in block.text.split("\n") if block.kind == "list" else [block.text]:
            position.setdefault(anchor_key(line), index)
    return position


def with_figures(blocks: list[Block], figures: list[PageFigure]) -> list[Block]:
    """The body with each figure after the block it followed on the page."""
    if not figures or not blocks:
        return blocks
    position = block_positions(blocks)
    last = len(blocks) - 1
    after: dict[int, list[Block]] = {}
    for figure in figures:
        found = position.get(figure.anchor)
        # After the last block the page has moved on to other things.
        if found is not None and found < last:
            after.setdefault(found, []).extend(figure.blocks)
    if not after:
        return blocks
    out: list[Block] = []
    for index, block in enumerate(blocks):
        out.append(block)
        out.extend(after.get(index, ()))
    return out
