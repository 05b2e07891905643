"""The page text right before and after an element (the headline), in reading order.

The dateline and the byline sit next to the headline; walking outwards from it, lazily and
within a character budget, finds them without a pass over the whole page.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

# Subtrees whose text is never shown as text.
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "select", "option"})


def text_of(el: etree._Element) -> str:
    """``el.text_content()``: every text below ``el`` (its tail excluded), as the XPath string
    value. lxml's text serialiser gives the same string (both read libxml2's node content) in
    about half the CPU time, without an XPath evaluation per call."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def element_texts(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Text and tail strings under ``root`` (its own tail excluded), in document order, each
    with the element it belongs to; script, style and similar subtrees skipped."""
    skipping = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS:
                skipping += 1
            elif not skipping and el.text:
                yield el.text, el
        else:
            if tag in _SKIP_TAGS:
                skipping -= 1
            if not skipping and el is not root and el.tail:
                yield el.tail, el.getparent() if el.getparent() is not None else el


def texts_after(start: etree._Element, budget: int) -> Iterator[tuple[str, etree._Element]]:
    """Text following ``start`` (not inside it) in document order, up to ``budget`` characters."""
    used = 0
    node: etree._Element | None = start
    while node is not None and used < budget:
        parent = node.getparent()
        if node.tail and node.tail.strip():
            used += len(node.tail.strip())
            yield node.tail, parent if parent is not None else node
        for sibling in node.itersiblings():
            if not isinstance(sibling.tag, str) or sibling.tag in _SKIP_TAGS:
                if sibling.tail and sibling.tail.strip():
                    used += len(sibling.tail.strip())
                    yield sibling.tail, parent if parent is not None else sibling
                continue
            for text, el in element_texts(sibling):
                if text.strip():
                    used += len(text.strip())
                    yield text, el
                    if used >= budget:
                        return
            if sibling.tail and sibling.tail.strip():
                used += len(sibling.tail.strip())
                yield sibling.tail, parent if parent is not None else sibling
            if used >= budget:
                return
        node = parent
        if node is not None and node.tag in ("body", "html"):
            return


def _reversed_texts(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Text and tail strings under ``root`` (its own tail excluded), last first: lazily, so
    that only the end of a large subtree (a site header's menus) is ever visited."""
    for child in reversed(root):
        parent = child.getparent()
        if child.tail and child.tail.strip():
            yield child.tail, parent if parent is not None else child
        if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
            yield from _reversed_texts(child)
    if root.text and root.text.strip():
        yield root.text, root


def texts_before(start: etree._Element, budget: int) -> list[tuple[str, etree._Element]]:
    """Text preceding ``start`` in document order (nearest last), up to ``budget`` characters."""
    found: list[tuple[str, etree._Element]] = []
    used = 0
    node: etree._Element | None = start
    while node is not None and used < budget:
        parent = node.getparent()
        for sibling in node.itersiblings(preceding=True):
            if sibling.tail and sibling.tail.strip():
                found.append((sibling.tail, parent if parent is not None else sibling))
                used += len(sibling.tail.strip())
            if isinstance(sibling.tag, str) and sibling.tag not in _SKIP_TAGS:
                for text, el in _reversed_texts(sibling):
                    found.append((text, el))
                    used += len(text.strip())
                    if used >= budget:
                        break
            if used >= budget:
                break
        if used < budget and parent is not None and parent.text and parent.text.strip():
            found.append((parent.text, parent))
            used += len(parent.text.strip())
        node = parent
        if node is not None and node.tag in ("body", "html"):
            break
    found.reverse()
    return found
