"""Generic article body extraction: trafilatura's main-content finder, then our own cleaning.

trafilatura finds the article in the page; its XML result is turned into Markdown blocks
(markdown.py), and blocks that are furniture rather than article are dropped: the headline
repeated at the top, bylines and datelines, "read more" / "related" / newsletter / share lines,
"last updated" stamps, credits, and pull quotes that repeat the text. When trafilatura finds
nothing, readability-lxml gets a second try.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from copy import deepcopy

from lxml import etree

from tracker.extract.markdown import Block, to_blocks

logger = logging.getLogger(__name__)

# Short lines that are page furniture, in the languages the tracker meets most.
_FURNITURE_RE = re.compile(
    r"^\W*(?:read (?:more|next|also)|related(?: articles| stories| content| coverage)?|"
    r"see also|more from|more on this|recommended(?: for you)?|share (?:this|on|via)|"
    r"follow us|sign up|subscribe|newsletter|advertisement|sponsored|"
    r"last updated|updated:?|published:?|first published|click here|watch:|listen:|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|weiterlesen|anzeige|werbung|"
    r"zuletzt aktualisiert|aktualisiert am|lire aussi|à lire aussi|leer más|lee también|"
    r"te puede interesar|leggi anche|les også|läs även|les mer)\b",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"^(?:by|von|par|por|di|de|af|av)\s+\S+(?:\s+\S+){0,6}$", re.IGNORECASE)
_CREDIT_RE = re.compile(
    r"^(?:©|\(c\)|copyright\b|photo:|foto:|bild:|image:|credit:|getty images\b)|"
    r"(?:getty images|afp|reuters|dpa|imago(?: images)?|picture[ -]alliance|shutterstock|"
    r"istock(?:photo)?|keystone|ap photo|epa)\W*$",
    re.IGNORECASE,
)
# Link text share above which a block is navigation or a teaser list, not prose.
MAX_LINK_DENSITY = 0.5
_WORD_RE = re.compile(r"\w+")
FURNITURE_MAX_WORDS = 12


def _norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold()))


def _shingle_set(text: str, n: int = 4) -> set[tuple[str, ...]]:
    toks = _WORD_RE.findall(text.casefold())
    if len(toks) < n:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def clean_blocks(blocks: list[Block], title: str | None = None) -> list[Block]:
    """Drop furniture blocks from an extracted body (see the module docstring)."""
    title_norm = _norm(title) if title else ""
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if block.kind == "image":
            kept.append(block)
            continue
        text = block.text
        words = len(_WORD_RE.findall(text))
        norm = _norm(text)
        if not norm:
            continue
        # The headline repeated at the top of the body.
        if title_norm and index < 4 and norm == title_norm:
            continue
        if block.link_density > MAX_LINK_DENSITY and block.kind in ("paragraph", "list", "heading"):
            continue
        if words <= FURNITURE_MAX_WORDS and block.kind in ("paragraph", "heading", "caption"):
            if _FURNITURE_RE.match(text) or _CREDIT_RE.match(text):
                continue
            if index < 4 and _BYLINE_RE.match(text):
                continue
        kept.append(block)

    # Identical blocks (a teaser repeated as the first paragraph, doubled captions).
    seen: set[str] = set()
    unique: list[Block] = []
    for block in kept:
        key = _norm(block.text)
        if block.kind != "image" and key in seen:
            continue
        seen.add(key)
        unique.append(block)

    # Pull quotes and highlight boxes that repeat sentences of the article.
    counts: Counter[tuple[str, ...]] = Counter()
    shingles = [_shingle_set(b.text) for b in unique]
    for s in shingles:
        counts.update(s)
    result: list[Block] = []
    for block, s in zip(unique, shingles, strict=True):
        if block.kind in ("quote", "paragraph", "list") and len(s) >= 3:
            repeated = sum(1 for sh in s if counts[sh] > 1)
            if repeated / len(s) >= 0.6 and block.kind == "quote":
                for sh in s:
                    counts[sh] -= 1
                continue
        result.append(block)
    # Images left dangling at the end are usually the next story's teaser.
    while result and result[-1].kind in ("image", "caption"):
        result.pop()
    return result


def trafilatura_blocks(tree: etree._Element, url: str) -> list[Block]:
    """The body trafilatura finds, as Markdown blocks (no cleaning)."""
    from trafilatura import bare_extraction

    try:
        document = bare_extraction(
            tree,
            url=url or None,
            include_comments=False,
            include_tables=True,
            # Images change which parts trafilatura keeps, for the worse (F1 -0.01).
            include_images=False,
            include_links=True,
            include_formatting=True,
            with_metadata=False,
        )
    except Exception:  # trafilatura raises assorted errors on odd trees; never fatal here
        logger.warning("trafilatura failed on %s", url, exc_info=True)
        return []
    body = getattr(document, "body", None)
    if body is None:
        return []
    return to_blocks(body, url, drop_boilerplate=False)


def readability_blocks(tree: etree._Element, url: str) -> list[Block]:
    """The body readability-lxml finds, as Markdown blocks (no cleaning)."""
    import lxml.html
    from readability import Document

    try:
        html = lxml.html.tostring(tree, encoding="unicode")
        summary = Document(html, url=url or None).summary(html_partial=True)
        root = lxml.html.fromstring(summary) if summary and summary.strip() else None
    except Exception:  # readability raises Unparseable and lxml errors on odd pages
        logger.warning("readability failed on %s", url, exc_info=True)
        return []
    return to_blocks(root, url)


def text_length(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks if b.kind not in ("image", "caption"))


def generic_blocks(tree: etree._Element, url: str, title: str | None = None) -> list[Block]:
    """Best generic body for a parsed page: trafilatura, readability when it finds nothing."""
    blocks = clean_blocks(trafilatura_blocks(tree, url), title)
    if text_length(blocks) < 200:
        fallback = clean_blocks(readability_blocks(deepcopy(tree), url), title)
        if text_length(fallback) > text_length(blocks):
            logger.debug("readability fallback used for %s", url)
            return fallback
    return blocks
