"""The store of seen article URLs and content hashes that makes crawls incremental.

``TRACKER_STATE`` selects it: a filesystem path opens SQLite (the zero-setup default, under the
output folder), a ``redis://host:port/db`` URL opens the shared Redis store for several crawler
processes. One store is opened per crawler and shared by the components that need it
(``store_for(crawler)``): the seen-URL filter in the downloader and the dedupe and export pipelines.

Contract (both back ends):
- ``has_url(url)`` is true once an article fetched from or canonicalised to ``url`` was written.
- ``has_hash(content_hash)`` is true once an article with that normalised-text hash was written.
- ``claim(content_hash, url)`` reserves a hash for this process before its file is written and
  returns False when another writer holds or has finished it (atomic across processes).
- ``mark_written(content_hash, urls, path)`` records a written article; only after this do
  ``has_url``/``has_hash`` answer true, so a crash before it leaves nothing marked.
- ``release(content_hash)`` drops a claim whose write failed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class StateStore(Protocol):
    def has_url(self, url: str) -> bool: ...

    def has_hash(self, content_hash: str) -> bool: ...

    def claim(self, content_hash: str, url: str) -> bool: ...

    def release(self, content_hash: str) -> None: ...

    def mark_written(self, content_hash: str, urls: Iterable[str], path: str) -> None: ...

    def close(self) -> None: ...
