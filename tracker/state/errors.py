"""The error a state store raises when it cannot be used (both back ends)."""

from __future__ import annotations


class StateStoreError(Exception):
    """The store ``TRACKER_STATE`` names cannot be used: missing, damaged, not a tracker store,
    unreachable. The message is one line that names the path or URL and what to do."""
