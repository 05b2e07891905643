"""The headline as the page shows it, and titles cleaned of the site's name.

Metadata titles (JSON-LD ``headline``, ``og:title``, ``<title>``) are often an SEO variant of the
headline or carry the site's name ("... | Börsen-Zeitung", "Leadfeeder | ..."). The headline
element is the ``<h1>`` (or, on pages without one, an ``<h2>``) whose words are mostly those of
one of these titles: it is what readers see above the article, and the anchor next to which the
byline and the dateline are looked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from lxml import etree

from tracker.extract.dates import dates_in

_WORD_RE = re.compile(r"\w+")
# Separators between a headline and the site's name in <title> and og:title.
_SEPARATOR_RE = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/|~)\s+|\s*\|\s*")
# Share of a heading's words that must be in a metadata title for the heading to be the headline.
HEADLINE_OVERLAP = 0.6
# ... and the share of that title's words (its site name taken off) the heading must hold.
TITLE_COVERED = 0.4
MAX_HEADLINE_CHARS = 300
# A page's only <h1> that matches no metadata title is its headline only within these bounds.
MIN_LONE_WORDS = 3
MAX_LONE_CHARS = 150
# Headings looked at, per tag: the headline comes early in the document.
MAX_HEADINGS = 8
# Second-level domains under which the registrant's name is the third label (bbc.co.uk).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go"})


# Text a reader never sees: a script inside an <h1> is not part of the headline. A <br> (in
# document order with the text) breaks the line: "(US)<br>Your Guide" reads as two words.
_VISIBLE_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::template"
    " or ancestor::noscript)] | .//br"
)


def node_text(el: etree._Element) -> str:
    """The element's visible text with whitespace collapsed, a line break read as a space."""
    return " ".join(
        "".join(" " if isinstance(t, etree._Element) else str(t) for t in _VISIBLE_TEXT(el)).split()
    )


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.casefold())


def _key(text: str) -> str:
    return "".join(_words(text))


def _overlap(heading: list[str], title: str) -> float:
    """Share of the heading's words found in ``title``."""
    if not heading:
        return 0.0
    title_words = set(_words(title))
    return sum(w in title_words for w in heading) / len(heading)


def headline_element(
    tree: etree._Element,
    titles: Sequence[str],
    site_names: Iterable[str | None] = (),
    url: str = "",
) -> etree._Element | None:
    """The heading that is the article's headline, or None.

    The first ``<h1>`` whose words are mostly in one of ``titles`` (the metadata's titles) and
    cover a good part of that title once the site's name is taken off it; without any title
    to compare with, the first non-empty ``<h1>``. A heading that is the site's name (a logo)
    is never the headline. A page whose ``<h1>`` elements are all something else may have its
    headline in an ``<h2>``, taken only when it matches a title as closely.
    """
    titles = [t for t in titles if t]
    keys = _site_keys(site_names, url)
    stripped = [_words(strip_site_name(t, site_names, url)) for t in titles]
    others: set[str] = set()
    first: etree._Element | None = None
    for count, heading in enumerate(tree.iter("h1")):
        if count >= MAX_HEADINGS:
            break
        text = node_text(heading)
        if not text or _key(text) in keys:
            continue
        others.add(_key(text))
        if len(text) > MAX_HEADLINE_CHARS:
            continue
        if first is None:
            first = heading
        words = _words(text)
        for title, title_words in zip(titles, stripped, strict=True):
            if (
                _overlap(words, title) >= HEADLINE_OVERLAP
                and _overlap(title_words, text) >= TITLE_COVERED
            ):
                return heading
    if first is None or len(others) > 1:
        return None
    # The page's only <h1>, though the metadata titles say something else (an SEO title):
    # it is the headline when it reads like one.
    text = node_text(first)
    if not titles or _reads_like_headline(text):
        return first
    return None


def _reads_like_headline(text: str) -> bool:
    """A lone <h1> reads like a headline when it has a few words, is not too long, is not a
    banner in capitals ("SUPPORTING GAAP COMPLIANCE") and does not lead in to something else
    ("A message from ...:")."""
    letters = [c for c in text if c.isalpha()]
    shouting = bool(letters) and all(c.isupper() for c in letters)
    return (
        len(text.split()) >= MIN_LONE_WORDS
        and len(text) <= MAX_LONE_CHARS
        and not shouting
        and not text.rstrip().endswith(":")
    )


def _site_keys(site_names: Iterable[str | None], url: str) -> set[str]:
    keys = {_key(n) for n in site_names if n}
    keys.update(host_names(url) if url else [])
    keys.discard("")
    return keys


def headline_text(
    headline: etree._Element, titles: Sequence[str], site_names: Iterable[str | None], url: str
) -> str:
    """The headline's text, without the dateline some pages put inside the <h1> ("Dec 18 2025
    Preparing a transition", "... Posted on July 1, 2024 by infuy"): when a metadata title is
    part of the text and what is left holds a date, the title's part alone."""
    text = node_text(headline)
    folded = text.casefold()
    for title in titles:
        stripped = " ".join(strip_site_name(title, site_names, url).split())
        start = folded.find(stripped.casefold()) if stripped else -1
        if start < 0 or len(stripped) == len(text):
            continue
        rest = text[:start] + " " + text[start + len(stripped) :]
        if dates_in(rest):
            return text[start : start + len(stripped)]
    return text


def host_names(url: str) -> list[str]:
    """The names a site's host gives it: "www.blog.example.co.uk" gives ["example"]."""
    host = (urlsplit(url).hostname or "").lower()
    labels = [label for label in host.split(".") if label and label != "www"]
    if len(labels) < 2:
        return labels
    labels = labels[:-1]  # the top-level domain
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    return [labels[-1]]


def _is_site_name(part: str, site_keys: Iterable[str]) -> bool:
    """Whether a title part names the site: equal to a site name or the host's name, or a
    short part (at most four words) that starts with the host's name ("EcoFlow ZA")."""
    key = _key(part)
    if not key:
        return False
    short = len(part.split()) <= 4
    for site in site_keys:
        if key == site:
            return True
        if short and len(site) >= 4 and (key.startswith(site) or key.endswith(site)):
            return True
    return False


def strip_site_name(title: str, site_names: Iterable[str | None], url: str = "") -> str:
    """``title`` without the site's name before or after it.

    "Headline | Site", "Headline - Site | Tagline" and "Site | Headline" give "Headline", where
    Site is the og:site_name, the JSON-LD publisher or the host's name ("bold" for bold.org).
    A title that is nothing but the site's name is kept.
    """
    keys = _site_keys(site_names, url)
    if not keys:
        return title
    pieces = _SEPARATOR_RE.split(title)
    if len(pieces) < 2:
        return title
    separators = _SEPARATOR_RE.findall(title)
    # The first part from the second on that names the site ends the headline.
    for index in range(1, len(pieces)):
        if _is_site_name(pieces[index], keys):
            pieces, separators = pieces[:index], separators[: index - 1]
            break
    if len(pieces) > 1 and _is_site_name(pieces[0], keys):
        pieces, separators = pieces[1:], separators[1:]
    out = pieces[0]
    for separator, piece in zip(separators, pieces[1:], strict=True):
        out += separator + piece
    return out.strip() or title
