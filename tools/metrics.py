"""Extraction quality measures, as defined in docs/METRICS.md.

Body text is scored with the 4-gram shingle method of the public article-extraction-benchmark:

>>> page = page_scores("a b c d e", "a b c d")
>>> page.precision, page.recall
(1.0, 0.5)

``corpus_scores`` averages page precision and recall the way that benchmark does and derives
F1 from the two means. Field comparisons (title, authors, published, tags, image) follow the
same document. Everything here is a pure function over plain values.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

__all__ = [
    "CorpusScores",
    "PageScores",
    "authors_equal",
    "corpus_scores",
    "image_equal",
    "jaccard",
    "page_scores",
    "published_equal",
    "shingles",
    "title_equal",
    "tokens",
]

_TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4


def tokens(text: str | None) -> list[str]:
    """The text's tokens: every match of ``\\w+`` (Unicode, case kept)."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of runs of ``n`` consecutive tokens.

    A text shorter than ``n`` tokens has one shingle (its whole token tuple); an empty text none.
    """
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True)
class PageScores:
    """Normalised true positives, false positives and false negatives of one page."""

    tp: float
    fp: float
    fn: float
    # Whether both texts have exactly the same token sequence.
    exact: bool

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)


def page_scores(true: str | None, pred: str | None) -> PageScores:
    """Score one page's extracted text ``pred`` against the reference ``true``."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    # Normalising makes long and short pages weigh the same in the corpus means.
    scale = float(total) if total > 0 else 1.0
    return PageScores(tp / scale, fp / scale, fn / scale, tokens(true) == tokens(pred))


@dataclass(frozen=True)
class CorpusScores:
    """Corpus precision and recall (means of page values), F1 from them, and accuracy."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "accuracy": self.accuracy,
        }


def corpus_scores(pages: Sequence[PageScores]) -> CorpusScores:
    """Aggregate page scores as the article-extraction-benchmark does (see METRICS.md)."""
    with_pred = [p.precision for p in pages if p.tp + p.fp > 0]
    with_true = [p.recall for p in pages if p.tp + p.fn > 0]
    precision = sum(with_pred) / len(with_pred) if with_pred else 0.0
    recall = sum(with_true) / len(with_true) if with_true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    accuracy = sum(p.exact for p in pages) / len(pages) if pages else 0.0
    return CorpusScores(precision, recall, f1, accuracy, len(pages))


# --- Field comparisons ------------------------------------------------------------------------

_WS_RE = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return _WS_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def title_equal(expected: str | None, got: str | None) -> bool:
    """Titles equal after Unicode NFC and whitespace collapsing."""
    if expected is None or got is None:
        return expected is got
    return _collapse(expected) == _collapse(got)


def authors_equal(expected: Iterable[str] | None, got: Iterable[str] | None) -> bool:
    """Author lists equal as sets, case-insensitively, after whitespace collapsing."""

    def norm(names: Iterable[str] | None) -> set[str]:
        return {_collapse(n).casefold() for n in names or () if n and n.strip()}

    return norm(expected) == norm(got)


def _parse_instant(value: str | datetime | date) -> tuple[datetime | date, bool]:
    """(value, has_time) from an ISO 8601 string or a date/datetime."""
    if isinstance(value, datetime):
        return value, True
    if isinstance(value, date):
        return value, False
    text = value.strip()
    # Python's str(datetime) uses a space; ISO uses T; both parse with fromisoformat.
    if len(text) <= 10:
        return date.fromisoformat(text), False
    return datetime.fromisoformat(text.replace("Z", "+00:00")), True


def published_equal(
    expected: str | datetime | date | None,
    got: str | datetime | date | None,
    tolerance: timedelta = timedelta(seconds=60),
) -> bool:
    """The same instant within ``tolerance`` when ``expected`` has a time, else the same date.

    Values are ISO 8601 strings (or datetime/date objects). Naive and aware datetimes are
    compared on their wall-clock values when one of the two lacks a zone. Unparsable values
    are never equal.
    """
    if expected is None or got is None:
        return expected is got
    try:
        exp, exp_has_time = _parse_instant(expected)
        val, _ = _parse_instant(got)
    except ValueError:
        return False
    if not exp_has_time:
        val_date = val.date() if isinstance(val, datetime) else val
        return val_date == exp
    if not isinstance(val, datetime):
        return False
    assert isinstance(exp, datetime)
    if (exp.tzinfo is None) != (val.tzinfo is None):
        exp, val = exp.replace(tzinfo=None), val.replace(tzinfo=None)
    return abs(exp - val) <= tolerance


def jaccard(expected: Iterable[str] | None, got: Iterable[str] | None) -> float:
    """Jaccard similarity of two tag sets (case-insensitive); 1.0 when both are empty."""
    a = {_collapse(t).casefold() for t in expected or () if t}
    b = {_collapse(t).casefold() for t in got or () if t}
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _strip_query(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def image_equal(expected: str | None, got: str | None) -> bool:
    """Lead image URLs equal, ignoring query strings (and fragments)."""
    if not expected or not got:
        return not expected and not got
    return _strip_query(expected) == _strip_query(got)
