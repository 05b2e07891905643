"""Copy detection (stories across outlets) measured on real text, and what it costs.

Usage::

    python -m bench.stories [--guests 120] [--fill 100000] [--json out.json]

The labelled set is built from real pages only (../shared/corpus: fundus, wcxb-dev, nasa):

* *originals*: each guest article as the tracker extracts it from its own page;
* *copies* (positives): the guest's real reference text (fundus ``body``, WCXB ``articleBody``;
  for NASA pages, which have none, the tracker's own extraction) served under another real page's
  template (tools/transplant.py: the host's article removed, the guest's put in its place) and
  extracted again, with each of the edits republishers make: none (``template``), a rewritten
  headline, the last paragraph trimmed, a local paragraph added (a real paragraph of a third
  article), and all of them at once;
* *hard negatives*: for each guest, the most similar *other* article of the corpora by TF-IDF
  cosine of their words: a different article on the same topic.

Guests are split in two halves by a stable hash of their id: thresholds are chosen on ``dev``
and reported on ``check``. Detection runs as in a crawl: originals, then copies, stream into one
index; a copy is right when it joins its guest's story, and any other match (an original or a
negative joining another story, a copy joining a story of other articles only) is a false
positive. A copy that joins a story started by another copy of its own article counts as right
(the same article's copies are one story), so one missed match is one false negative, not a
chain of errors.

Methods, on the same stream:

* ``minhash-lsh``: the tracker's own path (tracker.processing.stories: 128-permutation MinHash
  of word 5-shingles, LSH bands 16 x 4 to find candidates, estimated Jaccard >= threshold);
* ``jaccard``: exact Jaccard of the same shingle sets, every pair compared (the ceiling of the
  above without approximation or banding);
* ``simhash``: the ``simhash`` package (64-bit, word 5-shingles as features), Hamming
  distance <= k, every pair compared.

Cost: per-article time of the story step (features, candidate query, scoring, insert) against
the tracker's extraction of the same pages in the same run, and the size of the index (SQLite
file, Redis memory) after ``--fill`` entries. The fill uses random signatures (so band keys are
as distinct as real unrelated articles' are; the row count and sizes are the same), then real
articles are matched against it.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import math
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench.extraction import load_aeb, load_fundus
from tools.transplant import EDITS, article_paragraphs, edited, transplant_page
from tracker.extract import extract_article
from tracker.extract.encoding import decode_html
from tracker.processing.normalise import url_key
from tracker.processing.stories import (
    COPY_SHAPE,
    NUM_PERM,
    RELATED_SHAPE,
    article_id,
    band_keys,
    shingles,
    signature,
    signature_bytes,
    similarity,
    story_features,
    tokens,
)
from tracker.state import StoryEntry, open_store

logger = logging.getLogger(__name__)

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
SIMHASH_K = (3, 6, 9, 12, 15, 18)
MIN_WORDS = 80
# A copy page whose extracted text holds less than this share of the inserted text's shingles
# is an extraction failure on that page and is not used.
MIN_CONTAINED = 0.5


def _containment(paragraphs: Sequence[str], text: str) -> float:
    inserted = shingles("\n".join(paragraphs))
    return len(inserted & shingles(text)) / len(inserted) if inserted else 0.0


@dataclass
class Article:
    """A real article: its id, page, the tracker's extraction and its reference paragraphs."""

    id: str
    corpus: str
    url: str
    html: str
    title: str
    text: str
    reference: list[str]
    split: str


def _split(page_id: str) -> str:
    return "dev" if hashlib.sha1(page_id.encode()).digest()[0] % 2 == 0 else "check"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]


def load_articles(corpus: Path) -> list[Article]:
    """Every article page of the corpora with enough text, extracted by the tracker."""
    rows: list[tuple[str, str, str, str, list[str]]] = []
    for page in load_fundus(corpus / "fundus"):
        rows.append((f"fundus/{page.id}", "fundus", page.url, page.html, _paragraphs(page.truth)))
    for page in load_aeb(corpus / "wcxb-dev"):
        rows.append((f"wcxb/{page.id}", "wcxb", page.url, page.html, _paragraphs(page.truth)))
    for path in sorted((corpus / "nasa" / "spacemedia" / "image-article").glob("*.html")):
        html = decode_html(path.read_bytes())
        url = f"https://www.nasa.gov/image-article/{path.stem}/"
        rows.append((f"nasa/{path.stem}", "nasa", url, html, []))
    articles = []
    seen_urls: set[str] = set()
    for page_id, corpus_name, url, html, reference in rows:
        # Two captures of one article (fundus keeps one per parser version; WCXB has a page
        # with and without its trailing slash) are the same article, not a negative pair.
        same = url_key(url).rstrip("/")
        if same in seen_urls:
            continue
        seen_urls.add(same)
        title, extracted = article_paragraphs(html, url)
        text = "\n\n".join(extracted)
        if len(tokens(text)) < MIN_WORDS or not title:
            continue
        articles.append(
            Article(
                page_id,
                corpus_name,
                url,
                html,
                title,
                text,
                reference or extracted,
                _split(page_id),
            )
        )
    return articles


# --- the labelled set --------------------------------------------------------------------------


@dataclass
class Sample:
    """One text entering the stream: an original, or a copy of ``guest``."""

    key: str
    title: str
    text: str
    guest: str | None = None  # the original it copies
    edit: str | None = None
    host: str | None = None


def build_copies(
    guests: Sequence[Article], hosts: Sequence[Article], pool: Sequence[Article]
) -> tuple[list[Sample], Counter[str]]:
    """Each guest under other real templates, once per edit; hosts that cannot be emptied are
    skipped (counted)."""
    host_paragraphs: dict[str, list[str]] = {}
    skipped: Counter[str] = Counter()
    copies = []
    for g_index, guest in enumerate(guests):
        local_source = pool[(g_index * 7 + 3) % len(pool)]
        local = next((p for p in _paragraphs(local_source.text) if len(p.split()) >= 20), None)
        for e_index, edit in enumerate(EDITS):
            made = None
            for attempt in range(4):
                host = hosts[(g_index * 5 + e_index * 11 + attempt * 17) % len(hosts)]
                if host.id == guest.id:
                    continue
                if host.id not in host_paragraphs:
                    host_paragraphs[host.id] = _paragraphs(host.text)
                title, paragraphs = edited(guest.title, guest.reference, edit, local)
                made = transplant_page(
                    host.html, host.url, title, paragraphs, host_paragraphs=host_paragraphs[host.id]
                )
                if made is not None and _containment(paragraphs, made.text) < MIN_CONTAINED:
                    # The extractor lost the article on this page (it read another block):
                    # an extraction failure, not a test of copy detection.
                    skipped["extraction_lost_text"] += 1
                    made = None
                if made is not None:
                    break
                skipped["host_not_emptied"] += 1
            if made is None:
                continue
            copies.append(
                Sample(
                    key=f"copy:{guest.id}:{edit.name}",
                    title=made.title or title,
                    text=made.text,
                    guest=guest.id,
                    edit=edit.name,
                    host=host.id,
                )
            )
    return copies, skipped


def tfidf_neighbours(articles: Sequence[Article]) -> dict[str, tuple[str, float]]:
    """For each article, the most similar other one by TF-IDF cosine of its words."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, art in enumerate(articles):
        counts = Counter(tokens(art.title + "\n" + art.text))
        for word, n in counts.items():
            j = vocab.setdefault(word, len(vocab))
            rows.append(i)
            cols.append(j)
            vals.append(1.0 + math.log(n))
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(articles), len(vocab)))
    df = np.bincount(matrix.indices, minlength=len(vocab))
    idf = np.log((1 + len(articles)) / (1 + df)) + 1.0
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    matrix = sparse.diags(1 / np.maximum(norms, 1e-12)) @ matrix
    sims = (matrix @ matrix.T).toarray()
    np.fill_diagonal(sims, -1.0)
    out = {}
    for i, art in enumerate(articles):
        j = int(np.argmax(sims[i]))
        out[art.id] = (articles[j].id, float(sims[i, j]))
    return out


# --- detection methods --------------------------------------------------------------------------


class MinHashLSH:
    """The tracker's method, with an in-memory band table in place of the state store."""

    name = "minhash-lsh"

    def __init__(self) -> None:
        self.bands: dict[int, list[str]] = {}
        self.sigs: dict[str, np.ndarray] = {}

    def add(self, key: str, text: str) -> None:
        sig = signature(shingles(text))
        self.sigs[key] = sig
        for band in band_keys(sig, COPY_SHAPE, "c"):
            self.bands.setdefault(band, []).append(key)

    def best(self, text: str) -> Iterator[tuple[str, float]]:
        sig = signature(shingles(text))
        seen = set()
        for band in band_keys(sig, COPY_SHAPE, "c"):
            for key in self.bands.get(band, ()):
                if key not in seen:
                    seen.add(key)
                    yield key, similarity(sig, self.sigs[key])


class ExactJaccard:
    name = "jaccard"

    def __init__(self) -> None:
        self.sets: dict[str, set[bytes]] = {}

    def add(self, key: str, text: str) -> None:
        self.sets[key] = shingles(text)

    def best(self, text: str) -> Iterator[tuple[str, float]]:
        mine = shingles(text)
        for key, other in self.sets.items():
            union = len(mine | other)
            yield key, (len(mine & other) / union if union else 0.0)


class SimHash:
    name = "simhash"

    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    @staticmethod
    def value(text: str) -> int:
        from simhash import Simhash

        words = tokens(text)
        features = [" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))]
        return int(Simhash(features).value)

    def add(self, key: str, text: str) -> None:
        self.values[key] = self.value(text)

    def best(self, text: str) -> Iterator[tuple[str, float]]:
        mine = self.value(text)
        for key, other in self.values.items():
            # Reported as a similarity: 1 - distance/64, so "k bits" is 1 - k/64.
            yield key, 1.0 - bin(mine ^ other).count("1") / 64.0


def run_stream(
    method: Any,
    originals: Sequence[Sample],
    copies: Sequence[Sample],
    thresholds: Sequence[float],
) -> dict[float, dict[str, Any]]:
    """Stream originals then copies through ``method``; per threshold, story assignments are
    simulated from the scores each arrival got against everything before it."""
    arrivals: list[tuple[Sample, list[tuple[str, float]]]] = []
    for sample in [*originals, *copies]:
        scores = sorted(method.best(sample.text), key=lambda kv: -kv[1])[:20]
        arrivals.append((sample, scores))
        method.add(sample.key, sample.text)
    results = {}
    for threshold in thresholds:
        story: dict[str, str] = {}
        members: dict[str, set[str]] = {}  # story -> the articles (guest ids) in it
        tp = fp = fn = 0
        per_edit: Counter[str] = Counter()
        per_edit_total: Counter[str] = Counter()
        wrong: list[tuple[str, str, float]] = []
        for sample, scores in arrivals:
            match = next(((k, s) for k, s in scores if s >= threshold and k in story), None)
            story[sample.key] = story[match[0]] if match else sample.key
            article = sample.guest or sample.key.removeprefix("orig:")
            joined = members.setdefault(story[sample.key], set())
            if sample.guest is None:
                if match:
                    fp += 1  # two different real articles put in one story
                    wrong.append((sample.key, match[0], round(match[1], 3)))
                joined.add(article)
                continue
            per_edit_total[sample.edit or ""] += 1
            # Right: the story it joined holds its article (the original, or another copy of
            # it that joined or started the story); wrong: a story of other articles only.
            if match and article in joined:
                tp += 1
                per_edit[sample.edit or ""] += 1
            elif match:
                fp += 1
                wrong.append((sample.key, match[0], round(match[1], 3)))
            else:
                fn += 1
            joined.add(article)
        results[threshold] = {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "recall_by_edit": {
                e: round(per_edit[e] / n, 3) for e, n in sorted(per_edit_total.items())
            },
            "false_positives": wrong[:10],
        }
    return results


def hard_negative_scores(
    articles: dict[str, Article], neighbours: dict[str, tuple[str, float]], ids: Sequence[str]
) -> list[float]:
    """Estimated Jaccard (MinHash) of each article and its nearest same-topic neighbour."""
    out = []
    for art_id in ids:
        other, _cos = neighbours[art_id]
        a = signature(shingles(articles[art_id].text))
        b = signature(shingles(articles[other].text))
        out.append(similarity(a, b))
    return out


# --- cost -----------------------------------------------------------------------------------------


@contextlib.contextmanager
def redis_server() -> Iterator[str | None]:
    """A throwaway redis-server on 127.0.0.1 (None when redis-server is not installed)."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    workdir = tempfile.mkdtemp(prefix="bench-redis-")
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def fill_store(store: Any, count: int, seed: int = 7) -> float:
    """``count`` entries with random signatures (seconds taken)."""
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    now = time.time()
    batch = 2000
    for first in range(0, count, batch):
        with store.story_lock():
            for n in range(first, min(count, first + batch)):
                text_sig = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
                lead_sig = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
                url = f"https://fill.example/{n}"
                this = article_id(url)
                entry = StoryEntry(
                    article_id=this,
                    story_id=this,
                    role="original",
                    url=url,
                    path=f"2026-12-01/general/article-{this[:10]}.md",
                    day="2026-12-01",
                    seen_at=now,
                    publisher="Fill",
                    title=f"Article {n}",
                    published="2026-12-01T10:00:00+00:00",
                    text_signature=signature_bytes(text_sig),
                    lead_signature=signature_bytes(lead_sig),
                )
                store.add_story_entry(
                    entry,
                    band_keys(text_sig, COPY_SHAPE, "c") + band_keys(lead_sig, RELATED_SHAPE, "r"),
                )
    return time.perf_counter() - start


def story_step(store: Any, url: str, title: str, text: str) -> None:
    """What StoryPipeline does for one new article (features, copy and related candidates,
    scoring, insert), without the Scrapy wrapping."""
    from tracker.processing.stories import signature_from_bytes

    features = story_features(title, text)
    with store.story_lock():
        for cand in store.story_candidates(features.copy_bands, 0.0):
            similarity(features.text_signature, signature_from_bytes(cand.text_signature))
        this = article_id(url)
        store.add_story_entry(
            StoryEntry(
                article_id=this,
                story_id=this,
                role="original",
                url=url,
                path=f"2026-12-02/general/x-{this[:10]}.md",
                day="2026-12-02",
                seen_at=time.time(),
                text_signature=signature_bytes(features.text_signature),
                lead_signature=signature_bytes(features.lead_signature),
            ),
            features.copy_bands + features.related_bands,
        )
    for cand in store.story_candidates(features.related_bands, 0.0):
        similarity(features.lead_signature, signature_from_bytes(cand.lead_signature))


def measure_cost(articles: Sequence[Article], fill: int) -> dict[str, Any]:
    sample = list(articles[:60])
    # Reference: the tracker's extraction of the same pages, in the same run.
    start = time.perf_counter()
    for art in sample:
        extract_article(art.html, art.url)
    extract_ms = (time.perf_counter() - start) * 1000 / len(sample)
    start = time.perf_counter()
    for art in sample:
        story_features(art.title, art.text)
    features_ms = (time.perf_counter() - start) * 1000 / len(sample)
    out: dict[str, Any] = {
        "extract_ms_per_article": round(extract_ms, 2),
        "features_ms_per_article": round(features_ms, 2),
        "fill": fill,
    }
    with tempfile.TemporaryDirectory(prefix="bench-stories-") as tmp:
        db = Path(tmp) / "state.sqlite3"
        store = open_store(str(db))
        try:
            out["sqlite_fill_s"] = round(fill_store(store, fill), 1)
            start = time.perf_counter()
            for n, art in enumerate(sample):
                story_step(store, f"https://real.example/{n}", art.title, art.text)
            out["sqlite_step_ms_per_article"] = round(
                (time.perf_counter() - start) * 1000 / len(sample), 2
            )
            counts = store.story_counts()  # type: ignore[attr-defined]
            out["index_rows"] = counts
            conn = store._connection()  # type: ignore[attr-defined]
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            pages = conn.execute(
                "SELECT name, SUM(pgsize) FROM dbstat WHERE name LIKE 'story%'"
                " OR name LIKE 'sqlite_autoindex_story%' GROUP BY name"
            ).fetchall()
            out["sqlite_bytes_by_table"] = {name: int(size) for name, size in pages}
            out["sqlite_index_mb"] = round(sum(int(s) for _, s in pages) / 2**20, 1)
        except Exception as exc:  # dbstat may be missing from a SQLite build
            logger.warning("SQLite size: %s", exc)
        finally:
            store.close()
    with redis_server() as url:
        if url is None:
            out["redis"] = "redis-server not installed"
            return out
        import redis

        client = redis.Redis.from_url(url)
        before = int(client.info("memory")["used_memory"])
        store = open_store(url)
        try:
            out["redis_fill_s"] = round(fill_store(store, fill), 1)
            start = time.perf_counter()
            for n, art in enumerate(sample):
                story_step(store, f"https://real.example/{n}", art.title, art.text)
            out["redis_step_ms_per_article"] = round(
                (time.perf_counter() - start) * 1000 / len(sample), 2
            )
            after = int(client.info("memory")["used_memory"])
            out["redis_index_mb"] = round((after - before) / 2**20, 1)
        finally:
            store.close()
            client.close()
    return out


# --- related stories ----------------------------------------------------------------------------


def measure_related(articles: Sequence[Article], thresholds: Sequence[float]) -> dict[str, Any]:
    """How often headline-and-lead similarity links articles, per threshold.

    There is no labelled set of different outlets' own reports of one event in the corpora, so
    this measures the two sides separately: *false links* among all pairs of the corpora's
    different real articles (none of them report the same event, bar coincidence), and *found
    links* for hand-made follow-ups built from real text (an article's headline and first
    paragraph, then the paragraphs of another real article) and for headline-rewritten copies
    (tools.transplant.retitled) of the first paragraph and headline."""
    from tools.transplant import retitled
    from tracker.processing.stories import lead_terms

    leads = np.stack([signature(lead_terms(a.title, a.text)) for a in articles])
    n = len(articles)
    false_links = {}
    for threshold in thresholds:
        pairs = 0
        for i in range(n - 1):
            agree = (leads[i + 1 :] == leads[i]).mean(axis=1)
            pairs += int(np.count_nonzero(agree >= threshold))
        false_links[str(threshold)] = {
            "pairs": pairs,
            "per_article": round(2 * pairs / n, 4),
            "share_of_pairs": round(pairs / (n * (n - 1) / 2), 6),
        }
    follow_ups, retitles = [], []
    shapes = {"16x2": RELATED_SHAPE, "24x2": (24, 2), "32x2": (32, 2)}
    banded: dict[str, list[bool]] = {name: [] for name in shapes}
    for i, art in enumerate(articles):
        paragraphs = _paragraphs(art.text)
        other = _paragraphs(articles[(i * 7 + 3) % n].text)
        follow = "\n\n".join([paragraphs[0], *other])
        follow_sig = signature(lead_terms(art.title, follow))
        follow_ups.append(similarity(leads[i], follow_sig))
        retitles.append(similarity(leads[i], signature(lead_terms(retitled(art.title), art.text))))
        for name, shape in shapes.items():
            mine = set(band_keys(leads[i], shape, "r"))
            banded[name].append(bool(mine & set(band_keys(follow_sig, shape, "r"))))
    follow_arr = np.array(follow_ups)
    found = {
        str(t): {
            "follow_up": round(float(np.mean(follow_arr >= t)), 3),
            "retitled_copy": round(float(np.mean(np.array(retitles) >= t)), 3),
            **{
                f"follow_up_found_by_lsh_{name}": round(
                    float(np.mean((follow_arr >= t) & np.array(hits))), 3
                )
                for name, hits in banded.items()
            },
        }
        for t in thresholds
    }
    return {"articles": n, "false_links": false_links, "found": found}


# --- main -----------------------------------------------------------------------------------------


def choose(results: dict[float, dict[str, Any]]) -> float:
    """The threshold with the best F1 on dev (ties: the higher threshold, fewer merges)."""

    def f1(r: dict[str, Any]) -> float:
        p, rec = r["precision"], r["recall"]
        return 2 * p * rec / (p + rec) if p + rec else 0.0

    return max(results, key=lambda t: (round(f1(results[t]), 4), t))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--guests", type=int, default=120, help="guests per split")
    parser.add_argument("--fill", type=int, default=100_000)
    parser.add_argument("--skip-cost", action="store_true")
    parser.add_argument(
        "--related-only", action="store_true", help="only the related-stories measurement"
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)

    started = time.perf_counter()
    articles = load_articles(args.corpus)
    by_id = {a.id: a for a in articles}
    print(f"{len(articles)} real articles ({Counter(a.corpus for a in articles)})", file=sys.stderr)
    related = measure_related(articles, (0.15, 0.2, 0.25, 0.3, 0.4))
    if args.related_only:
        print(json.dumps({"related": related}, indent=2))
        return 0
    neighbours = tfidf_neighbours(articles)
    report: dict[str, Any] = {"articles": len(articles), "splits": {}, "related": related}
    for split in ("dev", "check"):
        members = [a for a in articles if a.split == split]
        # Guests: a stable sample across corpora; hosts: every page of the split.
        ordered = sorted(members, key=lambda a: hashlib.sha1(a.id.encode()).hexdigest())
        guests = ordered[: args.guests]
        copies, skipped = build_copies(guests, ordered, members)
        originals = [Sample(f"orig:{a.id}", a.title, a.text) for a in members]
        split_report: dict[str, Any] = {
            "originals": len(originals),
            "guests": len(guests),
            "copies": len(copies),
            "copies_by_edit": dict(Counter(c.edit for c in copies)),
            "skipped": dict(skipped),
        }
        negatives = hard_negative_scores(by_id, neighbours, [g.id for g in guests])
        split_report["hard_negative_similarity"] = {
            "max": round(max(negatives), 3),
            "p99": round(float(np.percentile(negatives, 99)), 3),
            "median": round(float(np.median(negatives)), 3),
        }
        copy_sims = []
        for c in copies:
            a = signature(shingles(by_id[c.guest or ""].text))
            copy_sims.append(similarity(a, signature(shingles(c.text))))
        split_report["copy_similarity"] = {
            "min": round(min(copy_sims), 3),
            "p05": round(float(np.percentile(copy_sims, 5)), 3),
            "median": round(float(np.median(copy_sims)), 3),
        }
        methods: dict[str, Any] = {}
        for method, cuts in (
            (MinHashLSH(), THRESHOLDS),
            (ExactJaccard(), THRESHOLDS),
            (SimHash(), tuple(1 - k / 64 for k in SIMHASH_K)),
        ):
            t0 = time.perf_counter()
            results = run_stream(method, originals, copies, cuts)
            methods[method.name] = {
                "seconds": round(time.perf_counter() - t0, 1),
                "by_threshold": {str(round(t, 4)): r for t, r in results.items()},
            }
        split_report["methods"] = methods
        report["splits"][split] = split_report
        print(f"{split}: {len(copies)} copies of {len(guests)} guests", file=sys.stderr)
    for name in ("minhash-lsh", "jaccard", "simhash"):
        dev = {
            float(t): r for t, r in report["splits"]["dev"]["methods"][name]["by_threshold"].items()
        }
        best = choose(dev)
        check = report["splits"]["check"]["methods"][name]["by_threshold"][str(round(best, 4))]
        report.setdefault("chosen", {})[name] = {"threshold": best, "check": check}
    if not args.skip_cost:
        report["cost"] = measure_cost(articles, args.fill)
    report["seconds"] = round(time.perf_counter() - started, 1)
    text = json.dumps(report, indent=2)
    if args.json:
        args.json.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
