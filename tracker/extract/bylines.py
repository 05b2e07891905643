"""Authors from the byline the page prints next to the headline.

Structured data often names no author, or names the site itself, a CMS user name ("q_admin",
"andrew.keaveney") or a URL slug ("sophie-foster"), while the page prints "By Jane Doe" under the
headline. :func:`byline_names` reads the text just after (and a little before) the headline
element and takes the names that the markup or the wording marks as the author's:

* a label: "By", "Written by:", "Author:", "Posted by" (and Von, Par, Por, Di, Door, Av);
* the markup: ``rel="author"``, ``itemprop="author"``, a class or id with author, byline or
  writer in it, or a link to an author page (``/author/jane-doe``).

Only that short stretch of text is read, so the names on related-article cards further down and
in comment threads are never taken. The names come out raw: ``clean_authors`` in the normalise
pipeline drops roles and other clutter, as for every layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from lxml import etree

from tracker.extract.dates import dates_in
from tracker.extract.nearby import texts_after, texts_before
from tracker.processing.normalise import clean_authors, looks_like_person

# How much text after and before the headline the byline may be in.
AFTER_HEADLINE_CHARS = 500
BEFORE_HEADLINE_CHARS = 150
# A byline holds a few names: more is a list of something else.
MAX_NAMES = 6
# Levels above a text node whose attributes may say it is the author's name.
_MARKUP_DEPTH = 3

# A label alone in its text node ("By", "Written by:"), or in front of the name ("By Jane Doe").
_LABEL = (
    r"(?:(?:written|posted|reported|story|text|words|article)\s+by|by|author(?:s|ed by)?|"
    r"von|par|por|di|door|av|af|autor(?:in)?|auteur)"
)
_LABEL_ALONE_RE = re.compile(rf"^\s*{_LABEL}\s*:?\s*$", re.I)
_LABEL_FIRST_RE = re.compile(rf"^\s*{_LABEL}\s*:?\s+(?=\S)", re.I)
# People credited for something else than the writing ("Reviewed by:", "Photo by").
_OTHER_ROLE_RE = re.compile(
    r"\b(?:reviewed|checked|edited|updated|photos?|photography|images?|illustrations?|video|"
    r"graphics?|produced|translated|narrated|hosted|sponsored|presented)\s+by\b",
    re.I,
)
# Text between the names of one byline.
_JOINER_RE = re.compile(r"^\s*(?:,|&|and|und|et|y|e|og|och|en|i|\|)?\s*$", re.I)
_MARK_RE = re.compile(r"author|byline|writer|contributor|journalist|autor|auteur|verfasser", re.I)
_AUTHOR_PATH_RE = re.compile(
    r"/(?:author|authors|writer|writers|contributor|contributors|journalist|journalists|"
    r"people|profile|profiles|staff|autor|autoren|auteur|auteurs|redacteur|by)/[^/?#]+",
    re.I,
)


# Japanese papers credit the reporter at the start of the text, after the place the story was
# filed from: "【ソウル＝小池和樹】" (Yomiuri), several names separated by "、". A news agency or
# a bureau in that place ("【北京＝共同】", "【ワシントン＝ロイター】", "【上海＝中国総局】") is no
# author.
_PLACE_CREDIT_RE = re.compile(r"^\s*【[^】＝=]{1,20}[＝=]([^】＝=]{1,40})】")
_CREDIT_NOT_A_PERSON_RE = re.compile(
    r"(?:共同|時事|ロイター|ＡＰ|AP|ＡＦＰ|AFP|聯合|新華社|ブルームバーグ|通信|局|社|部|班|"
    r"特派員|記者団|取材団)$"
)


def place_credit_names(headline: etree._Element | None) -> list[str]:
    """The reporters a Japanese article credits at the start of its text ("【ソウル＝小池和樹】":
    place＝name), read from the text just after the headline; empty when there is no such credit
    or it names a news agency or bureau."""
    if headline is None:
        return []
    for text, _el in texts_after(headline, AFTER_HEADLINE_CHARS):
        match = _PLACE_CREDIT_RE.match(text)
        if match:
            names = [n.strip() for n in re.split(r"[、,，]", match.group(1)) if n.strip()]
            return [n for n in names if not _CREDIT_NOT_A_PERSON_RE.search(n)][:MAX_NAMES]
    return []


def _marked_as_author(el: etree._Element, stop: etree._Element | None) -> bool:
    """Whether ``el`` or one of its nearest ancestors is marked up as an author's name."""
    node: etree._Element | None = el
    for _ in range(_MARKUP_DEPTH):
        if node is None or node is stop:
            return False
        if (node.get("rel") or "").lower() == "author":
            return True
        if "author" in (node.get("itemprop") or "").lower():
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _MARK_RE.search(marks):
            return True
        if node.tag == "a" and _AUTHOR_PATH_RE.search(urlsplit(node.get("href") or "").path):
            return True
        node = node.getparent()
    return False


def _segments(headline: etree._Element) -> Iterator[tuple[str, etree._Element, bool]]:
    """Text after the headline, then the text before it (nearest first, so against the
    reading order), each with whether it is after the headline."""
    for text, el in texts_after(headline, AFTER_HEADLINE_CHARS):
        yield " ".join(text.split()), el, True
    for text, el in reversed(texts_before(headline, BEFORE_HEADLINE_CHARS)):
        yield " ".join(text.split()), el, False


# A dateline and a name on one line under the headline, with no label: "Dec. 19, 2025 · Niko
# Matsakis", "2025-12-17 · Trond Teigen" (blog themes print the date, a dot, the author).
_SEPARATOR_CHARS = "·•|・"
_SEPARATOR = f"[{_SEPARATOR_CHARS}]"
_SEPARATOR_ALONE_RE = re.compile(rf"^\s*{_SEPARATOR}\s*$")
_DATE_THEN_REST_RE = re.compile(
    rf"^(?P<date>[^{_SEPARATOR_CHARS}]{{6,40}}?)\s*{_SEPARATOR}\s*(?P<rest>.*)$"
)
# "Jane Doe on behalf of the Vision Doc group": the writer is the name before.
_ON_BEHALF_RE = re.compile(r"\s+on behalf of\b.*$", re.I)


def _dateline_then(text: str) -> str | None:
    """What follows the date of a dateline line ("Dec. 19, 2025 · Niko Matsakis" gives "Niko
    Matsakis", "2025-12-17" gives ""), or None when the text does not start with a full date
    (day, month and year) standing alone before a separator."""
    match = _DATE_THEN_REST_RE.match(text)
    head, rest = (match.group("date"), match.group("rest")) if match else (text, "")
    if len(head) > 40 or len(dates_in(head)) != 1:
        return None
    return rest


# Words of the links, buttons and content-type labels printed beside a dateline ("No Comments",
# "Find A Location", "Share This", NASA's "Image Article", "Press Release", "Blog Post"): never
# in a name.
_NOT_IN_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "no",
        "of",
        "in",
        "on",
        "to",
        "for",
        "and",
        "or",
        "at",
        "with",
        "from",
        "by",
        "our",
        "your",
        "my",
        "this",
        "that",
        "these",
        "all",
        "more",
        "share",
        "comment",
        "comments",
        "reply",
        "read",
        "view",
        "find",
        "follow",
        # content types
        "article",
        "story",
        "image",
        "video",
        "photo",
        "photos",
        "audio",
        "podcast",
        "episode",
        "gallery",
        "news",
        "release",
        "feature",
        "blog",
        "report",
        "update",
        "updates",
        "opinion",
        "analysis",
        "review",
        "interview",
        "explainer",
        "minute",
        "minutes",
        "min",
    ]
)


def _full_name(text: str) -> bool:
    """Whether an unlabelled, unmarked text is a person's full name: two to four capitalised
    words, none a word of a link or button (one word beside a dateline is as often a section
    as a name)."""
    words = text.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() and w.casefold() not in _NOT_IN_NAMES for w in words)
        and _holds_name(text)
    )


def byline_names(headline: etree._Element | None) -> list[str]:
    """The names of the byline next to the headline element (raw), or an empty list.

    The byline starts at the first name that a label ("By") or the markup marks as the
    author's, and goes on over names joined by "and", commas or "&"; it ends at the first
    other text.
    """
    if headline is None:
        return []
    container = headline.getparent()
    names: list[str] = []
    labelled = False  # the text before was a label such as "By"
    credited = False  # ... or one such as "Reviewed by": the name after it is not an author
    joined = False  # the text before was "and" or a comma, inside a byline
    first: tuple[str, str] = ("", "")  # tag and class of the first name's element
    dated = False  # the text before was a dateline's date (and separator)
    for text, el, in_reading_order in _segments(headline):
        if not text:
            continue
        if dated and not names and _SEPARATOR_ALONE_RE.match(text):
            continue
        if names and _JOINER_RE.match(text):
            joined = True
            continue
        if names:
            # The byline goes on with a name joined to it ("and") or in an element like the
            # first name's (one link per author); a job title after the name ends it.
            same = (el.tag, el.get("class") or "") == first
            if (joined or same) and _holds_name(text):
                names.append(text)
                joined = False
                if len(names) < MAX_NAMES:
                    continue
            break
        other_role = _OTHER_ROLE_RE.search(text)
        if other_role and not text[: other_role.start()].strip():
            credited, labelled = True, False
            continue
        if other_role:
            text = text[: other_role.start()]  # "By Jane Doe Updated by John Roe"
        if _LABEL_ALONE_RE.match(text):
            labelled = not credited
            continue
        label = _LABEL_FIRST_RE.match(text)
        candidate = text[label.end() :] if label else text
        after_date = _dateline_then(text) if not (label or labelled) else None
        if after_date is not None:
            candidate = _ON_BEHALF_RE.sub("", after_date)
        elif dated and not (label or labelled):
            candidate = _ON_BEHALF_RE.sub("", text)
        marked = bool(label) or labelled or _marked_as_author(el, container)
        if not marked and (after_date or dated):
            marked = _full_name(candidate)
        if marked and not credited and _holds_name(candidate):
            names.append(candidate)
            first = (str(el.tag), el.get("class") or "")
            continue
        labelled = credited = False
        # A date alone, then a name: only in reading order (before the headline the texts
        # come nearest first, and the text before a dateline is a breadcrumb or a section).
        dated = after_date == "" and in_reading_order
    return names


# Elements marked up as an author's name anywhere (one XPath pass, only when needed). Every
# test implies that some attribute holds "uthor" or "byline": that one test on the attribute
# nodes comes first, since libxml2 reads ``contains(@class, ...)`` as a string conversion of
# each named attribute, for every element (0.72 -> 0.43 CPU s over the 385 WCXB dev pages'
# whole trees, the same elements).
_MARKED_XPATH = etree.XPath(
    "descendant::*[@*[contains(., 'uthor') or contains(., 'byline')]]"
    "[@rel='author' or contains(@class, 'uthor') or contains(@class, 'byline')"
    " or contains(@href, '/author') or contains(@itemprop, 'author') or contains(@id, 'uthor')]"
)
# The article's container: where its byline is when it is not next to the headline.
_ARTICLE_TAGS = frozenset({"article", "main"})
# Places whose names are not the article's author: cards of other articles, comments, menus.
_ELSEWHERE_RE = re.compile(
    r"related|recommend|more-|popular|trending|sidebar|widget|teaser|card|promo|newsletter|"
    r"comment|reply|footer|menu|nav|share|social|list|grid|carousel|slider",
    re.I,
)
_ELSEWHERE_TAGS = frozenset({"aside", "nav", "footer", "header", "li", "form"})
# Controls hold labels, never a name: sn.at's "followAuthorBtn" buttons and links say "Folgen",
# "Abbruch", "Themen bearbeiten".
_CONTROL_TAGS = frozenset({"button", "input", "select", "option", "textarea"})
_CONTROL_CLASS_RE = re.compile(r"btn|button|follow", re.I)
# Ancestors looked at to tell where a marked element is.
_PLACE_DEPTH = 6


def _elsewhere(el: etree._Element) -> bool:
    """Whether ``el`` sits in a card of another article, a comment, a menu or a footer."""
    for index, node in enumerate(el.iterancestors()):
        if index >= _PLACE_DEPTH:
            return False
        if node.tag in _ELSEWHERE_TAGS:
            return True
        if _ELSEWHERE_RE.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def marked_author_names(tree: etree._Element, headline: etree._Element | None) -> list[str]:
    """Names the page marks up as an author's (``rel="author"``, an author class, a link to an
    author page) outside cards of other articles, comments, menus and footers: the byline of
    a page whose byline is far from its headline, looked for in the headline's <article> or
    <main> (the whole page when there is none). The first such element gives the name, and
    those beside it (same parent) any co-authors."""
    scope = tree
    if headline is not None:
        scope = next((a for a in headline.iterancestors() if a.tag in _ARTICLE_TAGS), tree)
    names: list[str] = []
    parent: etree._Element | None = None
    for el in _MARKED_XPATH(scope):
        if names and el.getparent() is not parent:
            break
        if el.tag in _CONTROL_TAGS or _CONTROL_CLASS_RE.search(el.get("class") or ""):
            continue
        text = " ".join("".join(el.itertext()).split())
        if len(text) > 80:
            # An author box holding the name, then a role, a date or a bio: its first text,
            # when that is a full name ("<div class=author-details><p>Luke Kim</p><small>
            # December 17, 2025</small>").
            first_text = next((t for t in el.itertext() if t.strip()), "")
            text = " ".join(first_text.split())
            if not _full_name(text):
                continue
        # A label marked up on its own (<span class="author-by">By</span>) is not a name.
        if not text or _LABEL_ALONE_RE.match(text) or _elsewhere(el):
            continue
        label = _LABEL_FIRST_RE.match(text)
        candidate = text[label.end() :] if label else text
        if _OTHER_ROLE_RE.search(candidate) or not _holds_name(candidate):
            continue
        if candidate not in names:
            names.append(candidate)
        parent = el.getparent()
        if len(names) >= MAX_NAMES:
            break
    return names


def _holds_name(text: str) -> bool:
    """Whether a text of the byline holds at least one person's name."""
    return any(looks_like_person(name) for name in clean_authors([text]))


def slug_name(value: str, shown: Iterable[str], page_text: str) -> str | None:
    """The name an author slug stands for ("sophie-foster" -> "Sophie Foster"), when the page
    shows that name (in its byline or anywhere in its text); else None."""
    if not re.fullmatch(r"[a-z][a-z'’]*(?:[-_][a-z][a-z'’]*){1,3}", value):
        return None
    words = re.split(r"[-_]", value)
    key = "".join(words)
    for name in shown:
        if "".join(re.findall(r"[^\W\d_]+", name.casefold())) == key:
            return name
    spaced = " ".join(words)
    if spaced in page_text.casefold():
        return " ".join(w[:1].upper() + w[1:] for w in words)
    return None


# Paragraphs of the article text looked at for a bold byline before the text is judged to start.
_BOLD_BYLINE_PARAGRAPHS = 5
# Between the names of a bold byline: "Mathatisi Sebusi/Mohalenyane Phakela".
_BOLD_BYLINE_SEPARATOR_RE = re.compile(r"\s*/\s*")


def bold_byline_names(container: etree._Element) -> list[str]:
    """The names of a byline printed as a bold paragraph at the top of the article text (raw),
    or an empty list.

    Some newspapers' CMS posts every story from one account and prints the reporter's name as
    the text's first bold line, ``<p><strong>Jane Doe/John Roe</strong></p>``, after the
    standfirst in italics. Only paragraphs before the first one of ordinary text are read, and
    a bold paragraph is a byline only when each of its names can be a person's (a bold lead
    sentence is not).
    """
    for paragraph in list(container.iterchildren("p"))[:_BOLD_BYLINE_PARAGRAPHS]:
        text = " ".join("".join(paragraph.itertext()).split())
        if not text:
            continue  # <p>&nbsp;</p>
        if _whole_text_in(paragraph, ("em", "i"), text):
            continue  # the standfirst
        if not _whole_text_in(paragraph, ("strong", "b"), text):
            return []
        names = [n for n in _BOLD_BYLINE_SEPARATOR_RE.split(text) if n]
        return names if names and all(_holds_name(n) for n in names) else []
    return []


def _whole_text_in(paragraph: etree._Element, tags: tuple[str, ...], text: str) -> bool:
    """Whether all of a paragraph's text is inside elements with these tags."""
    outermost = [
        el
        for el in paragraph.iterdescendants(*tags)
        if not any(a.tag in tags for a in _ancestors_below(el, paragraph))
    ]
    inner = "".join("".join(el.itertext()) for el in outermost)
    return " ".join(inner.split()) == text


def _ancestors_below(el: etree._Element, top: etree._Element) -> Iterator[etree._Element]:
    """The ancestors of ``el`` up to, not including, ``top``."""
    for ancestor in el.iterancestors():
        if ancestor is top:
            return
        yield ancestor
