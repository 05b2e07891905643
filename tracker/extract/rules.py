"""Site knowledge as data: what a publisher (or a family of publishers) tells extraction.

A :class:`SiteRules` value is checked when it is made (an unknown field name, a CSS selector or
regular expression that does not compile, a separator for a field that is not a list: each is a
:class:`RulesError` naming the rule) and applied by :func:`tracker.extract.extract_article`, so
every spider that extracts a page with the same rules gets the same fields: the publisher's
spider and the generic ``article`` spider alike.

- ``selectors``: field name -> CSS selector, or a list of them (the first that matches wins).
  For ``body`` the selector names the article container. For ``authors`` and ``tags`` each
  matched node gives one value: its text, or its ``content`` attribute (a meta tag).
- ``separators``: field name -> the string that separates several values inside one selected
  value (``{"tags": ";"}`` for a meta tag listing ``World;Europe``). Nothing is split unless a
  separator says so.
- ``exclude``: CSS selectors of nodes dropped before any body extraction (share bars, related
  links, credits).
- ``title_prefixes``, ``title_suffixes``: strings stripped from the start or end of the title
  (``"TechCrunch | "``, ``" - NASA"``).
- ``keep_tags``, ``drop_tags``: regular expressions searched in each tag (whatever layer gave
  it): with ``keep_tags`` only matching tags stay; matching ``drop_tags`` go. ``tag_labels``:
  label prefixes taken off the tags that remain (``"Category:"``: ``"Category: Wine"`` -> ``Wine``).
- ``drop_authors``: regular expressions; a byline matching one is not a person (a desk, the
  outlet itself) and is dropped.
- ``not_article``: CSS selectors; a page matching one is not an article (a gallery, an image
  attachment page) and is rejected as ``not_article``.

Regular expressions are Python's, searched (anchor them with ``^``/``$``), case-sensitive
unless they say ``(?i)``.

A family of publishers on one platform shares one SiteRules value (tracker.extract.sites); a
spider's own rules extend it (:meth:`SiteRules.extended_by`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from tracker.extract.types import FIELDS

# Fields whose value is a list; only these may have a separator.
LIST_FIELDS = frozenset({"authors", "tags"})


class RulesError(ValueError):
    """Site rules that cannot work; the message names each rule that is wrong."""


@lru_cache(maxsize=1024)
def compile_css(selector: str) -> Callable[[Any], list[Any]]:
    """The compiled CSS selector (lxml), cached; RulesError when it does not compile."""
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    try:
        return CSSSelector(selector, translator="html")
    except SelectorError as exc:
        raise RulesError(f"CSS selector {selector!r} does not compile ({exc})") from None


@lru_cache(maxsize=1024)
def compile_regex(pattern: str) -> re.Pattern[str]:
    """The compiled regular expression, cached; RulesError when it does not compile."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RulesError(f"regular expression {pattern!r} does not compile ({exc})") from None


def _strings(name: str, value: Any) -> tuple[str, ...]:
    """A declared list of strings as a tuple; a lone string is an error, not a list of letters."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise RulesError(f"{name}: expected a list of strings, got {value!r}")
    out = tuple(value)
    bad = [v for v in out if not isinstance(v, str) or not v]
    if bad:
        raise RulesError(f"{name}: expected non-empty strings, got {bad!r}")
    return out


@dataclass(frozen=True)
class SiteRules:
    """What a publisher tells extraction about its pages (the module docstring says each rule)."""

    selectors: Mapping[str, str | Sequence[str]] = field(default_factory=dict)
    separators: Mapping[str, str] = field(default_factory=dict)
    exclude: Sequence[str] = ()
    title_prefixes: Sequence[str] = ()
    title_suffixes: Sequence[str] = ()
    keep_tags: Sequence[str] = ()
    drop_tags: Sequence[str] = ()
    tag_labels: Sequence[str] = ()
    drop_authors: Sequence[str] = ()
    not_article: Sequence[str] = ()

    def __post_init__(self) -> None:
        problems: list[str] = []

        def strings(name: str, value: Any) -> tuple[str, ...]:
            try:
                return _strings(name, value)
            except RulesError as exc:
                problems.append(str(exc))
                return ()

        def compiles(name: str, compile_one: Callable[[str], Any], values: Sequence[str]) -> None:
            for value in values:
                try:
                    compile_one(value)
                except RulesError as exc:
                    problems.append(f"{name}: {exc}")

        selectors: dict[str, tuple[str, ...]] = {}
        if not isinstance(self.selectors, Mapping):
            problems.append(f"selectors: expected a dict of field -> CSS, got {self.selectors!r}")
        else:
            for name, value in self.selectors.items():
                if name not in FIELDS:
                    known = ", ".join(sorted(FIELDS))
                    problems.append(f"selectors: unknown field {name!r} (fields: {known})")
                    continue
                css = strings(f"selectors[{name!r}]", (value,) if isinstance(value, str) else value)
                compiles(f"selectors[{name!r}]", compile_css, css)
                selectors[name] = css
        separators: dict[str, str] = {}
        if not isinstance(self.separators, Mapping):
            problems.append(
                f"separators: expected a dict of field -> text, got {self.separators!r}"
            )
        else:
            for name, separator in self.separators.items():
                if name not in LIST_FIELDS:
                    known = ", ".join(sorted(LIST_FIELDS))
                    problems.append(f"separators: {name!r} is not a list field ({known})")
                elif not isinstance(separator, str) or not separator:
                    problems.append(f"separators[{name!r}]: expected a non-empty string")
                else:
                    separators[name] = separator
        object.__setattr__(self, "selectors", selectors)
        object.__setattr__(self, "separators", separators)
        for name, compile_one in (
            ("exclude", compile_css),
            ("not_article", compile_css),
            ("keep_tags", compile_regex),
            ("drop_tags", compile_regex),
            ("drop_authors", compile_regex),
            ("title_prefixes", None),
            ("title_suffixes", None),
            ("tag_labels", None),
        ):
            values = strings(name, getattr(self, name))
            if compile_one is not None:
                compiles(name, compile_one, values)
            object.__setattr__(self, name, values)
        if problems:
            raise RulesError("; ".join(problems))

    def extended_by(self, other: SiteRules) -> SiteRules:
        """These rules (a family's) with ``other`` (one site's) on top: its selectors and
        separators replace the family's field by field; every list rule adds to the family's."""
        merged: dict[str, Any] = {}
        for rule in fields(self):
            mine, theirs = getattr(self, rule.name), getattr(other, rule.name)
            if isinstance(mine, Mapping):
                merged[rule.name] = {**mine, **theirs}
            else:
                merged[rule.name] = (*mine, *(v for v in theirs if v not in mine))
        return SiteRules(**merged)

    # --- applying them (extract_article calls these) ---------------------------------------------

    def split(self, name: str, value: str) -> list[str]:
        """One selected value of a list field, split on the field's separator if it has one."""
        separator = self.separators.get(name)
        parts = value.split(separator) if separator else [value]
        return [part.strip() for part in parts if part.strip()]

    def clean_title(self, title: str) -> str:
        """The title without a declared prefix or suffix (the first that matches of each)."""
        for prefix in self.title_prefixes:
            if title.startswith(prefix) and len(title) > len(prefix):
                title = title[len(prefix) :].strip()
                break
        for suffix in self.title_suffixes:
            if title.endswith(suffix) and len(title) > len(suffix):
                title = title[: -len(suffix)].strip()
                break
        return title

    def filter_tags(self, tags: Sequence[str]) -> list[str]:
        """The tags the rules keep, labels taken off, in order, without case-insensitive
        repeats."""
        keep = [compile_regex(p) for p in self.keep_tags]
        drop = [compile_regex(p) for p in self.drop_tags]
        out: list[str] = []
        seen: set[str] = set()
        for tag in tags:
            if keep and not any(p.search(tag) for p in keep):
                continue
            if any(p.search(tag) for p in drop):
                continue
            for label in self.tag_labels:
                if tag.startswith(label):
                    tag = tag[len(label) :].strip()
                    break
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                out.append(tag)
        return out

    def filter_authors(self, authors: Sequence[str]) -> list[str]:
        """The bylines that name people: those no ``drop_authors`` pattern matches. A byline of
        comma-separated parts ("David Straub, MDR THÜRINGEN": the reporter and his desk) loses
        the parts a pattern matches and keeps the others."""
        drop = [compile_regex(p) for p in self.drop_authors]
        if not drop:
            return list(authors)
        out = []
        for author in authors:
            if any(p.search(author.strip()) for p in drop):
                continue
            parts = [part.strip() for part in author.split(",")]
            kept = [part for part in parts if not any(p.search(part) for p in drop)]
            if kept:
                out.append(author if len(kept) == len(parts) else ", ".join(kept))
        return out

    def not_article_match(self, tree: Any) -> str | None:
        """The first ``not_article`` selector the page matches, or None."""
        for selector in self.not_article:
            if compile_css(selector)(tree):
                return selector
        return None
