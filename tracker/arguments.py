"""Reading ``-a`` spider arguments: one rule for every comma-separated list (URLs, WARC paths,
periods, names), shared by the publisher spiders and the archive sources."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Inside a URL a comma starts the next value only when another URL follows: many sites put commas
# in their article URLs (br.de/...-aufarbeiten,UAf9GNd; winfuture.de/news,142489.html).
_URL_START_RE = re.compile(r"\s*[A-Za-z][A-Za-z0-9+.-]*://")


def split_arg(value: str | Iterable[str] | None) -> list[str]:
    """The values of a comma-separated ``-a`` argument (URLs, paths, names or a mix of them).

    A comma separates values, except inside a URL, where it separates only when the next value
    is a URL too (starts with a scheme), so that a comma in a URL's path stays part of it."""
    if value is None:
        return []
    if isinstance(value, str):
        parts: list[str] = []
        for piece in value.split(","):
            if parts and "://" in parts[-1] and not _URL_START_RE.match(piece):
                parts[-1] += "," + piece
            else:
                parts.append(piece)
        return [part.strip() for part in parts if part.strip()]
    return [str(part).strip() for part in value if str(part).strip()]
