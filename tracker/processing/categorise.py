"""Mapping an article onto the tracker's category set.

Precedence, first answer wins (the winner is recorded in ``provenance["category"]``):

1. ``item`` - a category the spider already put on the item (a ``post_process_item`` hook that
   knows better), if it maps onto the category set;
2. ``spider`` - the spider's ``default_category``: a single-beat outlet (NASA is Science) says so
   once, and its own sections ("Missions", "Humans in Space") cannot pull it elsewhere. General
   news spiders leave it unset so that the evidence below decides;
3. ``section`` - the publisher's own section (``article:section``, Parse.ly section);
4. ``url`` - the URL's path folders (``/sport/football/<slug>``), never the slug itself, whose
   words describe the story rather than the desk;
5. ``tags`` - the publisher's keywords, by majority vote (ties go to the earlier rule);
6. ``fallback`` - ``General``.

A label matches a category when one of the category's keywords appears in it as whole words
(case-insensitive, ``-`` and ``_`` read as spaces); a keyword written ``*politik`` also matches
the end of a word (German and Nordic compounds: "Innenpolitik"); when several match, the keyword
found earliest in the label wins, so "Science & Environment" is Science. Rules come from
``BUILTIN_RULES`` (English) and the words of the corpora's other languages
(tracker.processing.category_words: Politik, Wirtschaft, 経済, Deportes, ...), then
``TRACKER_CATEGORY_RULES`` merged over them: a category named there replaces the built-in
keyword list (an empty list switches the category off), new categories are added after the
built-in ones. A publisher's ``category_rules`` (its spider's, carried on the item) are added to
the lists for its articles: its regions, its desks' names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from urllib.parse import unquote, urlsplit

FALLBACK_CATEGORY = "General"

BUILTIN_RULES: dict[str, list[str]] = {
    "Science": [
        "science",
        "sciences",
        "space",
        "astronomy",
        "physics",
        "biology",
        "chemistry",
        "research",
        "nasa",
        "planetary science",
        "earth science",
        "missions",
        "solar system",
        "universe",
    ],
    "Technology": [
        "technology",
        "tech",
        "gadgets",
        "software",
        "internet",
        "ai",
        "artificial intelligence",
        "computing",
        "cybersecurity",
        "startups",
        "mobile",
        "innovation",
    ],
    "Business": [
        "business",
        "economy",
        "economics",
        "markets",
        "market",
        "finance",
        "money",
        "companies",
        "industry",
        "banking",
        "stocks",
        "personal finance",
        "trade",
    ],
    "Sports": [
        "sport",
        "sports",
        "football",
        "soccer",
        "cricket",
        "tennis",
        "golf",
        "basketball",
        "baseball",
        "nfl",
        "nba",
        "rugby",
        "formula 1",
        "f1",
        "olympics",
        "hockey",
        "athletics",
    ],
    "Entertainment": [
        "entertainment",
        "culture",
        "arts",
        "movies",
        "film",
        "films",
        "music",
        "tv",
        "television",
        "celebrity",
        "bollywood",
        "hollywood",
        "books",
        "showbiz",
        "lifestyle",
    ],
    "Health": [
        "health",
        "medicine",
        "medical",
        "wellness",
        "fitness",
        "coronavirus",
        "covid",
        "covid-19",
        "mental health",
        "nutrition",
    ],
    "Environment": [
        "environment",
        "climate",
        "climate change",
        "climate crisis",
        "weather",
        "energy",
        "nature",
        "wildlife",
        "sustainability",
    ],
    "Politics": [
        "politics",
        "political",
        "elections",
        "election",
        "government",
        "policy",
        "us politics",
        "uk politics",
    ],
    "India": ["india", "india news", "delhi", "mumbai", "bengaluru", "kolkata"],
    "World": [
        "world",
        "world news",
        "international",
        "global",
        "europe",
        "asia",
        "africa",
        "americas",
        "middle east",
        "us news",
        "uk news",
        "australia",
        "china",
    ],
}

_SEPARATORS_RE = re.compile(r"[\s_\-/&,.:;|+・·、，]+")


def _words(label: str) -> list[str]:
    return [w for w in _SEPARATORS_RE.split(label.casefold()) if w]


def merge_rules(
    overrides: Mapping[str, Iterable[str]] | None,
    additions: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, list[str]]:
    """Built-in rules in every language with ``overrides`` merged over them, then a publisher's
    ``additions`` put first in its categories' lists (see the module docstring)."""
    from tracker.processing.category_words import language_rules

    rules = {name: list(words) for name, words in BUILTIN_RULES.items()}
    for name, more in language_rules().items():
        rules.setdefault(name, [])
        rules[name] += [w for w in more if w not in rules[name]]
    for name, given in (overrides or {}).items():
        rules[str(name)] = _word_list(given)
    for name, given in (additions or {}).items():
        rules[str(name)] = _word_list(given) + rules.get(str(name), [])
    return {name: words for name, words in rules.items() if words}


def _word_list(words: Iterable[str] | str) -> list[str]:
    """A rule's words as a list (one word given alone is a list of one)."""
    return [words] if isinstance(words, str) else [str(w) for w in words]


class CategoryMatcher:
    """Maps free-text labels (sections, path folders, tags) onto category names."""

    def __init__(self, rules: Mapping[str, Iterable[str]]) -> None:
        self.rules = {name: [tuple(_words(k)) for k in words] for name, words in rules.items()}
        self._names = {name.casefold(): name for name in self.rules}
        # The keywords by their first word, and the suffix keywords ("*politik"), each with its
        # rule's order and name: a label's words are looked up, not every keyword tried on them.
        self._by_first: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
        self._suffixes: list[tuple[str, int, str]] = []
        for order, (name, keywords) in enumerate(self.rules.items()):
            for keyword in keywords:
                if len(keyword) == 1 and keyword[0].startswith("*"):
                    self._suffixes.append((keyword[0][1:], order, name))
                elif keyword:
                    self._by_first.setdefault(keyword[0], []).append((keyword, order, name))

    def match(self, label: str | None) -> str | None:
        """The category a label names, or None: of the keywords found in the label's words,
        the earliest; at the same position the longer keyword, then the rule listed first."""
        if not label:
            return None
        direct = self._names.get(" ".join(_words(label)))
        if direct:
            return direct
        words = _words(label)
        best: tuple[tuple[int, int, int], str] | None = None
        for pos, word in enumerate(words):
            for keyword, order, name in self._by_first.get(word, ()):
                if tuple(words[pos : pos + len(keyword)]) == keyword:
                    key = (pos, -len(keyword), order)
                    if best is None or key < best[0]:
                        best = (key, name)
            for suffix, order, name in self._suffixes:
                if len(word) > len(suffix) and word.endswith(suffix):
                    key = (pos, -1, order)
                    if best is None or key < best[0]:
                        best = (key, name)
            if best is not None:
                return best[1]  # nothing found later in the label comes first
        return None

    def category_name(self, value: str | None) -> str | None:
        """``value`` as one of the rule names, if it is one (case-insensitive)."""
        if not value:
            return None
        return self._names.get(" ".join(_words(value))) or self.match(value)


def url_folders(url: str | None) -> list[str]:
    """The folders of a URL's path, without the last segment (the article's slug), without
    numeric or very long segments (ids and dates carry no category)."""
    if not url:
        return []
    path = unquote(urlsplit(url).path)
    segments = [s for s in path.split("/") if s]
    # The last segment is the article's slug, with or without a trailing slash.
    segments = segments[:-1]
    return [s for s in segments if not re.fullmatch(r"[\d\-_.]+", s) and len(_words(s)) <= 3]


def categorise(
    matcher: CategoryMatcher,
    *,
    item_category: str | None = None,
    default: str | None = None,
    section: str | None = None,
    url: str | None = None,
    tags: Iterable[str] = (),
) -> tuple[str, str]:
    """Return ``(category, source)`` following the module's precedence."""
    if item_category:
        named = matcher.category_name(item_category)
        if named:
            return named, "item"
    if default:
        return matcher.category_name(default) or default, "spider"
    found = matcher.match(section)
    if found:
        return found, "section"
    for folder in url_folders(url):
        found = matcher.match(folder)
        if found:
            return found, "url"
    votes: Counter[str] = Counter()
    for tag in tags:
        found = matcher.match(tag)
        if found:
            votes[found] += 1
    if votes:
        order = list(matcher.rules)
        best = max(votes, key=lambda c: (votes[c], -order.index(c)))
        return best, "tags"
    return FALLBACK_CATEGORY, "fallback"
