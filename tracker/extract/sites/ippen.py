"""Ippen Media sites (Frankfurter Rundschau, Münchner Merkur, tz, ...): one definition their
spiders share (``family = IPPEN``).

Their NewsArticle JSON-LD ``headline`` can be an SEO variant of the story's headline; the one
readers see is the story's ``.id-StoryElement-headline`` heading.
"""

from __future__ import annotations

from tracker.extract.rules import SiteRules

IPPEN = SiteRules(selectors={"title": "h1.id-StoryElement-headline"})
