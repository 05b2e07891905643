"""Imported by the extraction pool's forkserver (tracker.workers) and by nothing else: the
libraries extraction imports lazily are loaded once there, so that every worker forked from it
starts with them (and shares their memory) instead of importing them on its first page."""

import lxml.html  # noqa: F401
import readability  # noqa: F401
import trafilatura.core  # noqa: F401

import tracker.extract.worker  # noqa: F401
