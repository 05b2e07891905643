"""Funke Mediengruppe regional dailies (WAZ, Berliner Morgenpost, Hamburger Abendblatt,
Braunschweiger Zeitung, ...): one definition their spiders share (``family = FUNKE``).

Their JSON-LD ``keywords`` is one space-separated string ("Boxen Russland Frank Warren ...")
that cannot be split back into topics; the same topics are comma-separated in
``<meta name="keywords">`` on older pages and links in the "Mehr lesen über" box
(``data-test-tags-box``, ``-v2`` from late 2025) on the 2025 layout, whose meta keywords are
empty. The 2024 layout has a second tags box of site-wide "Aktuelle Themen" in its menu: only the
box's links tracked as the article's tags box count.
"""

from __future__ import annotations

from tracker.extract.rules import SiteRules

FUNKE = SiteRules(
    selectors={
        "tags": [
            "meta[name='keywords']:not([content=''])",
            "[data-test-tags-box] a[data-track-action^='TagsBox'], [data-test-tags-box-v2] li a",
        ]
    },
    separators={"tags": ","},
)
