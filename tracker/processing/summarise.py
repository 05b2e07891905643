"""Offline extractive summaries: two to four sentences taken from the article itself.

A summariser is any class with ``summarise(text: str, title: str | None) -> tuple[str, str]``
returning ``(summary, method)``; ``TRACKER_SUMMARISER`` names the one to use (class path). The
default, :class:`TextRankSummariser`, runs sumy's TextRank on sentences split by nupunkt (its model
ships inside the wheel, so nothing is downloaded: sumy's own tokenizer would need NLTK data) and
words found by a regular expression. Texts too short for ranking to mean anything get their lead
sentences (:class:`LeadSummariser`), and the method says which one was used.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
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

_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")


class Summariser(Protocol):
    def summarise(self, text: str, title: str | None) -> tuple[str, str]: ...


def split_sentences(text: str) -> list[str]:
    """Sentences of a plain text, paragraph by paragraph (a sentence never spans paragraphs),
    from its first ``MAX_TEXT_CHARS`` characters."""
    import nupunkt

    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text[:MAX_TEXT_CHARS]):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            found = (str(s).strip() for s in nupunkt.sent_tokenize(paragraph))
            sentences.extend(s for s in found if s)
    return sentences


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


@lru_cache(maxsize=1)
def _stemmer_and_stop_words() -> tuple[Any, frozenset[str]]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    return Stemmer("english"), frozenset(w.lower() for w in get_stop_words("english"))


def textrank_scores(
    sentences: list[str], damping: float = 0.85, epsilon: float = 1e-4
) -> list[float]:
    """TextRank as sumy computes it (sumy.summarizers.text_rank), in plain Python.

    sumy's own class needs NumPy, which this project does not otherwise install; the graph is
    tiny (one node per sentence), so lists do as well. Words: regex, lower-cased, stop words
    dropped, Snowball-stemmed (sumy's Stemmer and stop list). Edge weight: shared words over
    the sum of the log lengths; rows normalised; damping; power iteration to ``epsilon``.
    """
    stem, stop_words = _stemmer_and_stop_words()
    bags = [
        [stem(w) for w in (w.lower() for w in _WORD_RE.findall(s)) if w not in stop_words]
        for s in sentences
    ]
    n = len(bags)
    if n == 0:
        return []
    counts = [Counter(bag) for bag in bags]
    # The graph is sparse (most sentence pairs share no word): keep edges as adjacency lists,
    # so each power step costs the edges, not n².
    edges: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    totals = [0.0] * n
    for i in range(n):
        for j in range(i, n):
            weight = _edge(counts[i], len(bags[i]), counts[j], len(bags[j]))
            if weight:
                edges[i].append((j, weight))
                totals[i] += weight
                if j != i:
                    edges[j].append((i, weight))
                    totals[j] += weight
    p = [1.0 / n] * n
    for _ in range(200):  # converges in a few dozen steps; the cap only guards odd input
        # sumy's matrix: (1 - d)/n everywhere plus d * weight / (row total + 1e-7).
        nxt = [(1.0 - damping) / n * sum(p)] * n
        for i in range(n):
            share = damping * p[i] / (totals[i] + 1e-7)
            for j, weight in edges[i]:
                nxt[j] += weight * share
        delta = math.sqrt(sum((a - b) ** 2 for a, b in zip(nxt, p, strict=True)))
        p = nxt
        if delta <= epsilon:
            break
    return p


def _edge(counts1: Counter[str], size1: int, counts2: Counter[str], size2: int) -> float:
    """sumy's edge weight: words of the first sentence found in the second (with repeats),
    over the sum of the logs of their lengths."""
    shared = counts1.keys() & counts2.keys()
    if not shared:
        return 0.0
    rank = sum(counts1[w] * counts2[w] for w in shared)
    norm = math.log(size1) + math.log(size2)
    return float(rank) if math.isclose(norm, 0.0) else rank / norm


class TextRankSummariser:
    """TextRank over the article's sentences; the best ones shown in article order."""

    method = "textrank"

    def __init__(self, sentences: int = 3) -> None:
        self.sentences = max(MIN_SENTENCES, min(MAX_SENTENCES, sentences))
        self.lead = LeadSummariser(self.sentences)

    def summarise(self, text: str, title: str | None) -> tuple[str, str]:
        all_sentences = split_sentences(text)
        # dict.fromkeys: a sentence repeated (pull quotes, captions) counts once.
        usable = list({s.casefold(): s for s in all_sentences if _usable(s, title)}.values())
        usable = usable[:MAX_RANKED_SENTENCES]
        if len(usable) < MIN_SENTENCES_FOR_RANKING:
            return self.lead.summarise(text, title)
        scores = textrank_scores(usable)
        # Ties go to the earlier sentence, as a reader would expect.
        ranked = sorted(range(len(usable)), key=lambda i: (-scores[i], i))
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
