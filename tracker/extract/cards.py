"""Drop teaser cards, related-post lists and calls to action the generic extractor kept.

trafilatura keeps the text of such boxes as ordinary paragraphs and headings when they sit
in the article's container (a "related" list between two sections, a promo box after the
last paragraph); by the time the body is judged nothing tells them from the article's text.
The page knows: they sit in elements whose class or id says what they are ("related-posts",
"post-card", "newsletter-cta"). Their text blocks are collected from the page beforehand, by
the start of their text, as headings.py does for headings; afterwards such blocks go when
they end the body, or when they form a short run between two stretches of the article.
"""

from __future__ import annotations

import re

from lxml import etree

from tracker.extract.body import text_length
from tracker.extract.figures import ANCHOR_MIN_CHARS, anchor_key
from tracker.extract.markdown import Block

# Class or id words of boxes that show other pages or ask the reader to do something.
_CARD_WORDS = (
    "related",
    "post-card",
    "teaser",
    "teasers",
    "promo",
    "cta",
    "recommended",
    "recommendations",
    "more-stories",
    "read-more",
    "readmore",
    "newsletter",
    "upsell",
    "signup",
    "subscribe",
)
_CARD_RE = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(re.escape(w) for w in _CARD_WORDS) + r")(?:$|[\s_-])",
)
# Any of the words anywhere in a name: a cheap first test before _CARD_RE's word boundaries
# (every named element of the page is tested; libxml2's XPath contains() or EXSLT regex
# tests were slower).
_CARD_HINT_RE = re.compile("|".join(re.escape(w) for w in _CARD_WORDS))
_NAMES_XPATH = etree.XPath("//@class|//@id", smart_strings=False)
# A box holding more text than this is a layout container (a theme's "card" around the whole
# article), not a teaser.
CARD_MAX_CHARS = 1500
# A run of card blocks inside the body goes only when it is short beside the body.
CARD_RUN_MAX_SHARE = 0.25
_TEXT_TAGS = ("p", "h2", "h3", "h4", "h5", "li", "blockquote")


def page_cards(tree: etree._Element) -> set[str]:
    """Anchor keys of the text blocks inside card-like boxes of the page.

    Call before the tree goes to the generic extractor, which prunes it.
    """
    keys: set[str] = set()
    # The class and id values that name a card, each value tested once (a page repeats its
    # classes): most of the page's named elements are then passed over by a set lookup.
    # (A name "class id" holds a card word iff its class or its id does.)
    card_names = {
        value
        for value in set(_NAMES_XPATH(tree))
        if _CARD_HINT_RE.search(value.lower()) and _CARD_RE.search(value.lower())
    }
    if not card_names:
        return keys
    # A loop over every element reading two attributes: listing the named ones first with an
    # XPath ("//*[@class or @id]") took twice as long (0.34 -> 0.16 CPU s on the WCXB dev pages).
    for box in tree.iter(etree.Element):
        if box.get("class") not in card_names and box.get("id") not in card_names:
            continue
        if box.tag in ("html", "body", "article", "main"):
            continue
        # A teaser links to its story, a call to action to its form: a box without a link
        # or a button is text the page styles as a box.
        if next(box.iter("a", "button"), None) is None:
            continue
        if _longer_than(box, CARD_MAX_CHARS):
            continue
        for el in box.iter(*_TEXT_TAGS):
            text = el.text_content()
            if len(text.strip()) >= ANCHOR_MIN_CHARS:
                keys.add(anchor_key(text))
    return keys


def _longer_than(el: etree._Element, chars: int) -> bool:
    """Whether an element holds more than ``chars`` characters of text (read lazily: a box
    may hold the whole page)."""
    seen = 0
    for piece in el.itertext():
        seen += len(piece)
        if seen > chars:
            return True
    return False


def _is_card(block: Block, cards: set[str]) -> bool:
    if block.kind in ("image", "caption"):
        return False
    first = block.text.split("\n")[0] if block.kind == "list" else block.text
    return anchor_key(first) in cards


def without_cards(blocks: list[Block], cards: set[str]) -> list[Block]:
    """The body without card blocks at its end or in short runs between article text."""
    if not cards or not blocks:
        return blocks
    flags = [_is_card(b, cards) for b in blocks]
    if not any(flags):
        return blocks
    total = text_length(blocks)
    # A body made of such boxes (a ranked list whose items are set as cards) is the article.
    flagged = sum(len(b.text) for b, f in zip(blocks, flags, strict=True) if f)
    if flagged > CARD_RUN_MAX_SHARE * total:
        return blocks
    drop = [False] * len(blocks)
    # The end: card blocks and what carries no text of its own (headings, images) after the
    # last block of the article.
    end = len(blocks)
    while end > 0 and (flags[end - 1] or blocks[end - 1].kind in ("image", "caption", "heading")):
        end -= 1
    if any(flags[end:]):
        for i in range(end, len(blocks)):
            drop[i] = True
    # Runs in the middle, with article text on both sides.
    i = 0
    while i < end:
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < end and flags[j]:
            j += 1
        run = sum(len(b.text) for b in blocks[i:j])
        if i > 0 and j < end and run <= CARD_RUN_MAX_SHARE * total:
            for k in range(i, j):
                drop[k] = True
        i = j
    if not any(drop):
        return blocks
    # Never leave nothing.
    if all(drop[i] or blocks[i].kind in ("image", "caption") for i in range(len(blocks))):
        return blocks
    return [b for b, d in zip(blocks, drop, strict=True) if not d]
