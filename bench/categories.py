"""Categories on the fundus corpus: the share of articles with a section or tags that get a
category other than ``General``, by language and by the source that decided.

Every fundus page (../shared/corpus/fundus, 237 pages in 25 languages, with or without a spider)
goes through the generic spider and the normalise pipeline, then the categoriser with the
built-in rules in every language (tracker.processing.category_words). Target (issue 12): 70 %.

    .venv/bin/python bench/categories.py        # the figures
    .venv/bin/python bench/categories.py -v     # and every page left in General
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "fundus"
TARGET = 0.70


def main() -> int:
    import time_machine

    from tools.fixtures import FROZEN_AT, PageExtractor, load_spider_classes
    from tracker.processing.categorise import (
        FALLBACK_CATEGORY,
        CategoryMatcher,
        categorise,
        merge_rules,
    )
    from tracker.processing.language import base_language

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    extractor = PageExtractor()
    spidercls = load_spider_classes(extractor.settings)["article"]
    matcher = CategoryMatcher(merge_rules(None))
    sources: Counter[str] = Counter()
    by_language: dict[str, list[int]] = {}
    labelled = right = 0
    with time_machine.travel(FROZEN_AT, tick=False):
        for row in json.loads((CORPUS / "index.json").read_text()):
            html = gzip.decompress((CORPUS / row["html"]).read_bytes())
            item = extractor.extract(spidercls, html, row["url"])
            if item is None or not (item.section or item.tags):
                continue
            category, source = categorise(
                matcher, section=item.section, url=item.url, tags=item.tags or ()
            )
            labelled += 1
            named = category != FALLBACK_CATEGORY
            right += named
            sources[source] += 1
            counts = by_language.setdefault(base_language(item.language) or "?", [0, 0])
            counts[0] += named
            counts[1] += 1
            if args.verbose and not named:
                print(f"  General: {row['html']} section={item.section!r} tags={item.tags[:5]}")
    share = right / labelled if labelled else 0.0
    print(
        f"articles with a section or tags: {labelled}; a category other than General: {right}"
        f" ({share:.1%}; target {TARGET:.0%})"
    )
    print("decided by: " + ", ".join(f"{k} {v}" for k, v in sources.most_common()))
    print(
        "by language: "
        + ", ".join(
            f"{k} {r}/{n}" for k, (r, n) in sorted(by_language.items(), key=lambda x: -x[1][1])
        )
    )
    return 0 if share >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
