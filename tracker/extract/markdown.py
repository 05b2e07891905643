"""The body's Markdown: article HTML (or trafilatura's XML) to Markdown blocks, and back to text.

Where Markdown lives: this module owns the dialect of the article body (written from HTML here,
read back to plain text by :func:`markdown_to_text`); tracker.export.markdown owns the files the
tracker writes (the article file around the body, the day indexes, and the escaping that keeps
page values from breaking them).

One walker serves both vocabularies: plain HTML containers (a spider's body selector, a feed's
``content:encoded``) and the XML tree trafilatura returns (``head``, ``list``/``item``,
``quote``, ``graphic``, ``ref``, ``hi``, ``lb``, ``row``/``cell``). It is written over lxml
rather than on markdownify because it runs on every page and must stay a small share of
the extraction time, and because it keeps the structure (blocks) that the boilerplate filters
and the plain-text view need.

Output conventions (docs/OUTPUT.md): sub-headings as ``###``, ``-``/``1.`` lists, ``>`` block
quotes, links only to absolute http(s) URLs, images as ``![alt](src)`` followed by a caption
line (caption and credit), blocks separated by blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

# Tags whose whole subtree is never article text.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "form",
        "button",
        "input",
        "select",
        "textarea",
        "nav",
        "aside",
        "footer",
        "iframe",
        "svg",
        "canvas",
        "object",
        "embed",
        "video",
        "audio",
        "map",
        "dialog",
        "title",
        "meta",
        "link",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "head"})
LIST_TAGS = frozenset({"ul", "ol", "list", "dl"})
ITEM_TAGS = frozenset({"li", "item", "dt", "dd"})
QUOTE_TAGS = frozenset({"blockquote", "quote"})
IMAGE_TAGS = frozenset({"img", "graphic"})
LINK_TAGS = frozenset({"a", "ref"})
BREAK_TAGS = frozenset({"br", "lb"})
TABLE_TAGS = frozenset({"table"})
ROW_TAGS = frozenset({"tr", "row"})
CELL_TAGS = frozenset({"td", "th", "cell"})
PRE_TAGS = frozenset({"pre", "code"})
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "figure",
        "figcaption",
        "center",
        "address",
        "details",
        "summary",
        "hr",
        "body",
        "html",
        "doc",
        "caption",
    }
    | HEADING_TAGS
    | LIST_TAGS
    | ITEM_TAGS
    | QUOTE_TAGS
    | TABLE_TAGS
    | ROW_TAGS
    | CELL_TAGS
    | PRE_TAGS
)
EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
HI_RENDS = {"#b": "**", "#i": "*", "#t": "`"}

# Class/id words marking page furniture inside an article container.
BOILERPLATE_ATTR_RE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|recommend(?:ed|ation)s?|newsletter|"
    r"subscribe|subscription|promo|advert(?:isement)?|ad-?slot|ad-?container|"
    r"read-?more|more-?stories|outbrain|taboola|comments?|breadcrumbs?|byline|"
    r"tags|tag-?list|author-?bio|about-?the-?author|last-?updated|print|signup|"
    r"cookie|paywall|teaser-?list|toolbar)(?:$|[\s_-])",
    re.IGNORECASE,
)
_MD_ESCAPE_RE = re.compile(r"([\\`*_\[\]])")


@dataclass
class Block:
    """One Markdown block: its Markdown, its plain text, and its kind.

    kind is one of paragraph, heading, list, quote, image, caption, table, code.
    """

    kind: str
    markdown: str
    text: str
    # Characters of text inside links: high shares mark navigation and teaser lists.
    link_chars: int = 0

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def _collapse(text: str) -> str:
    return " ".join(text.split())


def escape_markdown(text: str) -> str:
    """Text with the characters Markdown would read as markup backslash-escaped."""
    # Most text has nothing to escape; the substring checks are cheaper than the regex.
    if "\\" in text or "`" in text or "*" in text or "_" in text or "[" in text or "]" in text:
        return _MD_ESCAPE_RE.sub(r"\\\1", text)
    return text


def _safe_url(url: str | None, base_url: str) -> str | None:
    """An absolute http(s) URL, or None (javascript:, data:, mailto: and junk are dropped)."""
    if not url:
        return None
    url = url.strip()
    if not url or url.startswith("#"):
        return None
    try:
        absolute = urljoin(base_url, url) if base_url else url
    except ValueError:
        return None
    if not absolute.startswith(("http://", "https://")):
        return None
    # Markdown link targets cannot hold spaces or parentheses unescaped.
    return absolute.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _wrap(inner: str, before: str, after: str) -> str:
    """Wrap text in markup, keeping its outer spaces outside ("[a ]b" would glue words)."""
    stripped = inner.strip()
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{before}{stripped}{after}{trail}"


def _tag(el: etree._Element | None) -> str:
    if el is None:
        return ""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    if "}" in tag:
        tag = tag.rsplit("}", 1)[1]
    return tag.lower()


# Elements whose content is a run of text: a one-line <code> inside one is inline code.
_INLINE_CODE_PARENTS = (
    frozenset({"p", "head", "hi", "span", "a", "ref", "em", "i", "b", "strong"})
    | HEADING_TAGS
    | ITEM_TAGS
    | CELL_TAGS
)


def _is_block(child: etree._Element, parent: etree._Element) -> bool:
    """Whether ``child`` starts a block of its own inside ``parent``.

    trafilatura turns a ``<pre>`` into a ``<code>`` beside the paragraphs and leaves inline code
    as ``<code>`` inside them: a ``<code>`` is a code block unless it sits in a text holder on
    one line.
    """
    tag = _tag(child)
    if tag != "code":
        return tag in BLOCK_TAGS or tag in IMAGE_TAGS
    if "\n" in "".join(child.itertext()).strip():
        return True
    if _tag(parent) in _INLINE_CODE_PARENTS:
        return False
    # One line in a container: a block unless text runs on either side of it.
    previous = child.getprevious()
    before = parent.text if previous is None else previous.tail
    return not (before or "").strip() and not (child.tail or "").strip()


def is_boilerplate_node(el: etree._Element) -> bool:
    """Whether an element's class or id names page furniture (share bars, related links ...)."""
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not attrs.strip():
        return False
    return BOILERPLATE_ATTR_RE.search(attrs) is not None


def _is_anchor_link(el: etree._Element) -> bool:
    """A link to a place on the same page (a table of contents, headings that link to
    themselves): the text it holds is the article's, not navigation to elsewhere."""
    href = (el.get("href") or el.get("target") or "").strip()
    return href.startswith("#")


def _image_src(el: etree._Element) -> str | None:
    for attr in ("src", "data-src", "data-original", "data-lazy-src", "data-url"):
        value = el.get(attr)
        if value and not value.startswith("data:"):
            return value
    srcset = el.get("srcset") or el.get("data-srcset")
    if srcset:
        first = srcset.split(",")[0].strip().split(" ")[0]
        if first and not first.startswith("data:"):
            return first
    return None


class _Converter:
    """Walks one tree and accumulates blocks."""

    def __init__(self, base_url: str, drop_boilerplate: bool) -> None:
        self.base_url = base_url
        self.drop_boilerplate = drop_boilerplate
        self.blocks: list[Block] = []
        # Link text seen since the last block was added (inline() adds to it).
        self.pending_link_chars = 0

    # --- inline ---------------------------------------------------------------------------

    def inline(
        self, el: etree._Element, *, links: bool = True, in_link: bool = False
    ) -> tuple[str, str]:
        """(markdown, text) of an element's content, inline (block children flattened)."""
        in_link = in_link or _tag(el) in LINK_TAGS
        md: list[str] = []
        txt: list[str] = []
        if el.text:
            md.append(escape_markdown(el.text))
            txt.append(el.text)
        for child in el:
            tag = _tag(child)
            if (
                tag
                and tag not in DROP_TAGS
                and not (self.drop_boilerplate and tag != "a" and is_boilerplate_node(child))
            ):
                if tag in BREAK_TAGS:
                    md.append("\n")
                    txt.append("\n")
                elif tag in IMAGE_TAGS:
                    pass  # inline images inside text are decoration (icons, emoji)
                else:
                    cmd, ctxt = self.inline(child, links=links, in_link=in_link)
                    if tag in LINK_TAGS and not in_link and not _is_anchor_link(child):
                        self.pending_link_chars += len(_collapse(ctxt))
                    if tag in LINK_TAGS and links and ctxt.strip():
                        href = _safe_url(child.get("href") or child.get("target"), self.base_url)
                        if href:
                            cmd = _wrap(cmd, "[", f"]({href})")
                    elif tag in EMPHASIS or (tag == "hi" and child.get("rend") in HI_RENDS):
                        mark = EMPHASIS.get(tag) or HI_RENDS[child.get("rend") or ""]
                        if cmd.strip():
                            cmd = _wrap(cmd, mark, mark)
                    if tag in BLOCK_TAGS:
                        cmd, ctxt = f" {cmd} ", f" {ctxt} "
                    md.append(cmd)
                    txt.append(ctxt)
            if child.tail:
                md.append(escape_markdown(child.tail))
                txt.append(child.tail)
        return "".join(md), "".join(txt)

    # --- blocks ---------------------------------------------------------------------------

    def add(self, kind: str, markdown: str, text: str) -> None:
        text = _collapse(text)
        self.append(Block(kind, markdown, text), keep_empty=kind == "image")

    def append(self, block: Block, keep_empty: bool = False) -> None:
        block.link_chars = min(self.pending_link_chars, len(block.text))
        self.pending_link_chars = 0
        if block.text or keep_empty:
            self.blocks.append(block)

    def add_text_block(self, el: etree._Element, kind: str = "paragraph") -> None:
        md, txt = self.inline(el)
        lines = [_collapse(line) for line in md.split("\n")]
        markdown = "  \n".join(line for line in lines if line)
        if kind == "heading":
            # Headings are bold already: emphasis or links inside them are dropped.
            markdown = "### " + escape_markdown(_collapse(txt))
        self.add(kind, markdown, txt)

    def walk(self, el: etree._Element) -> None:
        tag = _tag(el)
        self.pending_link_chars = 0
        if not tag or tag in DROP_TAGS:
            return
        if tag == "head" and _tag(el.getparent()) == "html":
            return  # the HTML document head; trafilatura's <head> is a heading
        if self.drop_boilerplate and is_boilerplate_node(el) and tag not in ("body", "html"):
            return
        if tag in HEADING_TAGS:
            self.add_text_block(el, "heading")
        elif tag in LIST_TAGS:
            self.add_list(el)
        elif tag in QUOTE_TAGS:
            self.add_quote(el)
        elif tag in IMAGE_TAGS:
            self.add_image(el, caption=None)
        elif tag == "figure":
            self.add_figure(el)
        elif tag == "figcaption":
            # Some themes put the caption beside the <figure>, not inside it.
            caption = _collapse("".join(el.itertext()))
            if caption:
                self.add("caption", f"*{escape_markdown(caption)}*", caption)
        elif tag in TABLE_TAGS:
            self.add_table(el)
        elif tag in PRE_TAGS:
            # A <code> reaches here only as a block (walk_mixed keeps inline code in its run).
            code = "".join(el.itertext()).strip("\n")
            if code.strip():
                self.add("code", f"```\n{code}\n```", code)
        elif tag in ("hr",):
            return
        else:
            self.walk_mixed(el)

    def walk_mixed(self, el: etree._Element) -> None:
        """A container that may hold loose text and inline elements beside block children."""
        has_block_child = any(_is_block(c, el) for c in el)
        if not has_block_child:
            self.add_text_block(el)
            return
        # Gather runs of inline content between block children into paragraphs.
        run = etree.Element("p")
        run.text = el.text
        for child in list(el):
            if _is_block(child, el):
                self.flush_run(run)
                run = etree.Element("p")
                self.walk(child)
                run.text = child.tail
            else:
                clone = _shallow_inline_copy(child)
                if clone is not None:
                    run.append(clone)
        self.flush_run(run)

    def flush_run(self, run: etree._Element) -> None:
        if (run.text and run.text.strip()) or len(run):
            self.add_text_block(run)

    def add_list(self, el: etree._Element) -> None:
        ordered = _tag(el) == "ol" or el.get("rend") == "ol"
        md_lines: list[str] = []
        txt_lines: list[str] = []
        number = 0
        for item in el:
            tag = _tag(item)
            if tag not in ITEM_TAGS:
                continue
            if self.drop_boilerplate and is_boilerplate_node(item):
                continue
            md, txt = self.inline(item)
            md, txt = _collapse(md), _collapse(txt)
            if not txt:
                continue
            number += 1
            md_lines.append(f"{number}. {md}" if ordered else f"- {md}")
            txt_lines.append(txt)
        if md_lines:
            self.append(Block("list", "\n".join(md_lines), "\n".join(txt_lines)))

    def add_quote(self, el: etree._Element) -> None:
        inner = _Converter(self.base_url, self.drop_boilerplate)
        inner.walk_mixed(el)
        if not inner.blocks:
            return
        self.pending_link_chars = sum(b.link_chars for b in inner.blocks)
        md = "\n>\n".join(
            "\n".join(f"> {line}" if line else ">" for line in b.markdown.split("\n"))
            for b in inner.blocks
        )
        self.append(Block("quote", md, "\n\n".join(b.text for b in inner.blocks)))

    def add_image(self, el: etree._Element, caption: str | None) -> None:
        src = _safe_url(_image_src(el), self.base_url)
        if not src:
            return
        alt = _collapse(el.get("alt") or el.get("title") or "")
        self.pending_link_chars = 0
        self.append(Block("image", f"![{escape_markdown(alt)}]({src})", ""), keep_empty=True)
        if caption:
            self.append(Block("caption", f"*{escape_markdown(caption)}*", caption))

    def add_figure(self, el: etree._Element) -> None:
        images = [c for c in el.iter() if _tag(c) in IMAGE_TAGS]
        captions = [c for c in el.iter() if _tag(c) == "figcaption"]
        caption = " ".join(_collapse("".join(c.itertext())) for c in captions).strip() or None
        if images:
            self.add_image(images[0], caption)
        elif caption:
            self.add("caption", f"*{escape_markdown(caption)}*", caption)

    def add_table(self, el: etree._Element) -> None:
        rows: list[list[str]] = []
        # The plain text of the same cells: the table's text holds no Markdown (link targets,
        # emphasis marks), as a paragraph's does not.
        text_rows: list[list[str]] = []
        for row in el.iter():
            if _tag(row) not in ROW_TAGS:
                continue
            inlines = [self.inline(c) for c in row if _tag(c) in CELL_TAGS]
            cells = [_collapse(md).replace("|", "\\|") for md, _ in inlines]
            if any(cells):
                rows.append(cells)
                text_rows.append([_collapse(txt) for _, txt in inlines])
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        text = "\n".join(" ".join(c for c in r if c) for r in text_rows)
        self.append(Block("table", "\n".join(lines), text))


def _shallow_inline_copy(el: etree._Element) -> etree._Element | None:
    """A deep copy of an inline element (for gathering runs); the tail is kept."""
    from copy import deepcopy

    if not isinstance(el.tag, str):
        # A comment or processing instruction: keep only its tail text.
        holder = etree.Element("span")
        holder.tail = el.tail
        return holder
    return deepcopy(el)


def to_blocks(
    root: etree._Element | None, base_url: str = "", *, drop_boilerplate: bool = True
) -> list[Block]:
    """Convert an element (HTML or trafilatura XML) to Markdown blocks."""
    if root is None:
        return []
    conv = _Converter(base_url, drop_boilerplate)
    conv.walk(root)
    return conv.blocks


def join_markdown(blocks: Iterable[Block]) -> str:
    return "\n\n".join(b.markdown for b in blocks if b.markdown)


def join_text(blocks: Iterable[Block], *, captions: bool = False) -> str:
    """Plain text of blocks, blank-line separated; image captions only when asked."""
    kinds = {"image"} if captions else {"image", "caption"}
    return "\n\n".join(b.text for b in blocks if b.text and b.kind not in kinds)


def html_to_markdown(html: str, base_url: str = "") -> str:
    """Markdown of an HTML fragment or document (convenience for callers and tests)."""
    import lxml.html

    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    return join_markdown(to_blocks(root, base_url))


# --- Markdown back to text ------------------------------------------------------------------

# Bounded repeats everywhere: a hostile body of brackets or stars must not go quadratic.
_MD_IMAGE_RE = re.compile(r"!\[([^\[\]\n]{0,1000})\]\([^)\n]{0,2000}\)")
_MD_LINK_RE = re.compile(r"\[([^\[\]\n]{0,1000})\]\([^)\n]{0,2000}\)")
_MD_REFDEF_RE = re.compile(r"^[ \t]{0,3}\[[^\]\n]{1,1000}\]:[ \t]+\S+.*$", re.M)
_MD_LINE_PREFIX_RE = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)+", re.M
)
_MD_EMPHASIS_RE = re.compile(r"(\*{1,3}|_{1,3}|~~|`{1,3})(?=\S)([^*_~`\n]{1,500}?)(?<=\S)\1")
_MD_RULE_RE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M)


def markdown_to_text(markdown: str) -> str:
    """Plain text from a Markdown body (this dialect's, or a spider's own): images dropped, link
    syntax removed (the link text kept), heading, list and quote markers dropped, whitespace
    collapsed, paragraphs separated by one blank line. The normalise pipeline uses it for items
    that come with a body and no text."""
    text = _MD_REFDEF_RE.sub("", markdown)
    text = re.sub(r"^[ \t]*```.*$", "", text, flags=re.M)
    # Images go entirely: alt text describes a picture, it is not what the article says.
    text = _MD_IMAGE_RE.sub("", text)
    text = _MD_LINK_RE.sub(lambda m: m.group(1), text)
    text = _MD_RULE_RE.sub("", text)
    text = _MD_LINE_PREFIX_RE.sub("", text)
    for _ in range(2):  # twice: "**bold _and italic_**" nests
        text = _MD_EMPHASIS_RE.sub(lambda m: m.group(2), text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~&])", r"\1", text)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)
