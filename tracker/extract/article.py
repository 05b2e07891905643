"""The single entry point spiders call: ``extract_article(html, url, rules=, feed_entry=)``.

For each field the first layer that yields a value wins, and ``Extraction.provenance`` records
which: ``selector`` (the spider's SiteRules), ``jsonld``, ``meta``, ``feed`` (the feed entry
that led to the page), ``generic`` (trafilatura/readability for the body, the <title> tag for
a title nothing else gives). Values stay raw; the normalise pipeline cleans them.

What the page shows around its headline is a layer of its own, ``text``, with rules of its
own, since structured data on sites without rules is often an SEO copy, the CMS's creation
date or the site's own name:

* title: the headline element's text (titles.py) unless a selector or a NewsArticle's JSON-LD
  headline gives one; metadata titles lose the site's name ("... | Börsen-Zeitung").
* published: the dateline (dates.py) when no layer gives a date, or when no date shown next to
  the headline agrees (within a day) with the structured one and the one shown is not the
  page's modification date (an "Updated ..." date only when it is a day before the structured
  one, which is then a later save), unless the page shows only its update: no head meta tag
  states a publication time and the structured day is printed nowhere; then htmldate (layer
  ``htmldate``), and last its extensive search, kept only for a day the page prints in full
  outside its footer.
* authors: the byline (bylines.py) when no layer names a person (nobody, the site, an
  organisation, a user name); a slug becomes the name it stands for when the page shows it.

The body is different in one respect: a feed's full content (RSS ``content:encoded``) is used
when there is no page (``html is None``), when the page yields no body, or when the feed's
text is clearly longer than what the page gave, since a page extraction that comes out much
shorter than the publisher's own full-text feed has missed part of the article.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from tracker.extract.body import (
    clean_blocks,
    drop_appended_articles,
    generic_blocks,
    remove_icon_ligatures,
    remove_keeping_text,
    shown_standfirst,
    text_length,
    with_standfirst,
)
from tracker.extract.bylines import (
    byline_names,
    marked_author_names,
    place_credit_names,
    slug_name,
)
from tracker.extract.cards import page_cards, without_cards
from tracker.extract.dates import (
    ShownDate,
    agrees,
    dateline,
    htmldate_extensive,
    htmldate_published,
    printed_days,
    shown_dates,
)
from tracker.extract.encoding import decode_html
from tracker.extract.figures import page_figures, with_figures
from tracker.extract.headings import page_headings, with_headings
from tracker.extract.jsonld import NEWS_TYPES, jsonld_fields, jsonld_objects
from tracker.extract.markdown import Block, join_markdown, join_text, to_blocks
from tracker.extract.meta import PUBLISHED_TIME_KEYS, collect_meta, meta_fields
from tracker.extract.page_kind import PageSignals, classify_page, page_signals
from tracker.extract.rules import SiteRules, compile_css
from tracker.extract.titles import headline_element, headline_text, node_text, strip_site_name
from tracker.extract.types import DECLARED_NOT_ARTICLE, Extraction, FeedEntry
from tracker.processing.normalise import (
    clean_authors,
    is_organisation,
    looks_like_person,
    parse_datetime,
)

logger = logging.getLogger(__name__)

LIST_FIELDS = frozenset({"authors", "tags"})
# What layers report beside the article's fields: used during extraction, never output.
_NOT_FIELDS = frozenset({"body", "body_text", "article_type"})
URL_FIELDS = frozenset({"image", "canonical_url"})
# Feed content counts as "clearly longer" than the page body past this ratio.
FEED_BODY_RATIO = 1.3

# Elements trafilatura's cleaning deletes with their content (its MANUALLY_CLEANED) that never
# hold an article: removed before it runs, its XPath passes have less tree to walk. Not <form>
# (some sites wrap the whole page in one; trafilatura treats forms apart) nor <figure>.
_CHROME_TAGS = (
    "nav",
    "footer",
    "aside",
    "iframe",
    "noscript",
    "button",
    "select",
    "input",
    "textarea",
    "dialog",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
)

_HOLDS_ARTICLE_XPATH = etree.XPath("boolean(.//article | .//main | .//h1)")


def remove_chrome(tree: etree._Element) -> None:
    """Remove navigation, asides, footers, embeds and form controls (``_CHROME_TAGS``) that
    hold no article (in place). One that wraps an <article>, <main> or <h1> stays: some
    layouts put the whole story in an <aside> or a <footer>."""
    chrome = [el for el in tree.iter(*_CHROME_TAGS) if not _HOLDS_ARTICLE_XPATH(el)]
    remove_keeping_text(chrome)


# Characters XML (and so lxml) refuses; they turn up in real pages.
_BAD_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_PARSER = lxml.html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
    encoding="utf-8",
    # libxml2 stops at a text node over 10 MB (a big JSON-LD block or __NEXT_DATA__ script)
    # and drops the rest of the page. Pages are bounded by DOWNLOAD_MAXSIZE (16 MB), and the
    # HTML parser expands no entities, so lifting the limit costs no more than the page.
    huge_tree=True,
)
# Every element an HtmlElement, picked in C: lxml.html's own lookup is a Python method called
# for each element object lxml hands out (millions per page set, in trafilatura's passes too),
# only to give <form>, <input>, <select>, <textarea> and <label> subclasses whose form helpers
# nothing here uses.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)


# A page that closes its document early ("</body></html>" after the header, the article and
# footer after them, then "</html>" again): libxml2 drops part of what follows, here the
# article. The closers before the last "</html>" go, so the rest parses as the body.
_EARLY_END_RE = re.compile(rb"</(?:body|html)\s*>", re.IGNORECASE)
# Bytes after the first "</html>" that are more than a newline or a comment.
EARLY_END_MIN_TAIL = 512


# The first "</html" or "</HTML": one regex pass over the page (one bytes.find per case read
# it twice, the first "</html" being usually at its end; 0.14 -> 0.07 CPU s on the 385 WCXB
# dev pages).
_HTML_END_RE = re.compile(rb"</(?:html|HTML)")


def _without_early_end(data: bytes) -> bytes:
    found = _HTML_END_RE.search(data)
    if found is None:
        return data
    last = max(data.rfind(b"</html"), data.rfind(b"</HTML"))
    if last - found.start() < EARLY_END_MIN_TAIL:
        return data
    return _EARLY_END_RE.sub(b"", data[:last]) + data[last:]


def parse_html(html: str | bytes | None) -> etree._Element | None:
    """Parse a page into an lxml tree, or None when there is nothing to parse."""
    return _decode_and_parse(html)[1]


def _decode_and_parse(
    html: str | bytes | None, url: str | None = None
) -> tuple[str, etree._Element | None]:
    text = decode_html(html, url=url)
    # isspace(), not strip(): no copy of the whole page just to see whether it is blank.
    if not text or text.isspace():
        return text, None
    # Parse UTF-8 bytes with the encoding fixed: the page's own (possibly wrong) declaration
    # is ignored, and control characters XML refuses (they break lxml later, when text is
    # assigned) are deleted by bytes.translate, a fraction of a regex pass over the page.
    # Those bytes never occur inside multi-byte UTF-8 sequences, so deleting them is safe.
    data = _without_early_end(text.encode("utf-8", "replace").translate(None, _BAD_BYTES))
    try:
        tree = lxml.html.document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError):
        logger.debug("unparsable HTML", exc_info=True)
        return text, None
    return text, (tree if len(tree) else None)


# --- selector layer ----------------------------------------------------------------------------


def select(tree: etree._Element, selectors: str | Sequence[str]) -> list[etree._Element]:
    """Matches of the first selector (of a string or list) that matches anything (the selectors
    of a SiteRules value compile: it checked them when it was made)."""
    for selector in [selectors] if isinstance(selectors, str) else selectors:
        found = compile_css(selector)(tree)
        if found:
            return list(found)
    return []


def _selector_value(name: str, nodes: list[etree._Element], rules: SiteRules) -> Any:
    if name in LIST_FIELDS:
        values: dict[str, None] = {}  # ordered, and a constant-time "seen?" for long lists
        for node in nodes:
            # One value a node: its text, or a meta tag's content; split only on the separator
            # the rules declare for the field (a keywords tag's "a, b" or a "World;Europe").
            value = _unescaped(node_text(node) or node.get("content") or "")
            for part in rules.split(name, value):
                values.setdefault(part)
        return list(values)
    node = nodes[0]
    if name in ("published", "modified"):
        return (node.get("datetime") or node.get("content") or "").strip() or node_text(node)
    if name == "image":
        for attr in ("src", "content", "data-src", "href", "srcset"):
            value = (node.get(attr) or "").strip()
            if value:
                return value.split(",")[0].split(" ")[0] if attr == "srcset" else value
        img = next(node.iter("img"), None)
        return (img.get("src") or "").strip() if img is not None else None
    if name in ("canonical_url",):
        return (node.get("href") or node.get("content") or "").strip() or None
    return (node.get("content") or "").strip() or node_text(node)


def selector_fields(tree: etree._Element, rules: SiteRules) -> dict[str, Any]:
    """Fields named by the spider's selectors (the body is handled separately)."""
    out: dict[str, Any] = {}
    for name, selectors in rules.selectors.items():
        if name == "body":
            continue
        nodes = select(tree, selectors)
        if nodes:
            out[name] = _selector_value(name, nodes, rules)
    return out


def remove_excluded(tree: etree._Element, exclude: Sequence[str]) -> None:
    """Drop every node matching one of the exclude selectors (in place)."""
    for selector in exclude:
        remove_keeping_text(compile_css(selector)(tree))


# --- generic metadata --------------------------------------------------------------------------


def _title_tag(tree: etree._Element) -> str | None:
    node = next(tree.iter("title"), None)
    text = node_text(node) if node is not None else ""
    return text or None


def _strip_site_suffix(title: str, site_name: str | None) -> str:
    """Drop " | Site" / " - Site" endings of a <title> (only when they name the site)."""
    if site_name:
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
            suffix = sep + site_name
            if title.lower().endswith(suffix.lower()):
                return title[: -len(suffix)].strip()
    return title


def generic_titles(tree: etree._Element) -> list[str]:
    """The page's first <h1> and its <title>: headline candidates."""
    out = []
    h1 = next((n for n in tree.iter("h1") if node_text(n)), None)
    if h1 is not None:
        out.append(node_text(h1))
    title_tag = _title_tag(tree)
    if title_tag:
        out.append(title_tag)
    return out


# One pass over the tree, compiled once (a union of two "//" paths walked it twice; both give
# the elements in document order).
_AUTHOR_MARKED_XPATH = etree.XPath('//*[@rel="author" or @itemprop="author"]')


def generic_fields(
    tree: etree._Element, url: str, site_name: str | None, wanted: set[str] | frozenset[str]
) -> dict[str, Any]:
    """What the page's own markup says, for the ``wanted`` fields no structured source gave."""
    out: dict[str, Any] = {}
    if url:
        out["canonical_url"] = url
    if "title" not in wanted and "published" not in wanted and "authors" not in wanted:
        return out
    h1 = next((n for n in tree.iter("h1") if node_text(n)), None)
    title_tag = _title_tag(tree)
    if h1 is not None:
        out["title"] = node_text(h1)
    elif title_tag:
        out["title"] = _strip_site_suffix(title_tag, site_name)
    authors: dict[str, None] = {}  # ordered, constant-time "seen?"
    # A whole-tree XPath costs as much as the metadata layers together: only when needed.
    nodes = _AUTHOR_MARKED_XPATH(tree) if "authors" in wanted else []
    for node in nodes:
        name_node = next(iter(node.xpath('.//*[@itemprop="name"]')), None)
        text = (
            (name_node.get("content") or node_text(name_node))
            if name_node is not None
            else (node.get("content") or node_text(node))
        )
        if text and len(text) < 80:
            authors.setdefault(text)
    if authors:
        out["authors"] = list(authors)
    return out


def _first_h1(tree: etree._Element) -> etree._Element | None:
    return next((n for n in tree.iter("h1") if node_text(n)), None)


def _settle_title(
    result: Extraction,
    tree: etree._Element,
    layers: Sequence[tuple[str, dict[str, Any]]],
    site_names: Sequence[str],
    url: str,
) -> etree._Element | None:
    """The headline element; its text becomes the title (layer ``text``) unless the spider's
    selector named one. Metadata titles are often an SEO variant of the headline readers see."""
    candidates = [str(v["title"]) for _, v in layers if isinstance(v.get("title"), str)]
    title_tag = _title_tag(tree)
    if title_tag:
        candidates.append(title_tag)
    headline = headline_element(tree, candidates, site_names, url)
    layer = result.provenance.get("title")
    # A news publisher's JSON-LD headline is edited like the printed one (its NewsArticle
    # markup feeds news aggregators); elsewhere metadata titles are search-engine copy.
    news = any(k == "jsonld" and v.get("article_type") in NEWS_TYPES for k, v in layers)
    if headline is not None and layer != "selector" and not (layer == "jsonld" and news):
        result.fields["title"] = headline_text(headline, candidates, site_names, url)
        result.provenance["title"] = "text"
    return headline


def _before(shown: ShownDate, structured: Any) -> bool:
    """Whether the day the page shows comes before the day a structured date names."""
    iso = parse_datetime(str(structured))[0]
    return iso is not None and shown.day < datetime.fromisoformat(iso).date()


def _shows_only_update(
    result: Extraction, tree: etree._Element, structured: Any, declared_published: bool
) -> bool:
    """Whether the page presents its update date as its date: the publisher's meta tags state
    no publication time (``article:published_time``) and the page prints the structured
    publication day nowhere. Its structured ``datePublished`` is then the CMS's creation date
    of a text revised since, which the page no longer shows."""
    if declared_published:
        return False
    language = str(result.fields.get("language") or "")
    return not any(
        agrees(str(structured), ShownDate(day.isoformat(), day, ""))
        for day in printed_days(tree, language)
    )


def _settle_published(
    result: Extraction,
    tree: etree._Element,
    url: str,
    headline: etree._Element | None,
    declared_published: bool = False,
) -> None:
    """The published date from the page itself when no layer gave one, or when the date
    printed next to the headline contradicts what JSON-LD, meta tags or the feed say (their
    value is then often the CMS's creation date of a page rewritten since). A spider's own
    selector is never overridden."""
    layer = result.provenance.get("published")
    if layer == "selector":
        return
    current = result.fields.get("published")
    shown = shown_dates(headline, str(result.fields.get("language") or ""))
    chosen = dateline(shown)
    if current:
        if chosen is None:
            return
        modified = result.fields.get("modified")
        if chosen.label == "updated":
            # The page's own update date before the structured publication date: that
            # value is a later save or render, not the first publication, since a text
            # cannot be updated before it appeared. A later one wins only on a page that
            # shows only its update (_shows_only_update).
            if any(agrees(current, d) for d in shown) or (
                not _before(chosen, current)
                and not _shows_only_update(result, tree, current, declared_published)
            ):
                return
        # Structured data loses only when no date shown near the headline (other than an
        # update's) agrees with it and the one shown is not the page's modification date.
        elif any(agrees(current, d, 1) for d in shown if d.label != "updated") or (
            modified
            and agrees(modified, chosen)
            and not _shows_only_update(result, tree, current, declared_published)
        ):
            return
        result.fields["published"] = chosen.value
        result.provenance["published"] = "text"
        return
    if chosen is not None:
        # Even a date shown as "Updated ...": without structured data it is the best there is.
        result.fields["published"] = chosen.value
        result.provenance["published"] = "text"
        return
    # htmldate's extensive search (date lines anywhere in the page, "Last updated: ..." under
    # the article) only when its usual places and the dateline give nothing.
    found = htmldate_published(tree, url) or htmldate_extensive(
        tree, url, str(result.fields.get("language") or "")
    )
    if found:
        result.fields["published"] = found
        result.provenance["published"] = "htmldate"


def _settle_authors(
    result: Extraction,
    tree: etree._Element | None,
    headline: etree._Element | None,
    site_names: Sequence[str],
    source: str,
) -> None:
    """The byline printed next to the headline gives the authors when no layer names a person:
    when structured data names nobody, only the site or an organisation, or a user name. A
    slug ("sophie-foster") becomes the name it stands for when the page shows that name. A
    spider's own selector is never overridden."""
    layer = result.provenance.get("authors")
    if layer == "selector":
        return
    current = [str(a) for a in result.fields.get("authors") or []]
    shown = byline_names(headline)
    if current and layer != "generic":
        named = [slug_name(a, shown, source) or a for a in current]
        if named != current:
            result.fields["authors"] = current = named
        if any(
            looks_like_person(a) and not is_organisation(a, site_names)
            for a in clean_authors(current)
        ):
            return
    if not shown and tree is not None:
        shown = marked_author_names(tree, headline)
    if not shown and _credit_replaces(current, site_names):
        credited = place_credit_names(headline)
        if credited:
            result.fields["authors"] = credited
            result.provenance["authors"] = "text"
            return
    people = [a for a in clean_authors(shown) if looks_like_person(a) and not is_organisation(a)]
    if shown and (people or not current):
        result.fields["authors"] = shown
        result.provenance["authors"] = "text"


def _credit_replaces(current: Sequence[str], site_names: Sequence[str]) -> bool:
    """Whether a reporter credited in the text ("【ソウル＝小池和樹】") is the author: when the
    other layers name nobody, or only the site or an organisation. is_organisation takes any
    one-word name without capitals for a user name, so a Japanese name from another layer is
    told apart here by not being the site's name nor a newspaper, desk or bureau."""
    for author in clean_authors(current):
        if looks_like_person(author) and not is_organisation(author, site_names):
            return False
        caseless = not any(c.lower() != c.upper() for c in author)
        site_name = any(n and (author in n or n in author) for n in site_names)
        if caseless and not site_name and not _JAPANESE_ORGANISATION_RE.search(author):
            return False
    return True


# A newspaper, its web edition, a desk or a bureau named as the author ("読売新聞オンライン",
# "中日新聞Web", "東京新聞デジタル", "日刊現代").
_JAPANESE_ORGANISATION_RE = re.compile(
    r"(?:新聞|現代|オンライン|デジタル|編集部|編集局|通信|総局|支局|Web|ＷＥＢ)"
)


# --- assembly ------------------------------------------------------------------------------------


def _unescaped(text: str) -> str:
    """Text with the HTML entities a CMS escaped twice or more undone ("Alzheimer&amp;#039;s")."""
    for _ in range(3):
        if not _ENTITY_RE.search(text):
            break
        text = html.unescape(text)
    return text


_ENTITY_RE = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _clean_value(name: str, value: Any, base_url: str) -> Any:
    if name in LIST_FIELDS:
        if isinstance(value, str):
            value = [value]
        return [_unescaped(" ".join(str(v).split())) for v in value or [] if v and str(v).strip()]
    if not isinstance(value, str):
        return value
    value = " ".join(value.split())
    if name in URL_FIELDS and value:
        try:
            value = urljoin(base_url, value) if base_url else value
        except ValueError:
            return None
        if not value.startswith(("http://", "https://")):
            return None
    return value


# The target of a Markdown image block: ![alt](url) or ![alt](url "title").
_IMAGE_TARGET_RE = re.compile(r"\]\((https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)\s*$")


def _lead_image(blocks: Sequence[Block]) -> str | None:
    """The body's opening image (a figure among its first three blocks), for pages and feed
    entries that name no lead image of their own; a picture further down is not a lead."""
    for block in blocks[:3]:
        if block.kind == "image":
            match = _IMAGE_TARGET_RE.search(block.markdown)
            if match:
                return match.group(1)
    return None


def _feed_layer(entry: FeedEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "authors": list(entry.authors),
        "published": entry.published,
        "modified": entry.modified,
        "description": entry.summary,
        "tags": list(entry.categories),
        "image": entry.image,
        "language": entry.language,
        "canonical_url": entry.url,
    }


def _feed_blocks(entry: FeedEntry | None, url: str, title: Sequence[str]) -> list[Block]:
    if entry is None or not entry.content_html or not entry.content_html.strip():
        return []
    tree = parse_html(entry.content_html)
    if tree is None:
        return []
    body = next(tree.iter("body"), tree)
    return clean_blocks(to_blocks(body, url or entry.url), title)


def extract_article(
    html: str | bytes | None,
    url: str,
    *,
    rules: SiteRules | None = None,
    feed_entry: FeedEntry | None = None,
) -> Extraction:
    """Extract an article's fields, each from the best layer that has it (module docstring)."""
    rules = rules or SiteRules()
    source, tree = _decode_and_parse(html, url) if html is not None else ("", None)
    base_url = url or (feed_entry.url if feed_entry else "")
    if tree is not None and rules.not_article:
        matched = rules.not_article_match(tree)
        if matched:
            return Extraction(
                page_kind=DECLARED_NOT_ARTICLE,
                not_article=f"the page matches the site's not_article {matched!r}",
            )

    layers: list[tuple[str, dict[str, Any]]] = []
    # The page's JSON-LD objects and meta tags, read once: the metadata layers and the
    # page-kind signals both use them.
    ld_objects: list[dict[str, Any]] = []
    meta_tags: dict[str, list[str]] = {}
    if tree is not None:
        if rules.selectors:
            layers.append(("selector", selector_fields(tree, rules)))
        ld_objects = jsonld_objects(tree)
        meta_tags = collect_meta(tree)
        layers.append(("jsonld", jsonld_fields(tree, ld_objects)))
        layers.append(("meta", meta_fields(tree, meta_tags)))
    if feed_entry is not None:
        layers.append(("feed", _feed_layer(feed_entry)))

    result = Extraction()
    for layer, values in layers:
        for name, value in values.items():
            if name in result.fields or name in _NOT_FIELDS:
                continue
            value = _clean_value(name, value, base_url)
            if value:
                result.fields[name] = value
                result.provenance[name] = layer
    site_name = result.fields.get("site_name")
    site_names = [str(v["site_name"]) for _, v in layers if v.get("site_name")]
    signals: PageSignals | None = None
    if tree is not None:
        wanted = {"title", "published", "authors"} - result.fields.keys()
        for name, value in generic_fields(tree, url, site_name, wanted).items():
            if name not in result.fields:
                value = _clean_value(name, value, base_url)
                if value:
                    result.fields[name] = value
                    result.provenance[name] = "generic"
        headline = _settle_title(result, tree, layers, site_names, url)
        anchor = headline if headline is not None else _first_h1(tree)
        _settle_published(
            result, tree, url, anchor, any(k in meta_tags for k in PUBLISHED_TIME_KEYS)
        )
        _settle_authors(result, tree, anchor, site_names, source)
        # Read before the body extractor prunes the tree (the verdict comes after the body).
        signals = page_signals(
            tree,
            url,
            ld_objects,
            meta_tags,
            authors=result.fields.get("authors") or (),
        )

    # The site's filters apply to every layer's value (the generic one too): a JSON-LD keyword
    # list and a meta tag's are cleaned alike.
    for name, keep in (("tags", rules.filter_tags), ("authors", rules.filter_authors)):
        if name in result.fields:
            result.fields[name] = keep(result.fields[name])
            if not result.fields[name]:
                del result.fields[name], result.provenance[name]

    title = result.fields.get("title")
    if title:
        # The spider's prefixes and suffixes apply to any title; og:title and <title> also often
        # carry the site's name (the visible headline does not).
        title = rules.clean_title(title)
        if result.provenance.get("title") != "text":
            title = strip_site_name(title, site_names, url)
        result.fields["title"] = title

    reference = next((v.get("body_text") for k, v in layers if k == "jsonld"), None)
    # Every headline the page gives, to recognise the title repeated at the top of the body.
    titles = [v["title"] for _, v in layers if isinstance(v.get("title"), str)]
    if tree is not None:
        titles += [str(t) for t in generic_titles(tree)]
    if title:
        titles.insert(0, title)
    description = next(
        (
            v.get("description")
            for k, v in layers
            if k in ("jsonld", "meta") and v.get("description")
        ),
        None,
    )
    blocks, layer = _body(
        tree,
        source,
        url,
        rules,
        feed_entry,
        titles,
        reference,
        description,
        result.fields.get("authors") or (),
    )
    if blocks:
        result.fields["body"] = join_markdown(blocks)
        result.fields["text"] = join_text(blocks)
        result.provenance["body"] = layer
        result.provenance["text"] = layer
        if "image" not in result.fields:
            lead_image = _lead_image(blocks)
            if lead_image:
                # It comes from the body, so from the layer that gave the body.
                result.fields["image"] = lead_image
                result.provenance["image"] = layer
    else:
        result.fields["body"] = ""
        result.fields["text"] = ""
    if signals is not None and not (rules.selectors.get("body") and layer == "selector"):
        kind = classify_page(
            signals,
            result.fields["text"],
            result.fields.get("authors") or (),
            published_layer=result.provenance.get("published", ""),
        )
        if not kind.is_article:
            result.page_kind, result.not_article = kind.kind, kind.detail
    return result


def _body(
    tree: etree._Element | None,
    source: str,
    url: str,
    rules: SiteRules,
    feed_entry: FeedEntry | None,
    title: Sequence[str],
    reference: str | None,
    description: str | None = None,
    authors: Sequence[str] = (),
) -> tuple[list[Block], str]:
    feed = _feed_blocks(feed_entry, url, title)
    if tree is None:
        return feed, "feed"
    if rules.exclude:
        remove_excluded(tree, rules.exclude)
    if "body" in rules.selectors:
        containers = select(tree, rules.selectors["body"])
        if containers:
            blocks = clean_blocks(to_blocks(containers[0], url), title)
            if blocks:
                return blocks, "selector"
    # Scripts, styles and inline SVG icons are dead weight for every body step after the
    # metadata layers (which read JSON-LD first); every XPath pass over the tree is faster
    # without them.
    etree.strip_elements(tree, "script", "style", "svg", with_tail=False)
    if "material-" in source:  # the icon fonts' classes; most pages have none
        remove_icon_ligatures(tree)
    if drop_appended_articles(tree):
        logger.debug("stories appended after the article removed on %s", url)
    standfirst = shown_standfirst(tree, description, source)
    figures = page_figures(tree, url)
    headings = page_headings(tree, url)
    # Page chrome the body extractor deletes anyway, gone before its many passes over the tree.
    remove_chrome(tree)
    cards = page_cards(tree)
    # Last use of the tree: the generic extractor may prune it.
    page, layer = generic_blocks(tree, url, title, reference, source, authors)
    page = without_cards(page, cards)
    page = with_figures(with_standfirst(with_headings(page, headings), standfirst), figures)
    if feed and text_length(feed) > FEED_BODY_RATIO * text_length(page):
        return feed, "feed"
    return page, layer
