"""Postmedia Network sites (National Post, Financial Post, Ottawa Citizen, The Province, ...).

Their JSON-LD ``keywords`` mix the article's topics with CMS facets: ``Category: Wine`` (a
topic, kept without its label), ``NLP Category: ...`` and ``NLP Entity Tokens: ...`` (machine
labels), the story's UUID and the site's own domain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_DOMAIN_RE = re.compile(r"^[\w-]+(\.[\w-]+)*\.(com|ca)$", re.I)


def postmedia_tags(keywords: Iterable[str]) -> list[str]:
    """The topic tags among a Postmedia article's JSON-LD keywords, in order, without repeats."""
    tags: list[str] = []
    for keyword in keywords:
        keyword = keyword.strip()
        if keyword.startswith("NLP ") or _UUID_RE.match(keyword) or _DOMAIN_RE.match(keyword):
            continue
        if keyword.startswith("Category:"):
            keyword = keyword.partition(":")[2].strip()
        if keyword and keyword.casefold() not in {t.casefold() for t in tags}:
            tags.append(keyword)
    return tags
