"""Does a page fetched without a browser look like its article is rendered by JavaScript?

Pure functions over an HTML string (no Scrapy). The spider asks this only after extraction
found no article on a page fetched over plain HTTP; a positive answer sends the page through the
browser once (tracker.browser). Each test is cheap and says why it fired, so the reason can be
counted in stats:

- ``js_notice``: the page says JavaScript is needed ("please enable JavaScript") and has little
  else to read;
- ``empty_root``: a known application root (``#root``, ``#__next``, ``<app-root>`` ...) is empty
  while script bundles are loaded;
- ``script_shell``: no known root, but the body has almost no text and loads script bundles;
- ``json_state``: the page carries its content as JSON state (``__NEXT_DATA__``,
  ``window.__INITIAL_STATE__`` ...) far longer than its little visible text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from copy import deepcopy as copy_tree
from typing import Any

import lxml.html
from lxml import etree

from tracker.processing.normalise import word_count

# Element ids that single-page-application frameworks mount into.
APP_ROOT_IDS = frozenset(
    {
        "root",
        "app",
        "app-root",
        "react-root",
        "__next",
        "__nuxt",
        "___gatsby",
        "svelte",
        "application",
        "main-app",
        "fusion-app",
    }
)
# Custom elements used as application roots (Angular's default, Ember's).
APP_ROOT_TAGS = frozenset({"app-root", "ember-application"})

# Below this many characters of visible text a page has nothing a reader could read.
SHELL_TEXT_CHARS = 200
# A "JavaScript required" notice counts only on a page with less visible text than this:
# many complete articles carry such a notice for their comments or video player.
NOTICE_TEXT_CHARS = 1500
# JSON state counts when it is at least this long and this many times the visible text, on a
# page with less visible text than STATE_TEXT_CHARS: server-rendered Next.js pages carry state
# ten or twenty times their text too, but they also show thousands of characters of it.
STATE_MIN_CHARS = 1000
STATE_TEXT_RATIO = 5
STATE_TEXT_CHARS = 3000
# Extraction that found fewer words than this did not find an article body.
MIN_ARTICLE_WORDS = 30

_NOTICE = re.compile(
    r"(?:enable|turn\s+on|activate|allow|switch\s+on)\s+(?:your\s+)?javascript"
    r"|javascript\s+(?:is\s+)?(?:required|disabled|needed|turned\s+off|must\s+be\s+enabled)"
    r"|(?:requires?|needs?)\s+javascript"
    r"|without\s+javascript"
    r"|javascript\s+to\s+(?:run|view|use|read|display|continue)",
    re.IGNORECASE,
)
# Inline scripts that assign an application's state to a global, or stream it (the React
# Server Components payload of Next.js app-router pages: self.__next_f.push).
_STATE_ASSIGNMENT = re.compile(
    r"window\.(?:__[A-Z0-9_]*(?:STATE|DATA|PROPS)[A-Z0-9_]*__|__NUXT__)\s*="
    r"|self\.__next_f\.push\(",
    re.IGNORECASE,
)
_STATE_IDS = frozenset({"__NEXT_DATA__", "__NUXT_DATA__"})
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
_WS = re.compile(r"\s+")


def looks_client_rendered(html: str | bytes | None) -> str | None:
    """Return why ``html`` looks rendered in the browser (a short code), or None.

    The codes are ``js_notice``, ``empty_root``, ``script_shell`` and ``json_state`` (see the
    module docstring). Broken or empty HTML gives None: nothing suggests a browser would help.
    """
    if not html:
        return None
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    body = root.find("body")
    readable = _without_invisible(root if body is None else body)
    bundles = _script_bundles(root)
    visible = _visible_text(readable)
    if len(visible) < NOTICE_TEXT_CHARS and _has_notice(root, visible):
        return "js_notice"
    if bundles and len(visible) < SHELL_TEXT_CHARS:
        return "empty_root" if _has_empty_app_root(readable) else "script_shell"
    if len(visible) < STATE_TEXT_CHARS:
        state = _state_chars(root)
        if state >= STATE_MIN_CHARS and state > STATE_TEXT_RATIO * len(visible):
            return "json_state"
    return None


def lacks_article(fields: Mapping[str, Any]) -> bool:
    """Whether extraction's ``fields`` hold no article: no title, or no body worth the name."""
    if not fields.get("title"):
        return True
    text = fields.get("text") or fields.get("body") or ""
    # Counted as the validate pipeline counts: a Japanese body has no spaces between words.
    return word_count(str(text)) < MIN_ARTICLE_WORDS


def _visible_text(node: Any) -> str:
    """The text a reader would see in ``node``: without scripts, styles and noscript blocks."""
    return _WS.sub(" ", node.text_content() or "").strip()


def _without_invisible(node: Any) -> Any:
    """A copy of ``node`` without the elements a reader never sees (their tails stay)."""
    copy = copy_tree(node)
    etree.strip_elements(copy, *_INVISIBLE, etree.Comment, with_tail=False)
    return copy


def _has_notice(root: Any, visible: str) -> bool:
    if _NOTICE.search(visible):
        return True
    return any(_NOTICE.search(node.text_content() or "") for node in root.iter("noscript"))


_EXECUTABLE = frozenset({"", "module", "text/javascript", "application/javascript"})


def _script_bundles(root: Any) -> int:
    """How many scripts the page loads from files (the bundles that would render it)."""
    count = 0
    for script in root.iter("script"):
        if script.get("src") and (script.get("type") or "").strip().lower() in _EXECUTABLE:
            count += 1
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "modulepreload":
            count += 1
    return count


def _has_empty_app_root(readable: Any) -> bool:
    return any(
        len(_visible_text(element)) < SHELL_TEXT_CHARS
        for element in readable.iter()
        if (element.get("id") or "").lower() in APP_ROOT_IDS or element.tag in APP_ROOT_TAGS
    )


def _state_chars(root: Any) -> int:
    """Characters of application state embedded as JSON (not JSON-LD, which is metadata)."""
    total = 0
    for script in root.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        text = script.text or ""
        if kind == "application/ld+json":
            continue
        is_json = kind == "application/json" or script.get("id") in (
            "__NEXT_DATA__",
            "__NUXT_DATA__",
        )
        if is_json or (kind in _EXECUTABLE and _STATE_ASSIGNMENT.search(text)):
            total += len(text)
    return total
