"""Offline extractive summaries: two to four sentences taken from the article itself.

A summariser is any class with ``summarise(text: str, title: str | None) -> tuple[str, str]``
returning ``(summary, method)``; ``TRACKER_SUMMARISER`` names the one to use (class path). The
default, :class:`TextRankSummariser`, ranks sentences as sumy's TextRank does (the same scores,
tested against sumy's class), with the sentence graph as NumPy matrices: a few milliseconds an
article. Sentences are split by nupunkt (its model ships inside the wheel, so nothing is
downloaded: sumy's own tokenizer would need NLTK data), words found by a regular expression, stems
cached. Stemmer and stop words are per language (``textrank_scores(..., language=)``; English
until articles carry theirs to the summariser). Texts too short for ranking to mean anything get
their lead sentences (:class:`LeadSummariser`), and the method says which one was used.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, Protocol

logger = logging.getLogger(__name__)

# Bounds on what a summary may hold: sentences, characters of one sentence, of the whole.
MIN_SENTENCES = 2
MAX_SENTENCES = 4
MAX_SENTENCE_CHARS = 400
MAX_SUMMARY_CHARS = 1000
# Below this many usable sentences ranking is noise: take the lead.
MIN_SENTENCES_FOR_RANKING = 6
# Ranking is quadratic in sentences: a huge page is summarised from its opening part only
# (a news story says what matters first).
MAX_TEXT_CHARS = 60_000
MAX_RANKED_SENTENCES = 200

# Letters, with inner apostrophes and hyphens (don't, rock’n’roll, état-major).
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class Summariser(Protocol):
    def summarise(self, text: str, title: str | None) -> tuple[str, str]: ...


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain text, paragraph by paragraph (a sentence never spans paragraphs),
    from its first ``MAX_TEXT_CHARS`` characters."""
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[str]:
    """:func:`split_sentences` one at a time: a caller that has enough stops the splitting
    (nupunkt is the costliest step of a summary)."""
    import nupunkt

    for paragraph in re.split(r"\n\s*\n", text[:MAX_TEXT_CHARS]):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            found = (str(s).strip() for s in nupunkt.sent_tokenize(paragraph))
            yield from (s for s in found if s)


def _usable(sentence: str, title: str | None) -> bool:
    """A sentence worth showing: prose of some length that ends like a sentence, not the
    title repeated, not a photo credit or a caption fragment."""
    words = _WORD_RE.findall(sentence)
    if len(words) < 6 or len(sentence) > MAX_SENTENCE_CHARS:
        return False
    if title and sentence.strip().casefold() == title.strip().casefold():
        return False
    # A sentence starts with a letter, a digit or an opening quote ("), -" means a bad split).
    if not (sentence[:1].isalnum() or sentence[:1] in "\"“‘'"):
        return False
    return sentence.rstrip()[-1:] in ".!?\"'”’)"


def _join(sentences: list[str]) -> str:
    out: list[str] = []
    for sentence in sentences:
        if out and len(" ".join([*out, sentence])) > MAX_SUMMARY_CHARS:
            break
        out.append(sentence)
    return " ".join(out)


class LeadSummariser:
    """The first sentences of the article: the right summary of a news story's inverted pyramid,
    and the fallback for texts too short to rank."""

    method = "lead"

    def __init__(self, sentences: int = 3) -> None:
        self.sentences = max(MIN_SENTENCES, min(MAX_SENTENCES, sentences))

    def summarise(self, text: str, title: str | None) -> tuple[str, str]:
        all_sentences = split_sentences(text)
        usable = [s for s in all_sentences if _usable(s, title)] or all_sentences
        return _join(usable[: self.sentences]), self.method


# Stems are looked up once per word and language: a crawl's vocabulary repeats (Zipf), and the
# Snowball stemmer in pure Python was a fifth of the summariser's time. Bounded, so a crawl of
# many languages or of junk words keeps a fixed size.
STEM_CACHE_SIZE = 200_000


@lru_cache(maxsize=8)
def _stemmer_and_stop_words(language: str) -> tuple[Callable[[str], str], frozenset[str]]:
    """A cached Snowball stemmer and sumy's stop words for a language (a sumy language name:
    "english", "german", ...)."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    stemmer = Stemmer(language)
    return (
        lru_cache(maxsize=STEM_CACHE_SIZE)(stemmer),
        frozenset(w.lower() for w in get_stop_words(language)),
    )


def _word_bags(sentences: list[str], language: str) -> list[list[str]]:
    """Each sentence's words as sumy's TextRank sees them: regex words, lower-cased, stop words
    dropped, stemmed (repeats kept)."""
    stem, stop_words = _stemmer_and_stop_words(language)
    return [
        [stem(w) for w in (w.lower() for w in _WORD_RE.findall(s)) if w not in stop_words]
        for s in sentences
    ]


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def textrank_scores(
    sentences: list[str],
    language: str = "english",
    damping: float = 0.85,
    epsilon: float = 1e-4,
) -> list[float]:
    """TextRank as sumy computes it (sumy.summarizers.text_rank), vectorised with NumPy.

    Words: :func:`_word_bags`. Edge weight between two sentences (sumy's): the words of the first
    found in the second, with repeats (the dot product of their word counts), over the sum of
    the logs of their lengths. Rows normalised; damping; power iteration to ``epsilon``.
    ``language`` is a sumy language name (stemmer and stop words).
    """
    bags = _word_bags(sentences, language)
    if not bags:
        return []
    # The matrices are small (at most MAX_RANKED_SENTENCES rows): OpenBLAS's threads cost far
    # more than they save here (3x the CPU time on 2 cores), and a crawl's parallelism is its
    # extraction workers. One thread, for this call only.
    with _blas_controller().limit(limits=1, user_api="blas"):
        return _textrank(bags, damping, epsilon)


def _textrank(bags: list[list[str]], damping: float, epsilon: float) -> list[float]:
    import numpy as np

    n = len(bags)
    # The sentence-by-word count matrix, from each word's (row, column) in one pass.
    vocabulary: dict[str, int] = {}
    rows = [i for i, bag in enumerate(bags) for _ in bag]
    columns = [vocabulary.setdefault(w, len(vocabulary)) for bag in bags for w in bag]
    width = max(len(vocabulary), 1)
    counts = np.bincount(
        np.asarray(rows, dtype=np.intp) * width + np.asarray(columns, dtype=np.intp),
        minlength=n * width,
    ).reshape(n, width)
    # Only words found in two sentences or more link sentences: the product runs over those,
    # and the others add their squares to their own sentence's (diagonal) weight.
    shared = (counts > 0).sum(axis=0) > 1
    linking = counts[:, shared].astype(np.float64)
    rank = linking @ linking.T
    rank[np.diag_indices(n)] += (counts[:, ~shared] ** 2).sum(axis=1)
    logs = np.log(np.maximum([len(bag) for bag in bags], 1))
    norm = logs[:, None] + logs[None, :]
    # sumy: rank / norm, or rank itself where the norm is 0 (two one-word sentences).
    weights = np.divide(rank, norm, out=rank.copy(), where=norm != 0.0)
    weights /= weights.sum(axis=1)[:, None] + 1e-7
    transition = ((1.0 - damping) / n + damping * weights).T
    p = np.full(n, 1.0 / n)
    for _ in range(200):  # converges in a few dozen steps; the cap only guards odd input
        nxt = transition @ p
        delta = float(np.linalg.norm(nxt - p))
        p = nxt
        if delta <= epsilon:
            break
    return [float(x) for x in p]


class TextRankSummariser:
    """TextRank over the article's sentences; the best ones shown in article order."""

    method = "textrank"

    def __init__(self, sentences: int = 3) -> None:
        self.sentences = max(MIN_SENTENCES, min(MAX_SENTENCES, sentences))
        self.lead = LeadSummariser(self.sentences)

    def summarise(self, text: str, title: str | None) -> tuple[str, str]:
        # Keyed by casefold: a sentence repeated (pull quotes, captions) counts once. Ranking is
        # quadratic in sentences: only the first MAX_RANKED_SENTENCES are split and ranked.
        by_key: dict[str, str] = {}
        for sentence in iter_sentences(text):
            if _usable(sentence, title):
                by_key[sentence.casefold()] = sentence
                if len(by_key) == MAX_RANKED_SENTENCES:
                    break
        usable = list(by_key.values())
        if len(usable) < MIN_SENTENCES_FOR_RANKING:
            return self.lead.summarise(text, title)
        scores = textrank_scores(usable)
        # Ties go to the earlier sentence, as a reader would expect. Scores are rounded first:
        # sentences of equal rank differ in the last bits by the order of the sums.
        ranked = sorted(range(len(usable)), key=lambda i: (-round(scores[i], 12), i))
        chosen: list[int] = []
        for index in ranked:
            # Captions and pull quotes repeat the prose almost word for word: keep one.
            if not any(_similar(usable[index], usable[other]) for other in chosen):
                chosen.append(index)
            if len(chosen) == self.sentences:
                break
        return _join([usable[i] for i in sorted(chosen)]), self.method


def _similar(a: str, b: str, threshold: float = 0.7) -> bool:
    words_a = {w.lower() for w in _WORD_RE.findall(a)}
    words_b = {w.lower() for w in _WORD_RE.findall(b)}
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= threshold
