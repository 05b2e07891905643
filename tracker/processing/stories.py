"""Near-duplicate text and related headlines: the rules behind stories (no Scrapy, no store).

Two articles are the same *story* (a copy) when the Jaccard similarity of their sets of word
5-shingles is at least ``copy_threshold``: an agency text republished by another outlet keeps most
of its shingles through a rewritten headline, a trimmed last paragraph or an added local one,
while two different articles on the same topic share almost none. The similarity is estimated
from MinHash signatures (datasketch, 128 permutations), and candidates are found with LSH banding:
the signature is cut into ``bands`` bands of ``rows`` values, and articles that agree on at least
one whole band are compared. The band keys are what the state store indexes, so the index is
shared by every crawler process and survives between runs.

*Related* stories (other stories about the same event, written independently) are found the same
way on a smaller text: the content words of the headline and the lead, with a lower threshold and
a time window. The thresholds are settings; the LSH shapes below only decide which pairs are
compared at all. bench/stories.py measures both on real text and chose the defaults.

The signatures are datasketch's (2.0, ``MinHash(num_perm=128, seed=1)``, its default "affine32"
scheme: SHA-1's first 32 bits, the MurmurHash3 finalizer, then ``a * h + b`` modulo 2^32), bit
for bit, so the signatures and band keys already in a state store stay valid; they are computed
here with NumPy over all of an article's features at once, which costs a fraction of
datasketch's per-value loop, and without importing datasketch (and the SciPy modules its LSH
classes pull in) in every crawl. tests/test_stories.py checks them against datasketch.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Signature length: 128 permutations estimate a Jaccard of 0.5 within about +-0.09 (2 sigma).
NUM_PERM = 128
SHINGLE_WORDS = 5
# Defaults measured by bench/stories.py (docs/stories.md): see there for the figures.
DEFAULT_COPY_THRESHOLD = 0.5
DEFAULT_RELATED_THRESHOLD = 0.25
# Words of the article text taken as its lead, after the headline.
LEAD_WORDS = 60

_WORD_RE = re.compile(r"\w+")

# Function words carry no event: leaving them out of title+lead sets keeps two unrelated
# headlines from matching on "the", "of", "to".
_STOPWORD_TEXT = """a about after again against all also an and any are as at be because been
before being between both but by can could did do does doing down during each few for from further
had has have having he her here hers him his how i if in into is it its itself just me more most
my no nor not now of off on once only or other our out over own same she should so some such than
that the their them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your says said new"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def tokens(text: str | None) -> list[str]:
    """Case-folded ``\\w+`` words of NFKC text (the same tokens METRICS.md scores bodies on)."""
    if not text:
        return []
    return _WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str | None, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of runs of ``size`` consecutive words; a shorter text is one shingle."""
    return _shingles(tokens(text), size)


def _shingles(words: list[str], size: int = SHINGLE_WORDS) -> set[bytes]:
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def _shingle_digests(words: list[str], size: int = SHINGLE_WORDS) -> bytes:
    """The 32-bit SHA-1 hashes of :func:`shingles` (with repeats, which change no minimum),
    four bytes each: every shingle is a slice of the text's words encoded and joined once,
    rather than a list slice, a join and an encoding of its own; the whole digests are joined
    and their first four bytes taken in one NumPy slice, not one bytes slice per shingle."""
    if len(words) <= size:
        return _digests(_shingles(words, size))
    encoded = [word.encode("utf-8") for word in words]
    data = b" ".join(encoded)
    starts = list(itertools.accumulate((len(word) + 1 for word in encoded), initial=0))
    sha1 = hashlib.sha1
    # Shingle i runs from the start of word i to the end of word i + size - 1 (before the
    # space that follows it).
    ends = starts[size:]
    digests = b"".join(
        [sha1(data[start : end - 1]).digest() for start, end in zip(starts, ends, strict=False)]
    )
    return np.frombuffer(digests, dtype=np.uint8).reshape(-1, 20)[:, :4].tobytes()


def lead_terms(title: str | None, text: str | None, lead_words: int = LEAD_WORDS) -> set[bytes]:
    """Content words of the headline and the first ``lead_words`` words of the text, and the
    headline's word pairs (which keep "White House" apart from "white" and "house")."""
    return _lead_terms(tokens(title), tokens(text), lead_words)


def _lead_terms(title_tokens: list[str], words: list[str], lead_words: int) -> set[bytes]:
    title_words = [w for w in title_tokens if w not in _STOPWORDS and not w.isdigit()]
    lead = [w for w in words[:lead_words] if w not in _STOPWORDS and not w.isdigit()]
    terms = {w.encode("utf-8") for w in title_words + lead}
    terms |= {f"{a} {b}".encode() for a, b in itertools.pairwise(title_words)}
    return terms


# datasketch 2.0's MinHash, scheme "affine32" (module docstring): the empty signature, and how
# many features go through the (features x permutations) matrix at a time (bounds memory on a
# very long text: 4096 x 128 x 4 bytes).
_EMPTY_HASH = np.uint32(0xFFFFFFFF)
_CHUNK = 4096


@lru_cache(maxsize=4)
def _permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutation parameters ``(a, b)`` for ``seed``: the same random draws."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (uint32 arithmetic wraps, which is the modulo 2^32)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def _digests(features: set[bytes]) -> bytes:
    """datasketch's sha1_hash32 of each feature (the first four bytes of its SHA-1 digest)."""
    sha1 = hashlib.sha1
    return b"".join([sha1(feature).digest()[:4] for feature in features])


def signature(features: set[bytes], num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32 values) of a feature set: datasketch's
    ``MinHash(num_perm, seed=1)`` after ``update_batch(features)``, bit for bit."""
    return _signature_of_digests(_digests(features), num_perm)


def _signature_of_digests(digests: bytes, num_perm: int = NUM_PERM) -> np.ndarray:
    result = np.full(num_perm, _EMPTY_HASH, dtype=np.uint32)
    if not digests:
        return result
    hashes = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32))
    a, b = _permutations(num_perm)
    for start in range(0, len(hashes), _CHUNK):
        chunk = hashes[start : start + _CHUNK, None]
        np.minimum(result, (chunk * a + b).min(axis=0), out=result)
    return result


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the sets behind two signatures."""
    if len(a) != len(b) or not len(a):
        return 0.0
    return float(np.count_nonzero(a == b)) / float(len(a))


def signature_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


# LSH shapes (bands x rows of the signature), measured by bench/stories.py: each article costs
# one index row per band. Two signatures that agree on all rows of one band are compared;
# the chance of that at similarity s is 1 - (1 - s^rows)^bands: for copies (16 x 4) 0.64 at
# s=0.5 and 0.99 at 0.7; for related headlines and leads (16 x 2) 0.64 at 0.25, 0.97 at 0.4.
COPY_SHAPE = (16, 4)
RELATED_SHAPE = (16, 2)


def lsh_shape(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """``(bands, rows)`` that datasketch's LSH would pick for ``threshold`` (equal weights on
    false positives and negatives); bench/stories.py compares them with the shapes above."""
    from datasketch import MinHashLSH  # imports SciPy: only the bench asks

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def band_keys(sig: np.ndarray, shape: tuple[int, int], kind: str) -> list[int]:
    """The LSH keys of a signature, one per band: a 63-bit hash of ``kind`` (``c`` copies,
    ``r`` related, so the two indexes share one table), the band's number and its rows."""
    bands, rows = shape
    data = np.asarray(sig, dtype="<u4")
    keys = []
    for band in range(bands):
        chunk = data[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(f"{kind}{band}:".encode() + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def article_id(url: str) -> str:
    """The stable id of an article: the first 16 hex digits of its canonical URL's sha256 (the
    Markdown file name ends in the first 10 of them)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def article_key(article: str) -> int:
    """The article id as a 60-bit integer: the compact key the SQLite index stores."""
    return int(article[:15], 16)


@dataclass(frozen=True)
class StoryFeatures:
    """What the story index needs of one article."""

    text_signature: np.ndarray
    lead_signature: np.ndarray
    copy_bands: list[int]
    related_bands: list[int]


def story_features(title: str | None, text: str | None) -> StoryFeatures:
    """Signatures and LSH keys of an article's text and of its headline and lead."""
    words = tokens(text)  # once for both
    text_sig = _signature_of_digests(_shingle_digests(words))
    lead_sig = signature(_lead_terms(tokens(title), words, LEAD_WORDS))
    return StoryFeatures(
        text_signature=text_sig,
        lead_signature=lead_sig,
        copy_bands=band_keys(text_sig, COPY_SHAPE, "c"),
        related_bands=band_keys(lead_sig, RELATED_SHAPE, "r"),
    )
