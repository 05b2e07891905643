"""The ``request.meta`` keys and response flags the tracker's components agree on, in one place.

Spiders set the keys, downloader middlewares and the browser read them (or set them to say what
they did); nothing else spells them out.
"""

from __future__ import annotations

# The request fetches an article page: the seen-URL filter applies, and a failure is a reject.
META_ARTICLE = "tracker_article"
# FeedEntry.to_dict() of the feed or sitemap entry that led to the article.
META_ENTRY = "tracker_feed_entry"
# The Source a discovery request (feed, sitemap, listing page) belongs to.
META_SOURCE = "tracker_source"
# How many sitemap indexes led to this sitemap (a bound on nested indexes).
META_SITEMAP_DEPTH = "tracker_sitemap_depth"
# Set by a downloader middleware that drops a request on purpose (already written): the spider's
# errback neither rejects it nor falls back to the feed's copy of the article.
META_SKIPPED = "tracker_skipped"
# Set on revisits (tracker.downloader.revisit): a written article asked for again on purpose; the
# value holds the validators of its last version ({"etag", "last_modified"}).
META_REVISIT = "tracker_revisit"
# Set on the browser request of the automatic JavaScript fallback; the value is the reason.
META_RENDER_FALLBACK = "tracker_render_js_fallback"
# scrapy-playwright's own key: fetch this request with the headless browser.
META_PLAYWRIGHT = "playwright"

# Response flags. scrapy-playwright marks the responses its browser rendered ...
FLAG_RENDERED = "playwright"
# ... and the replay middleware the ones a cassette answered (Scrapy prints flags in its
# "Crawled (200) <GET ...> ['cassette']" line).
FLAG_REPLAYED = "cassette"

# Only the tracker's own keys travel to a follow-up request for the same article (the browser
# fallback): download state (retry counts, redirect history, download slot) belongs to the first.
TRACKER_PREFIX = "tracker_"
