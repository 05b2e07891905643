"""Turn page bytes into text: the one decoder of the project, for the crawl (with the HTTP
header's charset) and for ``extract_article(bytes)`` alike."""

from __future__ import annotations

import codecs
import logging
import re

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

logger = logging.getLogger(__name__)

# Bytes that are not UTF-8, as decoding with "surrogateescape" leaves them: one lone surrogate
# (U+DC80-U+DCFF) per byte.
_ESCAPED_BYTES_RE = re.compile("[\udc80-\udcff]+")


# UTF-8 text read as latin-1 and saved as UTF-8 again ("\u00e2\u0080\u0099" for "\u2019"): a
# UTF-8 lead byte's character followed by a C1 control character, which no text holds.
_DOUBLE_UTF8_SIGN_RE = re.compile("[\u00c2-\u00f4][\u0080-\u009f]")
_DOUBLE_UTF8_CHAR_RE = re.compile(
    "[\u00c2-\u00df][\u0080-\u00bf]|[\u00e0-\u00ef][\u0080-\u00bf]{2}"
    "|[\u00f0-\u00f4][\u0080-\u00bf]{3}"
)


def _undo_double_utf8(text: str) -> str:
    """``text`` with each character encoded twice as UTF-8 read back once ("\u00e2\u0080\u0099"
    -> "\u2019", "\u00c2\u00a0" -> no-break space), when the text holds a U+0080 and that
    sign; other texts are returned as they are."""
    # U+0080 first (a fast substring test, a tenth of the regex's time): the second byte of
    # every twice-encoded quote, dash and ellipsis (U+2013-U+2026 are E2 80 xx), which each
    # such page of WCXB's development half holds.
    if "\u0080" not in text or _DOUBLE_UTF8_SIGN_RE.search(text) is None:
        return text

    def once(match: re.Match[str]) -> str:
        try:
            return match.group().encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            return match.group()

    return _DOUBLE_UTF8_CHAR_RE.sub(once, text)


def _utf8_or_none(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")


def _utf8_with_cp1252(data: bytes) -> tuple[str, int]:
    """``data`` read as UTF-8, each run of bytes that is not UTF-8 read as windows-1252 instead,
    and how many bytes that was: a page saved in windows-1252 but declared UTF-8, or a UTF-8
    page with a windows-1252 snippet pasted in, keeps its curly quotes and accents."""
    text = data.decode("utf-8", errors="surrogateescape")
    count = 0

    def as_cp1252(match: re.Match[str]) -> str:
        nonlocal count
        raw = match.group().encode("utf-8", errors="surrogateescape")
        count += len(raw)
        return raw.decode("cp1252", errors="replace")

    return _ESCAPED_BYTES_RE.sub(as_cp1252, text), count


def decode_html(
    data: bytes | str | None, content_type: str | None = None, url: str | None = None
) -> str:
    """Decode an HTML document.

    Order: a byte-order mark; ASCII; valid UTF-8 (when the bytes contain non-ASCII characters);
    the charset of ``content_type`` (the HTTP header, when known); the page's own
    ``<meta charset>`` / ``http-equiv`` declaration; windows-1252 (which reads every byte).
    Valid UTF-8 that shows characters encoded twice (UTF-8 read as latin-1 and saved as UTF-8
    again, a C1 control character after a lead byte's character) has them read back once.

    Valid UTF-8 beats any declaration because text in a legacy charset (windows-1251, koi8-r,
    iso-8859-2, shift_jis, ...) essentially never forms valid multi-byte UTF-8, while servers
    send a default charset whatever the page is in, and re-saved pages keep a stale meta tag.
    Bytes declared UTF-8 that are not valid UTF-8 are read as UTF-8 with each invalid run read
    as windows-1252 (not U+FFFD), and a warning names the page (``url``) and the byte count.
    """
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    if not data:
        return ""
    bom = read_bom(data)
    if bom[0] is not None:
        return data[len(bom[1]) :].decode(bom[0], errors="replace")
    if data.isascii():
        return data.decode("ascii")
    utf8 = _utf8_or_none(data)
    if utf8 is not None:
        return _undo_double_utf8(utf8)
    declared = http_content_type_encoding(content_type) if content_type else None
    declared = declared or html_body_declared_encoding(data)
    encoding = resolve_encoding(declared) if declared else None
    if encoding is not None:
        try:
            if not _is_utf8(encoding):
                return data.decode(encoding, errors="replace")
        except LookupError:
            encoding = None
    if encoding is not None:  # declared UTF-8, and not valid UTF-8
        text, count = _utf8_with_cp1252(data)
        logger.warning(
            "Page %s declares UTF-8 but %d of its bytes are not UTF-8: read them as windows-1252",
            url or "(no URL)",
            count,
        )
        return text
    # Nothing usable declared and not UTF-8: windows-1252, the web's default for such pages.
    return data.decode("cp1252", errors="replace")
