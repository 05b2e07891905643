"""Independent Media's sites on its Next.js platform (IOL's community and language titles:
Durban Local / Your eThekwini, Isolezwe, Isolezwe lesiXhosa): one definition their spiders
share (``family = INDEPENDENT_MEDIA``).

Their JSON-LD ``keywords`` are search-engine keywords generated from the text (names, places,
"favourite", "mother"); the editors' tags are the ``article:tag`` meta tags. Class names are
CSS-module names with a build hash (``image_image-widget__LYZT4``): rules match the stable
module part. The image widgets in the text carry a caption and a credit. Every page says
``lang="en"`` and ``og:locale`` en-ZA whatever its language: the spider's ``language`` says it.
"""

from __future__ import annotations

from tracker.extract.rules import SiteRules

INDEPENDENT_MEDIA = SiteRules(
    selectors={"tags": "meta[property='article:tag']"},
    exclude=("[class*='image_image-widget__']", "[class*='google-ad_']"),
)
