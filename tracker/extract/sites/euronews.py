"""Euronews editions (English, French, German, ...): one definition their spiders share
(``family = EURONEWS``).

The article pages carry no NewsArticle JSON-LD; ``og:title`` is the headline as published (the
``<h1>`` is a longer variant on the English edition), so it is the title on every edition.
"""

from __future__ import annotations

from tracker.extract.rules import SiteRules

EURONEWS = SiteRules(
    selectors={"title": "meta[property='og:title']"},
)
