"""Offline extractive summaries: two to four sentences taken from the article itself.

A summariser is any class with ``summarise(text: str, title: str | None) -> tuple[str, str]``
returning ``(summary, method)``; ``TRACKER_SUMMARISER`` names the one to use (class path). The
default, :class:`TextRankSummariser`, ranks sentences as sumy's TextRank does (the same scores,
tested against sumy's class), with the sentence graph as NumPy matrices: a few milliseconds an
article. Sentences are split by nupunkt (its model ships inside the wheel, so nothing is
downloaded: sumy's own tokenizer would need NLTK data), words found by a regular expression, stems
cached. Everything is in the article's language (``summarise(text, title, language=)``, the
item's ``language``):

* sentences: nupunkt in scripts that space words; Chinese and Japanese split after 。！？, Thai at
  its spaces, Hindi at the danda; a German or Danish ordinal ("am 3. Dezember") never ends one;
* words: the regex words, or character bigrams in Chinese, Japanese and Thai (no spaces to find
  words by);
* stop words: sumy's for English (the scores are sumy's, tested), stopwords-iso's for the 57
  other languages it lists; stems: Snowball (PyStemmer) for the 30 languages it has, none for the
  others (Korean, Vietnamese, ...).

A language with no stop-word list and no bigram rule (Zulu, Icelandic, ...) or none at all gets
the lead sentences, method ``lead (no TextRank for xx)``, never another language's stop words.
Texts too short for ranking to mean anything get their lead sentences
(:class:`LeadSummariser`), and the method says which one was used.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import re
import sys
import types
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


# Languages written without spaces between words: sentences end at their own full stops, and
# words are taken as character bigrams.
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my", "yue", "wuu"})
# Languages whose sentences end at a danda (and not at a full stop).
_DANDA_LANGUAGES = frozenset({"hi", "mr", "ne", "bn", "pa", "sa"})
# Characters of unspaced scripts, and the marks their sentences end with.
_UNSPACED_CHAR_RE = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\uff66-\uff9f]"
)
_DANDA_END_RE = re.compile(r"(?<=[।॥])\s*")
# A day or ordinal with its dot ("am 3.", "den 12.") ends no sentence in the languages that
# write ordinals so; nupunkt (trained on English) splits there before a capitalised month.
_ORDINAL_LANGUAGES = frozenset(
    {
        "de",
        "da",
        "no",
        "nb",
        "nn",
        "sv",
        "fi",
        "is",
        "cs",
        "sk",
        "pl",
        "sl",
        "hr",
        "sr",
        "hu",
        "et",
        "lv",
        "lt",
        "tr",
    }
)
_ENDS_WITH_ORDINAL_RE = re.compile(r"(?:^|\s)\d{1,2}\.$")
# The marks a sentence may end with, in the scripts the corpora hold (Arabic ؟, Devanagari
# danda, CJK full stops, closing quotes and brackets of many languages).
_SENTENCE_END_CHARS = ".!?\"'”’)»«“؟।॥。！？」』）"
_SENTENCE_START_CHARS = "\"“‘'„«»‚「『（(¿¡"


def _primary(language: str | None) -> str:
    return (language or "").replace("_", "-").split("-")[0].lower()


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """Sentences of a plain text, paragraph by paragraph (a sentence never spans paragraphs),
    from its first ``MAX_TEXT_CHARS`` characters, split the way ``language`` writes them."""
    return list(iter_sentences(text, language))


def iter_sentences(text: str, language: str | None = None) -> Iterator[str]:
    """:func:`split_sentences` one at a time: a caller that has enough stops the splitting
    (nupunkt is the costliest step of a summary)."""
    primary = _primary(language)
    for paragraph in re.split(r"\n\s*\n", text[:MAX_TEXT_CHARS]):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            yield from (s for s in _paragraph_sentences(paragraph, primary) if s)


def _paragraph_sentences(paragraph: str, primary: str) -> list[str]:
    import nupunkt

    if primary in ("zh", "ja", "yue", "wuu"):
        return _cjk_sentences(paragraph)
    if primary in ("th", "lo", "km", "my"):
        # Thai and its neighbours put a space where a sentence (or clause) ends.
        return paragraph.split(" ")
    if primary in _DANDA_LANGUAGES:
        return [s.strip() for s in _split_after(_DANDA_END_RE, paragraph)]
    found = [str(s).strip() for s in nupunkt.sent_tokenize(paragraph)]
    if primary in _ORDINAL_LANGUAGES:
        joined: list[str] = []
        for sentence in found:
            if joined and _ENDS_WITH_ORDINAL_RE.search(joined[-1]):
                joined[-1] = f"{joined[-1]} {sentence}"
            else:
                joined.append(sentence)
        found = joined
    if primary in ("ar", "fa", "ur"):
        # The Arabic question mark ends a sentence nupunkt does not know of.
        found = [part.strip() for s in found for part in re.split(r"(?<=؟)\s+", s)]
    return found


_CJK_OPENING = "「『（(“【〈《"
_CJK_CLOSING = "」』）)”】〉》"
_CJK_ENDS = "。！？!?．"


def _cjk_sentences(paragraph: str) -> list[str]:
    """Chinese or Japanese sentences: each ends at a full stop, exclamation or question mark
    (with the closing quotes right after it), except inside quotes or brackets, where a quoted
    speech's full stop does not end the sentence around it."""
    out: list[str] = []
    start = depth = 0
    i = 0
    while i < len(paragraph):
        char = paragraph[i]
        if char in _CJK_OPENING:
            depth += 1
        elif char in _CJK_CLOSING:
            depth = max(0, depth - 1)
        elif char in _CJK_ENDS and depth == 0:
            end = i + 1
            while end < len(paragraph) and paragraph[end] in _CJK_CLOSING + '"’':
                end += 1
            out.append(paragraph[start:end].strip())
            start = i = end
            continue
        i += 1
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def _split_after(boundary: re.Pattern[str], text: str) -> list[str]:
    """``text`` cut at the end of each ``boundary`` match."""
    out, start = [], 0
    for match in boundary.finditer(text):
        if match.end() > start:
            out.append(text[start : match.end()])
            start = match.end()
    out.append(text[start:])
    return [s for s in out if s.strip()]


def _tokens(sentence: str, primary: str = "") -> list[str]:
    """The words of a sentence: regex words, or in an unspaced language the bigrams of each run
    of its script's characters (a run of one character is itself)."""
    if primary not in UNSPACED_LANGUAGES:
        return _WORD_RE.findall(sentence)
    tokens: list[str] = []
    for run in _WORD_RE.findall(sentence):
        if _UNSPACED_CHAR_RE.match(run):
            tokens += [run[i : i + 2] for i in range(len(run) - 1)] or [run]
        else:
            tokens.append(run)
    return tokens


def _usable(sentence: str, title: str | None, language: str | None = None) -> bool:
    """A sentence worth showing: prose of some length that ends like a sentence, not the
    title repeated, not a photo credit or a caption fragment."""
    primary = _primary(language)
    title_key = title.strip().casefold() if title else None
    return _usable_words(sentence, title_key, primary) is not None


def _usable_words(sentence: str, title_key: str | None, primary: str) -> list[str] | None:
    """:func:`_usable` for a primary language and a casefolded, stripped title: the
    sentence's regex words when it is usable (empty in an unspaced language, where words are
    not what counts), None when it is not. The summariser ranks a usable sentence by these
    words, so they are found once."""
    words: list[str] = []
    if primary in UNSPACED_LANGUAGES:
        # Six words are about twelve characters of Chinese or Japanese.
        long_enough = len(_UNSPACED_CHAR_RE.findall(sentence)) >= 12
    else:
        words = _WORD_RE.findall(sentence)
        long_enough = len(words) >= 6
    if not long_enough or len(sentence) > MAX_SENTENCE_CHARS:
        return None
    if title_key and sentence.strip().casefold() == title_key:
        return None
    # A sentence starts with a letter, a digit or an opening quote ("), -" means a bad split).
    if not (sentence[:1].isalnum() or sentence[:1] in _SENTENCE_START_CHARS):
        return None
    if primary in ("th", "lo", "km", "my"):
        return words  # no end mark: the space was the boundary
    return words if sentence.rstrip()[-1:] in _SENTENCE_END_CHARS else None


def _join(sentences: list[str], language: str | None = None) -> str:
    # Chinese and Japanese sentences follow each other without a space.
    glue = "" if _primary(language) in ("zh", "ja", "yue", "wuu") else " "
    out: list[str] = []
    for sentence in sentences:
        if out and len(glue.join([*out, sentence])) > MAX_SUMMARY_CHARS:
            break
        out.append(sentence)
    return glue.join(out)


class LeadSummariser:
    """The first sentences of the article: the right summary of a news story's inverted pyramid,
    and the fallback for texts too short to rank."""

    method = "lead"

    def __init__(self, sentences: int = 3) -> None:
        self.sentences = max(MIN_SENTENCES, min(MAX_SENTENCES, sentences))

    def summarise(
        self, text: str, title: str | None, language: str | None = None
    ) -> tuple[str, str]:
        all_sentences = split_sentences(text, language)
        usable = [s for s in all_sentences if _usable(s, title, language)] or all_sentences
        return _join(usable[: self.sentences], language), self.method


# Stems are looked up once per word and language (the memo of _word_terms): a crawl's
# vocabulary repeats (Zipf), and the Snowball stemmer in pure Python was a fifth of the
# summariser's time. Bounded, so a crawl of many languages or of junk words keeps a fixed size.
STEM_CACHE_SIZE = 200_000


# Snowball stemmers (PyStemmer's names) by ISO 639-1 code.
SNOWBALL_STEMMERS = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "eo": "esperanto",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "fa": "persian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
# sumy's language names, for the English path that must score as sumy does.
_SUMY_NAMES = {"english": "en"}
# stopwords-iso codes that differ from the item's.
_STOP_WORD_CODES = {"nb": "no", "nn": "no"}


def _identity(word: str) -> str:
    return word


# NLTK's modules the English Snowball stemmer is made of, and the packages above them.
_NLTK_SNOWBALL_PACKAGES = ("nltk", "nltk.stem", "nltk.corpus")


class _NoCorpus:
    """Stands for ``nltk.corpus.stopwords`` while NLTK's snowball module is loaded alone: only
    a stemmer built with ``ignore_stopwords=True`` reads it, and summaries never build one."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("NLTK's stop-word corpus is not loaded (tracker.processing.summarise)")


def english_stemmer() -> Callable[[str], str]:
    """NLTK's English Snowball stemmer (``EnglishStemmer().stem``, what sumy's
    ``Stemmer("english")`` calls), loaded without the rest of NLTK.

    Importing ``nltk.stem.snowball`` the usual way runs ``nltk/__init__``, ``nltk/stem/__init__``
    and ``nltk/corpus/__init__``, which import most of NLTK (and SciPy, NumPy's linear algebra,
    the corpus readers): 0.7 CPU s of the first English summary of every crawl, for a module
    that needs five small ones (``redos``, ``termsec``, ``stem.api``, ``stem.util`` and
    ``stem.porter``). Here the three packages are empty stand-ins pointing at NLTK's folders
    while the module loads (~0.03 s), and every NLTK module loaded that way is taken out of
    ``sys.modules`` afterwards, so a later ``import nltk`` is NLTK's own, whole. The stems are
    NLTK's: the same code. PyStemmer's English is not used: a later Snowball, it differs on
    some words ("international", "organization’s"), which would change summaries. Where NLTK
    is already imported, its module is used as it is."""
    if "nltk.stem.snowball" in sys.modules:
        return sys.modules["nltk.stem.snowball"].EnglishStemmer().stem
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("NLTK is not installed")
    root = next(iter(spec.submodule_search_locations))
    before = set(sys.modules)
    try:
        for name in _NLTK_SNOWBALL_PACKAGES:
            package = types.ModuleType(name, "stand-in while NLTK's snowball module loads")
            package.__path__ = [os.path.join(root, *name.split(".")[1:])]
            sys.modules[name] = package
        sys.modules["nltk.corpus"].stopwords = _NoCorpus()  # type: ignore[attr-defined]
        snowball = importlib.import_module("nltk.stem.snowball")
        return snowball.EnglishStemmer().stem
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]


def sumy_stop_words(language: str) -> frozenset[str]:
    """sumy's stop words for a language named as sumy names it ("english"): what
    ``sumy.utils.get_stop_words`` returns, read from the same file of sumy's without importing
    ``sumy.utils``, which imports requests and pycountry (0.25 CPU s of a crawl's first English
    summary) for things summaries do not use."""
    import pkgutil

    data = pkgutil.get_data("sumy", f"data/stopwords/{language}.txt")
    if data is None:
        raise LookupError(f"sumy has no stop words for {language!r}")
    # sumy.utils.parse_stop_words: the UTF-8 text's non-empty lines, right-stripped.
    return frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)


@lru_cache(maxsize=16)
def _stemmer_and_stop_words(language: str) -> tuple[Callable[[str], str], frozenset[str]] | None:
    """A stemmer and the stop words of a language (an ISO 639-1 code or sumy's
    "english"), or None when there is no stop-word list for it. English: sumy's stemmer (NLTK's,
    :func:`english_stemmer`) and stop words (the scores are sumy's); others: PyStemmer's
    Snowball stemmer where it has one (else words are their own stems) and stopwords-iso's
    list."""
    code = _SUMY_NAMES.get(language, _primary(language))
    if code == "en":
        return english_stemmer(), frozenset(w.lower() for w in sumy_stop_words("english"))
    import stopwordsiso

    stop_code = _STOP_WORD_CODES.get(code, code)
    if not stopwordsiso.has_lang(stop_code):
        return None
    stop_words = frozenset(w.lower() for w in stopwordsiso.stopwords(stop_code))
    stem: Callable[[str], str] = _identity
    if code in SNOWBALL_STEMMERS:
        import Stemmer

        stem = Stemmer.Stemmer(SNOWBALL_STEMMERS[code]).stemWord
    return stem, stop_words


def can_rank(language: str | None) -> bool:
    """Whether TextRank has what it needs for ``language``: a stop-word list, or the bigram rule
    of an unspaced script."""
    primary = _primary(language)
    if not primary:
        return False
    return primary in UNSPACED_LANGUAGES or _stemmer_and_stop_words(primary) is not None


def _word_bags(
    sentences: list[str], language: str, words: list[list[str]] | None = None
) -> list[list[str]]:
    """Each sentence's words as sumy's TextRank sees them: regex words (character bigrams in
    unspaced languages), lower-cased, stop words dropped, stemmed (repeats kept). ``words``:
    each sentence's regex words when the caller has them already (spaced languages)."""
    primary = _SUMY_NAMES.get(language, _primary(language))
    if primary in UNSPACED_LANGUAGES:
        return [[w.lower() for w in _tokens(s, primary)] for s in sentences]
    terms = _word_terms(language)
    if terms is None:
        raise ValueError(f"no stop words for language {language!r}")
    # Each word as written to its term (None for a stop word): one dictionary look-up per word
    # once the crawl's vocabulary is known, where lower-casing, the stop-word test and the stem
    # cache's call took three times as long.
    get = terms.get
    bags = []
    found = words if words is not None else map(_WORD_RE.findall, sentences)
    for sentence_words in found:
        bag = []
        for word in sentence_words:
            term = get(word, _UNKNOWN)
            if term is _UNKNOWN:
                term = _learn_term(terms, word, language)
            if term is not None:
                bag.append(term)
        bags.append(bag)
    return bags


# What the memo gives for a word it has not seen: no word (letters only) or stem is this.
_UNKNOWN = "\x00"


@lru_cache(maxsize=16)
def _word_terms(language: str) -> dict[str, str | None] | None:
    """The memo of :func:`_learn_term` for a language, or None without stop words for it."""
    return None if _stemmer_and_stop_words(language) is None else {}


def _learn_term(terms: dict[str, str | None], word: str, language: str) -> str | None:
    """``word`` lower-cased and stemmed, or None for a stop word; remembered in ``terms`` (a
    bounded memo: a crawl of junk words starts it afresh rather than growing it)."""
    found = _stemmer_and_stop_words(language)
    assert found is not None  # _word_terms gave a memo
    stem, stop_words = found
    lower = word.lower()
    term = None if lower in stop_words else stem(lower)
    if len(terms) >= STEM_CACHE_SIZE:
        terms.clear()
    terms[word] = term
    return term


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    # The controller lists the BLAS libraries loaded when it is made: NumPy's OpenBLAS is loaded
    # by importing NumPy, so a process whose first NumPy user is TextRank would get a controller
    # that limits nothing (3x the CPU time on 2 cores, the in-process benches).
    import numpy  # noqa: F401
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def textrank_scores(
    sentences: list[str],
    language: str = "english",
    damping: float = 0.85,
    epsilon: float = 1e-4,
    *,
    words: list[list[str]] | None = None,
) -> list[float]:
    """TextRank as sumy computes it (sumy.summarizers.text_rank), vectorised with NumPy.

    Words: :func:`_word_bags`. Edge weight between two sentences (sumy's): the words of the first
    found in the second, with repeats (the dot product of their word counts), over the sum of
    the logs of their lengths. Rows normalised; damping; power iteration to ``epsilon``.
    ``language`` is an ISO 639-1 code or sumy's "english" (stemmer and stop words). ``words``:
    each sentence's regex words, when the caller found them already (spaced languages).
    """
    bags = _word_bags(sentences, language, words)
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

    def summarise(
        self, text: str, title: str | None, language: str | None = "en"
    ) -> tuple[str, str]:
        """``(summary, method)`` of a text in ``language`` (a BCP 47 tag; None: unknown)."""
        primary = _primary(language)
        if not can_rank(primary):
            summary, _ = self.lead.summarise(text, title, language)
            return summary, f"lead (no TextRank for {primary or 'an unknown language'})"
        # Keyed by casefold: a sentence repeated (pull quotes, captions) counts once. Ranking is
        # quadratic in sentences: only the first MAX_RANKED_SENTENCES are split and ranked.
        # Each usable sentence with its regex words (found once, for the test and the ranking).
        by_key: dict[str, tuple[str, list[str]]] = {}
        title_key = title.strip().casefold() if title else None
        for sentence in iter_sentences(text, primary):
            words = _usable_words(sentence, title_key, primary)
            if words is not None:
                by_key[sentence.casefold()] = (sentence, words)
                if len(by_key) == MAX_RANKED_SENTENCES:
                    break
        usable = [sentence for sentence, _ in by_key.values()]
        if len(usable) < MIN_SENTENCES_FOR_RANKING:
            return self.lead.summarise(text, title, primary)
        scores = textrank_scores(
            usable,
            "english" if primary == "en" else primary,
            words=None if primary in UNSPACED_LANGUAGES else [w for _, w in by_key.values()],
        )
        # Ties go to the earlier sentence, as a reader would expect. Scores are rounded first:
        # sentences of equal rank differ in the last bits by the order of the sums.
        ranked = sorted(range(len(usable)), key=lambda i: (-round(scores[i], 12), i))
        chosen: list[int] = []
        for index in ranked:
            # Captions and pull quotes repeat the prose almost word for word: keep one.
            if not any(_similar(usable[index], usable[other], primary) for other in chosen):
                chosen.append(index)
            if len(chosen) == self.sentences:
                break
        return _join([usable[i] for i in sorted(chosen)], primary), self.method


def _similar(a: str, b: str, primary: str = "", threshold: float = 0.7) -> bool:
    words_a = {w.lower() for w in _tokens(a, primary)}
    words_b = {w.lower() for w in _tokens(b, primary)}
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= threshold
