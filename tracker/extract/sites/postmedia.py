"""Postmedia Network sites (National Post, Financial Post, Ottawa Citizen, The Province, ...):
one definition their spiders share (``family = POSTMEDIA``).

Their JSON-LD ``keywords`` mix the article's topics with CMS facets: ``Category: Wine`` (a
topic, kept without its label), ``NLP Category: ...`` and ``NLP Entity Tokens: ...`` (machine
labels), the story's UUID and the site's own domain.
"""

from __future__ import annotations

from tracker.extract.rules import SiteRules

POSTMEDIA = SiteRules(
    drop_tags=(
        r"^NLP ",
        r"(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
        r"(?i)^[\w-]+(\.[\w-]+)*\.(com|ca)$",
    ),
    tag_labels=("Category:",),
)
