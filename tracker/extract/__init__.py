"""Extraction: pure functions from page HTML (and feed entries) to article fields.

Spiders call :func:`extract_article`; nothing in this package imports Scrapy.
"""

from __future__ import annotations

from tracker.extract.article import extract_article
from tracker.extract.rules import RulesError, SiteRules
from tracker.extract.types import Extraction, FeedEntry

__all__ = ["Extraction", "FeedEntry", "RulesError", "SiteRules", "extract_article"]
