"""trafilatura's costliest element searches, as Python loops that return the same elements.

trafilatura selects the sections it prunes and the body container it starts from with XPath
expressions whose tests are EXSLT ``re:test`` calls: lxml answers each one through a Python
callback, element by element, which made these searches about a fifth of ``extract_article``'s
CPU time. The matchers here walk the same elements (``iterdescendants`` over the same tags, in
document order) and test the same attributes with the same regular expressions (lxml's
``re:test`` is Python's ``re.search``), built from trafilatura's own token lists, so they give
the same elements in the same order.

They stand in for trafilatura's expressions only while the tracker's own call runs
(:func:`faster_xpaths`), and only for the trafilatura version they were written against
(requirements.txt pins it; tests/test_trafilatura_xpaths.py compares both on real pages).

XPath details kept: ``.//*`` is the context node's descendants (never itself); ``@id|@class``
as a string is the attribute of the two that comes first in the source; a missing attribute is
the empty string; ``X[1]`` after ``.//*`` is the first match among each parent's children,
``(X)[1]`` the first match of the whole document.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from lxml import etree

TRAFILATURA_VERSION = "2.3.1"

_Predicate = Callable[[Any], bool]
ID_CLASS = ("id", "class")


_MISSING = object()
# Distinct attribute values remembered per expression (a page has a few hundred); the memo
# starts afresh past this many.
_CACHE_MAX = 50_000


def _cached_search(pattern: str, flags: int = 0) -> Callable[[str], bool | None]:
    """Whether ``re.search(pattern, value, flags)`` finds something (True, else None), each
    value's answer remembered: a page repeats its class names hundreds of times, and the
    answer depends on the value alone."""
    search = re.compile(pattern, flags).search
    cache: dict[str, bool | None] = {}

    def cached(value: str) -> bool | None:
        found = cache.get(value, _MISSING)
        if found is _MISSING:
            if len(cache) >= _CACHE_MAX:
                cache.clear()
            found = cache[value] = True if search(value) is not None else None
        return found  # type: ignore[return-value]

    return cached


def _first_of(
    el: Any,
    names: tuple[str, str],
    a: Any = _MISSING,
    b: Any = _MISSING,
) -> str:
    """String value of ``@a|@b``: the one of the two attributes that comes first in the source
    (``a`` and ``b``, their values, when the caller has read them)."""
    if a is _MISSING:
        a, b = el.get(names[0]), el.get(names[1])
    if a is None or b is None:
        return a or b or ""
    for key, value in el.items():
        if key in names:
            return str(value)
    return ""  # unreachable: both are there


class _Matcher:
    """Callable like an lxml XPath over ``.//*[self::tag or ...][predicate]`` (``mode`` ``all``),
    ``...[1]`` (``per_parent``) or ``(...)[1]`` (``first``)."""

    def __init__(
        self,
        original: Any,
        tags: tuple[Any, ...],
        attributes: tuple[str, ...],
        predicate: _Predicate,
        mode: str = "all",
        names: tuple[str, ...] = (),
    ) -> None:
        self.original = original
        self.tags = tags
        # Tags that match whatever their attributes (a union with ``.//name`` paths).
        self.names = frozenset(names)
        # Every attribute the predicate reads: an element with none of them cannot match
        # (checked here), so it is passed over with one look at its attribute names.
        self.attributes = frozenset(attributes)
        self.predicate = predicate
        self.mode = mode
        if predicate(etree.Element("div")):
            raise ValueError(f"{original.path} matches an element without attributes")

    def __call__(self, tree: Any) -> list[Any]:
        if not isinstance(tree, etree._Element):
            return list(self.original(tree))
        found = []
        attributes, predicate, names = self.attributes, self.predicate, self.names
        matches = (
            el
            for el in tree.iterdescendants(*self.tags)
            if (names and el.tag in names)
            or (not attributes.isdisjoint(el.keys()) and predicate(el))
        )
        if self.mode == "first":
            first = next(matches, None)
            return [] if first is None else [first]
        if self.mode == "per_parent":
            parents = set()
            for el in matches:
                parent = el.getparent()
                if parent not in parents:
                    parents.add(parent)
                    found.append(el)
            return found
        return list(matches)


def _matchers() -> dict[str, Any]:
    """Replacements for trafilatura.xpaths' lists, item by item (an XPath kept as it is), and
    for baseline's BASIC_CLEAN_XPATH."""
    import trafilatura.settings as settings
    import trafilatura.xpaths as x

    alt = x._alt
    # OVERALL_DISCARD_XPATH[0]
    cookie = _cached_search(alt(x._CONSENT_ID_CLASS_TOKENS))
    discard_id = _cached_search(alt(x._OVERALL_DISCARD_BOTH_TOKENS + x._OVERALL_DISCARD_ID_TOKENS))
    discard_class = _cached_search(
        alt(x._OVERALL_DISCARD_BOTH_TOKENS + x._OVERALL_DISCARD_CLASS_TOKENS)
    )

    def overall_0(el: Any) -> bool:
        get = el.get
        ident, klass = get("id"), get("class")
        return (
            discard_class(klass or "") is not None
            or discard_id(ident or "") is not None
            or cookie(_first_of(el, ID_CLASS, ident, klass)) is not None
            or get("data-lp-replacement-content") is not None
            or "nav" in (get("role") or "").replace("N", "n")
            or "MostPopularStories" in (get("data-component") or "")
        )

    # OVERALL_DISCARD_XPATH[1]
    hidden = _cached_search("hidden")
    reader_comments = _cached_search("reader-comments|akismet")
    hide_class = _cached_search(
        "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print"
        "| hidden| hide|noprint|notloaded"
    )

    def overall_1(el: Any) -> bool:
        get = el.get
        ident, klass, style = get("id"), get("class"), get("style")
        return (
            hide_class(klass or "") is not None
            or klass == "comments-title"
            or _first_of(el, ID_CLASS, ident, klass).startswith("reply-")
            or hidden(_first_of(el, ("id", "style"), ident, style)) is not None
            or (style is not None and ("display:none" in style or "display: none" in style))
            or reader_comments(ident or "") is not None
            or get("aria-hidden") == "true"
        )

    # REMOVE_COMMENTS_AND_LISTS_XPATH[0]
    comments_id = _cached_search(f"^(?:{x._COMMENTS_ID}|disqus_thread|dsq-comments)")
    comments_id_lists = _cached_search(f"^(?:{x._COMMENTS_ID})")
    comments_class = _cached_search(x._COMMENTS_CLASS)

    def comments_and_lists(el: Any) -> bool:
        ident, klass = el.get("id") or "", el.get("class") or ""
        in_class = comments_class(klass) is not None
        if not (comments_id(ident) is not None or in_class):
            return False
        return el.tag not in ("ol", "ul") or comments_id_lists(ident) is not None or in_class

    # RAW_TREE_PRUNE_XPATH[0], [1]
    appended = _cached_search("mvp-post-add-(?:box|wrap)|infinite-?scroll")
    appended_box = _cached_search("mvp-post-add-(?:box|wrap)")

    def raw_0(el: Any) -> bool:
        ident, klass = el.get("id") or "", el.get("class") or ""
        if appended(ident) is None and appended(klass) is None:
            return False
        return (
            next(el.iterdescendants("h1"), None) is None
            or appended_box(ident) is not None
            or appended_box(klass) is not None
        )

    def raw_1(el: Any) -> bool:
        return "elementor-share-buttons" in (el.get("class") or "")

    # TEASER_DISCARD_XPATH[0], DISCARD_IMAGE_ELEMENTS[0]
    def teaser(el: Any) -> bool:
        return "teaser" in (el.get("id") or "").replace("T", "t") or "teaser" in (
            el.get("class") or ""
        ).replace("T", "t")

    def caption(el: Any) -> bool:
        return "caption" in (el.get("id") or "") or "caption" in (el.get("class") or "")

    # BODY_XPATH[0], [2], [3]
    article_id = _cached_search(alt(x._ARTICLE_CONTENT_ID_TOKENS))
    article_class = _cached_search(alt(x._ARTICLE_CONTENT_CLASS_TOKENS))

    def body_0(el: Any) -> bool:
        get = el.get
        klass = get("class")
        ident = get("id")
        return (
            klass == "post"
            or klass == "entry"
            or get("itemprop") == "articleBody"
            or ident == "articleContent"
            or article_id(ident or "") is not None
            or article_class(klass or "") is not None
        )

    story_id = _cached_search(alt(x._STORY_ID_TOKENS))
    fulltext = _cached_search("fulltext", re.IGNORECASE)
    story_class = _cached_search(alt(x._STORY_CLASS_TOKENS))
    story_classes = ("postarea", "art-postcontent", "text", "cell", "story")

    def body_2(el: Any) -> bool:
        get = el.get
        klass = get("class")
        ident = get("id")
        return (
            get("role") == "article"
            or ident == "article"
            or ident == "story"
            or klass in story_classes
            or story_id(ident or "") is not None
            or fulltext(klass or "") is not None
            or story_class(klass or "") is not None
        )

    main_id = _cached_search(alt(x._MAIN_CONTENT_ID_TOKENS))
    main_class = _cached_search(alt(x._MAIN_CONTENT_CLASS_TOKENS))

    def body_3(el: Any) -> bool:
        get = el.get
        klass = get("class") or ""
        ident = get("id") or ""
        return (
            get("id") == "content"
            or get("class") == "content"
            or main_id(ident) is not None
            or main_class(klass) is not None
            or "main-content" in ident.replace("C", "c").replace("M", "m")
            or "main-content" in klass.replace("C", "c").replace("M", "m")
            or "page-content" in klass.replace("C", "c").replace("P", "p")
        )

    # trafilatura.settings.BASIC_CLEAN_XPATH (baseline and html2txt): a union in document order
    consent = _cached_search(settings._COOKIE_CONSENT_RE, re.IGNORECASE)

    def basic_clean(el: Any) -> bool:
        klass, ident = el.get("class"), el.get("id")
        return (
            consent(klass or "") is not None
            or consent(ident or "") is not None
            or (el.tag == "div" and "footer" in _first_of(el, ("class", "id"), klass, ident))
        )

    blocks = ("div", "item", "list", "p", "section", "span")
    containers = ("article", "div", "main", "section")
    boxes = ("div", "section", "aside")
    return {
        "BASIC_CLEAN_XPATH": _Matcher(
            settings.BASIC_CLEAN_XPATH,
            (etree.Element,),
            ID_CLASS,
            basic_clean,
            names=("aside", "fencedframe", "footer", "script", "style", "svg", "template"),
        ),
        "OVERALL_DISCARD_XPATH": [
            _Matcher(
                x.OVERALL_DISCARD_XPATH[0],
                blocks,
                ("data-lp-replacement-content", "role", "data-component", "id", "class"),
                overall_0,
            ),
            _Matcher(
                x.OVERALL_DISCARD_XPATH[1],
                (etree.Element,),
                ("class", "id", "style", "aria-hidden"),
                overall_1,
            ),
        ],
        "REMOVE_COMMENTS_AND_LISTS_XPATH": [
            _Matcher(
                x.REMOVE_COMMENTS_AND_LISTS_XPATH[0],
                ("div", "list", "section", "details", "ol", "ul"),
                ID_CLASS,
                comments_and_lists,
            )
        ],
        "RAW_TREE_PRUNE_XPATH": [
            _Matcher(x.RAW_TREE_PRUNE_XPATH[0], boxes, ID_CLASS, raw_0),
            _Matcher(x.RAW_TREE_PRUNE_XPATH[1], boxes, ("class",), raw_1),
        ],
        "TEASER_DISCARD_XPATH": [_Matcher(x.TEASER_DISCARD_XPATH[0], blocks, ID_CLASS, teaser)],
        "DISCARD_IMAGE_ELEMENTS": [
            _Matcher(x.DISCARD_IMAGE_ELEMENTS[0], blocks, ID_CLASS, caption)
        ],
        "BODY_XPATH": [
            _Matcher(x.BODY_XPATH[0], containers, (*ID_CLASS, "itemprop"), body_0, "per_parent"),
            x.BODY_XPATH[1],
            _Matcher(x.BODY_XPATH[2], containers, (*ID_CLASS, "role"), body_2, "first"),
            _Matcher(x.BODY_XPATH[3], containers, ID_CLASS, body_3, "first"),
            x.BODY_XPATH[4],
        ],
    }


@functools.cache
def _replacements() -> dict[str, Any]:
    """The matchers (built once), or none for a trafilatura other than the one they match."""
    import trafilatura

    return _matchers() if trafilatura.__version__ == TRAFILATURA_VERSION else {}


@contextmanager
def faster_xpaths() -> Iterator[None]:
    """trafilatura's lists hold the matchers while the block runs (the same list objects, which
    its modules imported by name), and trafilatura.baseline's BASIC_CLEAN_XPATH name the one
    for it; its own XPath objects again afterwards."""
    import trafilatura.xpaths as x

    # The module, not the function trafilatura's package exports under the same name.
    baseline: Any = importlib.import_module("trafilatura.baseline")

    replacements = _replacements()
    replaced = [
        (getattr(x, name), items) for name, items in replacements.items() if isinstance(items, list)
    ]
    saved = [list(target) for target, _ in replaced]
    basic_clean = baseline.BASIC_CLEAN_XPATH
    for target, items in replaced:
        target[:] = items
    if "BASIC_CLEAN_XPATH" in replacements:
        baseline.BASIC_CLEAN_XPATH = replacements["BASIC_CLEAN_XPATH"]
    try:
        yield
    finally:
        for (target, _), items in zip(replaced, saved, strict=True):
            target[:] = items
        baseline.BASIC_CLEAN_XPATH = basic_clean
