"""CategoryMatcher.match looks a label's words up in an index of the keywords (by first word,
and the suffix keywords apart) instead of trying every keyword of every rule on every label.
The index must answer as the scan over the rules does: the earliest keyword in the label, at
the same position the longer one, then the rule listed first."""

from __future__ import annotations

import random

from tracker.processing.categorise import CategoryMatcher, _words, merge_rules


def _match_by_scan(matcher: CategoryMatcher, label: str) -> str | None:
    """What CategoryMatcher.match answered before its index: every keyword of every rule tried
    on the label's words (the earliest found, at the same position the longer keyword, then
    the rule listed first)."""
    if not label:
        return None
    direct = matcher._names.get(" ".join(_words(label)))
    if direct:
        return direct
    words = _words(label)
    best: tuple[tuple[int, int, int], str] | None = None
    for order, (name, keywords) in enumerate(matcher.rules.items()):
        for keyword in keywords:
            pos = _find(words, keyword)
            key = (pos, -len(keyword), order)
            if pos >= 0 and (best is None or key < best[0]):
                best = (key, name)
    return best[1] if best else None


def _find(words: list[str], keyword: tuple[str, ...]) -> int:
    """Where ``keyword`` starts in ``words`` (a "*suffix" keyword: the first word ending so),
    or -1."""
    if not keyword:
        return -1
    if len(keyword) == 1 and keyword[0].startswith("*"):
        suffix = keyword[0][1:]
        return next(
            (i for i, w in enumerate(words) if len(w) > len(suffix) and w.endswith(suffix)), -1
        )
    size = len(keyword)
    for i in range(len(words) - size + 1):
        if tuple(words[i : i + size]) == keyword:
            return i
    return -1


def _labels(matcher: CategoryMatcher, count: int, seed: int) -> list[str]:
    keywords = [" ".join(k) for ks in matcher.rules.values() for k in ks]
    vocabulary = [w for k in keywords for w in k.split()]
    vocabulary += ["news", "the", "latest", "wirtschaftspolitik", "xpolitik", "2026", "a"]
    rnd = random.Random(seed)
    labels = list(keywords)
    labels += [f"latest {k} and more" for k in keywords[::7]]
    for _ in range(count):
        labels.append(" ".join(rnd.choice(vocabulary) for _ in range(rnd.randint(1, 6))))
    return labels


def test_the_index_matches_as_the_scan_over_every_keyword() -> None:
    matcher = CategoryMatcher(merge_rules({}))
    labels = _labels(matcher, 1500, seed=13)
    assert [matcher.match(label) for label in labels] == [
        _match_by_scan(matcher, label) for label in labels
    ]


def test_the_index_keeps_the_precedence_of_position_length_and_rule_order() -> None:
    matcher = CategoryMatcher(
        {
            "Ice": ["ice"],
            "Hockey": ["ice hockey", "*ball"],
            "Sport": ["hockey", "ice"],
            "Ball": ["football"],
        }
    )
    # The longer keyword at the same position, the rule listed first at the same length, the
    # earliest position whatever the rule, and a suffix keyword against a whole word.
    cases = {
        "ice hockey": "Hockey",
        "ice": "Ice",
        "hockey on ice": "Sport",
        "football": "Hockey",
        "ball game": None,
        "": None,
    }
    for label, expected in cases.items():
        assert matcher.match(label) == expected, label
        assert _match_by_scan(matcher, label) == expected, label


def test_a_publishers_additions_and_overrides_are_indexed_too() -> None:
    rules = merge_rules({"Science": ["lab notes"]}, {"Sport": ["match report", "*ball"]})
    matcher = CategoryMatcher(rules)
    assert matcher.match("Lab notes") == "Science"
    assert matcher.match("match report: handball") == "Sport"
    labels = _labels(matcher, 300, seed=7)
    assert [matcher.match(label) for label in labels] == [
        _match_by_scan(matcher, label) for label in labels
    ]
