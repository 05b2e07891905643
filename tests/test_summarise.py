"""The TextRank summariser against sumy's own TextRankSummarizer on the real fixture pages, and
its bounds on very long texts."""

from __future__ import annotations

import math
from typing import Any

import pytest

from bench.site import load_pages
from tracker.extract import extract_article
from tracker.processing import summarise
from tracker.processing.normalise import plain_text
from tracker.processing.summarise import (
    _WORD_RE,
    MAX_RANKED_SENTENCES,
    TextRankSummariser,
    _usable,
    split_sentences,
    textrank_scores,
)


class _RegexWords:
    """A sumy tokenizer that finds words as the summariser does."""

    def to_words(self, sentence: str) -> list[str]:
        return _WORD_RE.findall(sentence)


def sumy_scores(sentences: list[str]) -> list[float]:
    """sumy 0.13's TextRankSummarizer (NumPy, all sentence pairs) rating the same sentences."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _RegexWords()
    objects = [Sentence(s, tokenizer) for s in sentences]
    document = ObjectDocumentModel([Paragraph(objects)])
    reference = TextRankSummarizer(Stemmer("english"))
    reference.stop_words = get_stop_words("english")
    ratings = reference.rate_sentences(document)
    return [float(ratings[s]) for s in objects]


def _fixture_sentences() -> list[tuple[str, list[str]]]:
    """The usable sentences of each fixture page with enough of them to be ranked."""
    cases = []
    for page in load_pages():
        fields = extract_article(page.html, page.url).fields
        text = plain_text(fields.get("text")) or ""
        title = fields.get("title")
        by_key = {s.casefold(): s for s in split_sentences(text) if _usable(s, title)}
        usable = list(by_key.values())
        if len(usable) >= 6:
            cases.append((page.name, usable))
    return cases


@pytest.fixture(scope="module")
def fixture_sentences() -> list[tuple[str, list[str]]]:
    return _fixture_sentences()


def test_scores_are_sumys_on_every_fixture_page(
    fixture_sentences: list[tuple[str, list[str]]],
) -> None:
    assert len(fixture_sentences) >= 50
    for name, sentences in fixture_sentences:
        sentences = sentences[:MAX_RANKED_SENTENCES]
        ours = textrank_scores(sentences)
        theirs = sumy_scores(sentences)
        # A sentence of stop words only has no edges, and the walk loses mass through it: sumy
        # iterates until the vector has shrunk (523 steps on one page), we stop at 200. Same
        # direction, so the scores are compared as shares of their total.
        ours = [x / sum(ours) for x in ours]
        theirs = [x / sum(theirs) for x in theirs]
        assert all(math.isclose(a, b, rel_tol=1e-6) for a, b in zip(ours, theirs, strict=True)), (
            name
        )
        top = sorted(range(len(ours)), key=lambda i: (-round(ours[i], 12), i))[:4]
        top_sumy = sorted(range(len(theirs)), key=lambda i: (-round(theirs[i], 12), i))[:4]
        assert top == top_sumy, name


def test_equal_scores_go_to_the_earlier_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sentences of equal rank get float scores that differ in the last bits, by the order of
    the sums (WCXB dev page 0113 had three such ties): the earlier sentence must win."""
    sentences = [
        "Apples grow slowly in the northern orchard beside our house.",
        "Bears wander across mountain valleys looking for honey.",
        "Clouds gather quickly above coastal towns before storms.",
        "Dunes shift under strong desert winds every single season.",
        "Eagles circle high over quiet lakes searching for fish.",
        "Ferns cover damp forest floors where sunlight rarely reaches.",
        "Groves of olive trees stretch along Mediterranean hillsides.",
        "Herons stand motionless in shallow marsh water at dawn.",
    ]
    tied = [0.1666665599166795, 0.16666655991667956, 0.16666655991667956]
    scores = [0.18360947585066764, 0.05, *tied, 0.04, 0.03, 0.02]
    monkeypatch.setattr(summarise, "textrank_scores", lambda *_a, **_k: scores)
    summary, method = TextRankSummariser(sentences=3).summarise(" ".join(sentences), None)
    assert method == "textrank"
    assert summary == " ".join([sentences[0], sentences[2], sentences[3]])


def test_a_very_long_article_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 2 MB text: at most MAX_RANKED_SENTENCES are ranked, and the splitter stops once it has
    them instead of splitting every paragraph."""
    paragraphs = [
        f"Paragraph {i} says something new about topic number {i} in several words here. "
        f"It goes on to explain why the topic {i} matters to readers of this story today."
        for i in range(20_000)
    ]
    text = "\n\n".join(paragraphs)
    assert len(text) > 2_000_000
    ranked: list[int] = []
    real_scores = summarise.textrank_scores

    def counting_scores(sentences: list[str], *args: Any, **kwargs: Any) -> list[float]:
        ranked.append(len(sentences))
        return real_scores(sentences, *args, **kwargs)

    import nupunkt

    real_split = nupunkt.sent_tokenize
    split_calls: list[int] = []

    def counting_split(paragraph: str, *args: Any, **kwargs: Any) -> Any:
        split_calls.append(len(paragraph))
        return real_split(paragraph, *args, **kwargs)

    monkeypatch.setattr(summarise, "textrank_scores", counting_scores)
    monkeypatch.setattr(nupunkt, "sent_tokenize", counting_split)
    summary, method = TextRankSummariser().summarise(text, "A title")
    assert method == "textrank" and summary.startswith("Paragraph")
    assert ranked == [MAX_RANKED_SENTENCES]
    assert len(split_calls) == MAX_RANKED_SENTENCES // 2  # two usable sentences a paragraph


def test_english_stemmer_loads_without_nltk_and_stems_as_nltk(
    fixture_sentences: list[tuple[str, list[str]]],
) -> None:
    # Importing sumy's stemmer ran nltk/__init__ (most of NLTK, 0.7 CPU s of every crawl's first
    # English summary). The stemmer is NLTK's snowball module loaded alone: the same stems as
    # NLTK's SnowballStemmer on words of real pages, NLTK's packages not left half-imported,
    # and a later `import nltk` is NLTK's whole package.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from tracker.processing.summarise import english_stemmer\n"
        "stem = english_stemmer()\n"
        "assert not [m for m in sys.modules if m == 'nltk' or m.startswith('nltk.')], 'nltk left'\n"
        "assert 'scipy' not in sys.modules, 'scipy imported'\n"
        "words = sys.stdin.read().split()\n"
        "mine = [stem(w) for w in words]\n"
        "import nltk\n"
        "assert hasattr(nltk, 'word_tokenize') and hasattr(nltk.corpus, 'wordnet')\n"
        "from nltk.stem.snowball import SnowballStemmer\n"
        "nltk_stem = SnowballStemmer('english').stem\n"
        "assert mine == [nltk_stem(w) for w in words]\n"
        "assert english_stemmer()('organization’s') == 'organ'\n"
    )
    words = {
        w.lower()
        for _, sentences in fixture_sentences
        for s in sentences
        for w in _WORD_RE.findall(s)
    }
    assert len(words) > 5000
    subprocess.run(
        [sys.executable, "-c", code],
        input=" ".join(sorted(words)),
        text=True,
        check=True,
        timeout=120,
    )


def test_stop_words_are_sumys() -> None:
    from sumy.utils import get_stop_words

    assert summarise.sumy_stop_words("english") == get_stop_words("english")
    assert len(summarise.sumy_stop_words("english")) > 100


def test_word_bags_are_the_stemmed_words_without_stop_words(
    fixture_sentences: list[tuple[str, list[str]]],
) -> None:
    # The bags come from a memo of each word's term: the same as lower-casing, dropping stop
    # words and stemming each word, on a cold memo and on a warm one.
    stem, stop_words = summarise._stemmer_and_stop_words("english")
    summarise._word_terms.cache_clear()
    for _, sentences in fixture_sentences:
        expected = [
            [stem(w.lower()) for w in _WORD_RE.findall(s) if w.lower() not in stop_words]
            for s in sentences
        ]
        assert summarise._word_bags(sentences, "english") == expected
        assert summarise._word_bags(sentences, "english") == expected
    assert summarise._word_terms("english")  # the memo was used


def test_word_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summarise, "STEM_CACHE_SIZE", 5)
    summarise._word_terms.cache_clear()
    words = [
        "Alpha",
        "bravo",
        "charlie",
        "delta",
        "echo",
        "foxtrot",
        "golf",
        "hotel",
        "india",
        "juliet",
    ]
    bags = summarise._word_bags([" ".join(words)], "english")
    assert len(bags[0]) == len(words)
    assert len(summarise._word_terms("english")) <= 5
    summarise._word_terms.cache_clear()


def test_blas_threads_are_limited_when_textrank_is_numpys_first_user() -> None:
    # The BLAS thread limit's controller lists the libraries loaded when it is made: in a process
    # where TextRank was the first to use NumPy it found no OpenBLAS and limited nothing (3x the
    # CPU time on 2 cores in the in-process benches).
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from tracker.processing import summarise\n"
        "assert 'numpy' not in sys.modules, 'numpy imported already'\n"
        "summarise.textrank_scores(['The cat sat on the mat.', 'A dog ran in the park.',"
        " 'The cat and the dog met in the park.'])\n"
        "found = summarise._blas_controller().select(user_api='blas').lib_controllers\n"
        "assert found, 'no BLAS library under the limit'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
