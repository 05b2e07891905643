"""Chunichi Shimbun group sites (Chunichi Shimbun, Tokyo Shimbun): one definition their spiders
share (``family = CHUNICHI``).

Both run the same CMS: the JSON-LD author is the outlet ("中日新聞Web", "東京新聞デジタル"), the
article's sections and places are the links above the headline (``.cmp-misc007``), and a
members-only box ("この記事は会員限定です") follows the free part of the text.
"""

from __future__ import annotations

from tracker.extract.rules import SiteRules

CHUNICHI = SiteRules(
    selectors={"tags": ".cmp-misc007 li.item a"},
    exclude=(".cmp-misc021",),
    drop_authors=(r"^(中日|東京)新聞",),
)
