"""The unpacked language-ID model cache (tracker.processing.language): the identifier built from
it answers as py3langid's own on real pages in nine languages, and a cache that is off,
unwritable or damaged costs nothing but the time it would have saved."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier
from w3lib.encoding import html_to_unicode

from tracker.processing import language

FIXTURES = Path(__file__).parent / "fixtures" / "languages"


def _page_texts() -> list[str]:
    """The opening text of each fixture page (the fundus corpus; SOURCES.md there)."""
    texts = []
    for path in sorted(FIXTURES.glob("*.html.gz")):
        data = gzip.decompress(path.read_bytes())
        try:  # People's Daily declares GB2312 and sends UTF-8
            html = data.decode("utf-8")
        except UnicodeDecodeError:
            _, html = html_to_unicode(None, data)
        root = lxml.html.fromstring(html)
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        paragraphs = [" ".join(p.text_content().split()) for p in root.iter("p")]
        text = " ".join(p for p in paragraphs if len(p) > 40)
        if len(text) < 100:  # a page without <p> paragraphs: its whole text
            text = " ".join(root.text_content().split())
        text = text[: language.SAMPLE_CHARS]
        assert len(text) > 100, path.name
        texts.append(text)
    return texts


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(language.LANGID_CACHE_ENV, raising=False)
    return tmp_path


def _fresh() -> Any:
    """A newly loaded identifier (not the process's shared one)."""
    return language._load_identifier()


def test_cached_model_answers_as_py3langids_own(cache_home: Path) -> None:
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    first = _fresh()  # writes the cache, then loads from it
    cache = language.langid_cache_path()
    assert cache is not None and cache.is_file() and cache.parent.parent == cache_home
    second = _fresh()  # from the cache written before
    texts = _page_texts()
    assert len(texts) == 9
    for text in texts:
        expected = reference.classify(text)
        assert first.classify(text) == expected
        assert second.classify(text) == expected
        assert second.rank(text) == reference.rank(text)
    assert {reference.classify(t)[0] for t in texts} >= {"de", "ja", "ko", "tr", "zu", "sw"}


def test_cache_off_writes_nothing(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(language.LANGID_CACHE_ENV, "0")
    assert language.langid_cache_path() is None
    assert _fresh().classify("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen.")[
        0
    ] == ("de")
    assert not any(cache_home.rglob("*.npz"))


def test_a_damaged_cache_is_passed_by(cache_home: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = language.langid_cache_path()
    assert cache is not None
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"PK\x03\x04 not the model")
    with caplog.at_level(logging.WARNING, logger=language.__name__):
        identifier = _fresh()
    assert (
        identifier.classify("Il governo ha approvato ieri la nuova legge di bilancio.")[0] == "it"
    )
    assert "not used" in caplog.text


def test_an_unwritable_cache_folder_is_passed_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv(language.LANGID_CACHE_ENV, raising=False)
    with caplog.at_level(logging.DEBUG, logger=language.__name__):
        identifier = _fresh()
    # A read-only home is a normal deployment: no warning at every crawl.
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "not written" in caplog.text
    assert identifier.classify("El Gobierno aprobó ayer los nuevos presupuestos del Estado.")[
        0
    ] == ("es")
    assert list(tmp_path.iterdir()) == [blocker]


def test_the_cached_model_is_read_in_place_and_damaged_bytes_are_found(
    cache_home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The arrays are views of a memory map of the cache (np.load copied 68 MB at every crawl);
    # the members' CRCs are still checked, so a flipped byte inside the model is found.
    identifier = _fresh()
    assert not identifier.nb_ptc.flags.writeable and not identifier.nb_ptc.flags.owndata
    cache = language.langid_cache_path()
    assert cache is not None
    data = bytearray(cache.read_bytes())
    data[len(data) // 3] ^= 0xFF  # inside the largest member's bytes
    cache.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger=language.__name__):
        identifier = _fresh()
    assert "not used" in caplog.text and "CRC" in caplog.text
    assert identifier.classify("Der Bundestag hat am Donnerstag ein Gesetz beschlossen.")[0] == "de"


def test_installations_of_the_same_model_share_one_cache_file(cache_home: Path) -> None:
    # The name came from the packed model's size and modification time: every new virtualenv
    # (a copy with its own time) unpacked another 68 MB file into the cache folder.
    import os
    import shutil

    from py3langid.langid import MODEL_DIR

    copy = cache_home / "elsewhere" / "model.xz"
    copy.parent.mkdir()
    shutil.copyfile(MODEL_DIR / MODEL_FILE, copy)
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))
    assert language.langid_cache_path(copy) == language.langid_cache_path()
    other = cache_home / "other.xz"
    other.write_bytes(copy.read_bytes()[:-1] + b"\x00")
    assert language.langid_cache_path(other) != language.langid_cache_path()


def test_writing_the_cache_removes_caches_of_the_old_naming(cache_home: Path) -> None:
    # The cache was named by the packed model's size and time before the digest: those 68 MB
    # files are read by nothing any more and were left in the folder for ever.
    folder = cache_home / "news-tracker"
    folder.mkdir()
    old = folder / "py3langid-0.3.0-4600000-1700000000000000000.npz"
    old.write_bytes(b"old unpacked model")
    other_model = folder / "py3langid-0.2.2-0123456789abcdef.npz"  # another installation's
    other_model.write_bytes(b"another model, current naming")
    unrelated = folder / "notes.txt"
    unrelated.write_text("kept")
    _fresh()  # writes this model's cache
    cache = language.langid_cache_path()
    assert cache is not None and cache.is_file()
    assert not old.exists()
    assert other_model.exists() and unrelated.exists()
