"""Scoring of one page's extraction against a reference, shared by the bench and the tests.

Body text: the 4-gram shingle precision/recall of tools.metrics (docs/METRICS.md) and WCXB's
own word-level F1 (lowercased ``\\w+`` tokens as bags, F1 per page); WCXB's "with" snippets (text a
correct extraction contains) and "without" snippets (boilerplate it must not contain), both
looked up in the lowercased token sequence. Fields follow METRICS.md: title equal after NFC and
whitespace collapsing (curly quotes and the ellipsis character read as ASCII on both sides, see
``title_right``), authors equal as case-insensitive sets, published the same instant within 60 s
when the reference has a time, the same calendar date when it has only a date.

WCXB gives its authors as one string ("A, B and C", "Jane Doe, MD, RD"); ``reference_author_sets``
reads the sets of names such a string can mean (see there). The dev/check split of a corpus is a
stable hash of the page id (``split_of``), so tuning on one half and checking on the other always
puts the same pages in the same half.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from tools.metrics import authors_equal, published_equal, title_equal

__all__ = [
    "SPLITS",
    "authors_right",
    "published_right",
    "reference_author_sets",
    "snippet_found",
    "split_of",
    "title_right",
    "word_f1",
    "word_tokens",
]

_WORD_RE = re.compile(r"\w+")
SPLITS = ("dev", "check")


def split_of(page_id: str) -> str:
    """``dev`` or ``check``: half of the pages each, by a stable hash of the page id."""
    digest = hashlib.sha256(page_id.encode("utf-8")).digest()
    return SPLITS[digest[0] & 1]


def word_tokens(text: str | None) -> list[str]:
    """Lowercased ``\\w+`` tokens (WCXB's tokens)."""
    return _WORD_RE.findall((text or "").lower())


def word_f1(true: str | None, pred: str | None) -> float:
    """WCXB's word-level F1 of one page: bags of lowercased tokens, Counter intersection."""
    t, p = Counter(word_tokens(true)), Counter(word_tokens(pred))
    if not t and not p:
        return 1.0
    if not t or not p:
        return 0.0
    common = sum((t & p).values())
    if not common:
        return 0.0
    precision = common / sum(p.values())
    recall = common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def token_text(text: str | None) -> str:
    """The lowercased token sequence as one space-separated string with spaces around it,
    so that ``snippet_found`` is a substring test on whole tokens."""
    return " " + " ".join(word_tokens(text)) + " "


def snippet_found(snippet: str, tokens_joined: str) -> bool:
    """Whether the snippet's token sequence occurs in ``tokens_joined`` (from ``token_text``).
    A snippet without tokens counts as found."""
    needle = word_tokens(snippet)
    if not needle:
        return True
    return " " + " ".join(needle) + " " in tokens_joined


# --- fields --------------------------------------------------------------------------------


# Typographic quotes and the ellipsis character, and the ASCII a reference may write for them.
_TYPOGRAPHIC = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'}
)


def _typography_folded(title: str) -> str:
    return title.translate(_TYPOGRAPHIC).replace("\u2026", "...")


def title_right(expected: str | None, got: str | None) -> bool:
    """METRICS.md: equal after NFC and whitespace collapsing (a missing title is wrong), with
    curly quotes and the ellipsis character read as their ASCII forms on both sides: WCXB's
    references write "We've" where the page's headline, which extractors keep as printed, has
    a right single quotation mark. Every extractor's title is compared the same way."""
    if not expected or not got:
        return False
    return title_equal(_typography_folded(expected), _typography_folded(got))


def published_right(expected: str | None, got: str | None) -> bool:
    """METRICS.md: same instant within 60 s, or the same date when the reference has no time.

    The date of a value with an offset is its local date as stated (not the UTC date)."""
    if not expected or not got:
        return False
    return published_equal(expected.strip().replace(" ", "T", 1), got.strip())


# Qualifications and credentials written after a name: "MD", "Ph.D.", "E-RYT 200", "CEPF®".
_CREDENTIAL_RE = re.compile(r"^(?:[A-Z][A-Za-z]?\.){1,4}$|^[A-Z0-9&®™+\-./ ]{2,12}$")
# Name particles that are lower case inside real names ("van der Merwe", "de la Cruz").
_PARTICLES = frozenset(
    [
        "van",
        "der",
        "den",
        "de",
        "la",
        "le",
        "du",
        "da",
        "di",
        "del",
        "della",
        "dos",
        "das",
        "von",
        "zu",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "e",
    ]
)
_HONORIFIC_RE = re.compile(r"^(?:dr|prof|mr|mrs|ms|mx|sir|dame)\.?\s+", re.IGNORECASE)
_AND_RE = re.compile(r"\s*(?:;|\s&\s|\band\b)\s*", re.IGNORECASE)


def _is_credential_or_role(part: str) -> bool:
    """A comma-separated part after a name that is a qualification or a job, not a person:
    a credential, a single word ("Dietitian"), or words that are not all capitalised
    ("Sr. Director of Operations", "Shipping Expert" is caught by the role check below)."""
    if _CREDENTIAL_RE.match(part):
        return True
    words = part.split()
    if len(words) < 2:
        return True
    lower = [w for w in words if w[:1].islower() and w not in _PARTICLES]
    return bool(lower) or bool(_ROLE_WORDS & {w.strip(".,").lower() for w in words})


_ROLE_WORDS = frozenset(
    [
        "expert",
        "dietitian",
        "nutritionist",
        "director",
        "editor",
        "writer",
        "reporter",
        "correspondent",
        "manager",
        "representative",
        "specialist",
        "consultant",
        "analyst",
        "founder",
        "ceo",
        "cto",
        "president",
        "officer",
        "lead",
        "head",
        "team",
        "staff",
        "contributor",
        "columnist",
        "producer",
        "designer",
        "engineer",
        "coach",
        "trainer",
        "advisor",
        "adviser",
        "therapist",
        "physician",
        "nurse",
        "pharmacist",
        "attorney",
        "lawyer",
        "counsel",
        "agent",
        "broker",
        "planner",
    ]
)


def _name_key(name: str) -> str:
    return _HONORIFIC_RE.sub("", " ".join(unicodedata.normalize("NFC", name).split())).strip()


def reference_author_sets(author: str | Sequence[str] | None) -> list[set[str]]:
    """The sets of names a reference author value can mean, most literal first.

    A list (fundus) is one set. A WCXB string is split at ";", "&", "and" and commas, where a
    comma-separated part that is a credential or a job ("MD", "Ph.D.", "Shipping Expert") belongs
    to the name before it and is dropped; it is also read as one name when it has no comma and
    splitting at "and" leaves something that is not a name ("Center for Drug Evaluation and
    Research"). Honorifics ("Dr", "Prof.") are ignored on both sides.
    """
    if not author:
        return []
    if not isinstance(author, str):
        return [{_name_key(a).casefold() for a in author if a and a.strip()}]
    whole = " ".join(author.split())
    names: list[str] = []
    chunks = _AND_RE.split(whole)
    for chunk in chunks:
        parts = [p.strip() for p in chunk.split(",") if p.strip()]
        for index, part in enumerate(parts):
            if index == 0 or not _is_credential_or_role(part):
                names.append(part)
    split = {_name_key(n).casefold() for n in names if n}
    sets = [split] if split else []
    # One name only when splitting at "and" breaks it into something that is not names.
    if "," not in whole and (len(chunks) == 1 or any(_is_credential_or_role(c) for c in chunks)):
        one = {_name_key(whole).casefold()}
        if one not in sets:
            sets.insert(0, one)
    return sets


def authors_right(expected: str | Sequence[str] | None, got: Iterable[str] | None) -> bool:
    """Whether the extracted authors equal (as case-insensitive sets) one reading of the
    reference (``reference_author_sets``); a page whose reference names nobody is not scored."""
    readings = reference_author_sets(expected)
    got_names = [_name_key(g) for g in got or () if g and g.strip()]
    return any(authors_equal(reading, got_names) for reading in readings)
