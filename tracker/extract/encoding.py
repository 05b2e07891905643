"""Turn page bytes into text, respecting a BOM, an HTTP charset and the page's <meta charset>."""

from __future__ import annotations

import logging

from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    resolve_encoding,
)

logger = logging.getLogger(__name__)


def _utf8_or_none(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _is_server_default(content_type: str) -> bool:
    # w3lib resolves every single-byte default (latin-1, iso-8859-1, us-ascii) to cp1252.
    return http_content_type_encoding(content_type) == "cp1252"


def decode_html(data: bytes | str | None, content_type: str | None = None) -> str:
    """Decode an HTML document.

    Order: byte-order mark, the ``charset`` of ``content_type`` (the HTTP header, when known),
    then UTF-8 when the bytes are valid UTF-8 with non-ASCII characters, then the document's
    own ``<meta charset>`` / ``http-equiv`` declaration, then cp1252 (which decodes every
    byte). Valid UTF-8 beats the meta tag because text in a legacy charset essentially never
    forms valid multi-byte UTF-8, while re-saved pages often keep a stale meta charset; for the
    same reason it beats a Latin-1, Windows-1252 or ASCII header charset, which many servers
    send by default whatever the page is in.
    """
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    if not data:
        return ""
    if content_type and not data.isascii() and _is_server_default(content_type):
        # A Latin-1/Windows-1252 header over bytes that are valid UTF-8 is a server default,
        # not the truth (the same reason valid UTF-8 beats a meta tag below).
        utf8 = _utf8_or_none(data)
        if utf8 is not None:
            return utf8.removeprefix("\ufeff")
    if not content_type and not data.isascii():
        utf8 = _utf8_or_none(data)
        if utf8 is not None:
            return utf8.removeprefix("\ufeff")
    if content_type or html_body_declared_encoding(data) or data[:3] == b"\xef\xbb\xbf":
        # w3lib applies the WHATWG precedence (BOM, header, meta) and encoding aliases.
        try:
            _, text = html_to_unicode(content_type, data, auto_detect_fun=_auto_detect)
            return text
        except (LookupError, ValueError):
            logger.debug("declared encoding unusable, guessing", exc_info=True)
    utf8 = _utf8_or_none(data)
    if utf8 is not None:
        return utf8
    return data.decode("cp1252", errors="replace")


def _auto_detect(data: bytes) -> str | None:
    """Used by w3lib when nothing is declared: UTF-8 if it decodes, else Windows-1252."""
    if _utf8_or_none(data) is not None:
        return "utf-8"
    return resolve_encoding("cp1252")
