"""Sitemap, sitemap index and Google News sitemap parsing (lxml, no entity resolution)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from tracker.extract.types import FeedEntry


class SitemapError(ValueError):
    """The document is not a sitemap we can read."""


@dataclass
class SitemapPage:
    """What one sitemap document lists: article entries, or child sitemaps (an index)."""

    entries: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[tuple[str, str | None]] = field(default_factory=list)  # (url, lastmod)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(node: etree._Element, name: str, deep: bool = True) -> str | None:
    for child in node.iter() if deep else node:
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_sitemap(body: bytes, max_entries: int = 50_000) -> SitemapPage:
    """Parse a sitemap (urlset) or sitemap index. At most ``max_entries`` entries are read
    (the sitemap protocol's own limit), so a hostile sitemap cannot exhaust memory."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, recover=True, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(body.lstrip(), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not a readable sitemap: {exc}") from exc
    if root is None:
        raise SitemapError("not a readable sitemap: empty document")
    kind = _local(root.tag)
    page = SitemapPage()
    if kind == "sitemapindex":
        for node in root:
            if _local(node.tag) != "sitemap":
                continue
            loc = _child_text(node, "loc", deep=False)
            if loc:
                page.sitemaps.append((loc, _child_text(node, "lastmod", deep=False)))
            if len(page.sitemaps) >= max_entries:
                break
        return page
    if kind != "urlset":
        raise SitemapError(f"not a sitemap (root element <{kind}>)")
    for node in root:
        if _local(node.tag) != "url":
            continue
        # Direct children only: <image:image> has a <loc> of its own.
        loc = _child_text(node, "loc", deep=False)
        if not loc:
            continue
        keywords = _child_text(node, "keywords")
        lastmod = _child_text(node, "lastmod", deep=False)
        image = None
        for child in node.iter():
            if _local(child.tag) == "image":
                image = _child_text(child, "loc")
                break
        page.entries.append(
            FeedEntry(
                url=loc,
                title=_child_text(node, "title"),
                published=_child_text(node, "publication_date") or lastmod,
                modified=lastmod,
                categories=[k.strip() for k in (keywords or "").split(",") if k.strip()],
                image=image,
                language=_child_text(node, "language"),
            )
        )
        if len(page.entries) >= max_entries:
            break
    return page
