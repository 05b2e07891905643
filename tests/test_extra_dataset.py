"""bench.extra_dataset converters, on a tiny hand-made copy of the extra corpus's layout.

Every page and expected file below is hand-made (not real pages): the real corpus lives in
../shared, which tests must not read.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bench import extra_dataset
from bench.extraction import load_aeb

SOURCE = (
    '<html><head><link href="https://news.example/a/1" rel="canonical">'
    "<title>T</title></head><body><p>Caf\u00e9 page</p></body></html>"
)
EXPECTED = (
    '<div id="readability-page-1" class="page"><div><h2>A heading</h2>'
    "<p>First <a href='/x'>linked</a> paragraph\n   wraps.</p><!-- a comment -->"
    "<script>var hidden = 1;</script><ul><li>one</li><li>two<br>lines</li></ul>"
    "<figure><img src='i.jpg'><figcaption>A caption</figcaption></figure></div></div>"
)
LONG = "\n\n".join(
    f"Paragraph {n} of the whole hand-made body has words enough." for n in range(30)
)


def _make_extra(root: Path) -> None:
    page = root / "readability" / "news-1"
    page.mkdir(parents=True)
    (page / "source.html").write_text(SOURCE, encoding="utf-8")
    (page / "expected.html").write_text(EXPECTED, encoding="utf-8")
    goose = root / "goose3"
    goose.mkdir()
    for name, text in (("whole", LONG), ("prefix", "Only the first words of a body")):
        (goose / f"test_{name}.html").write_text(f"<html><body>{name}</body></html>")
        case = {"url": f"http://goose.example/{name}", "expected": {"cleaned_text": text}}
        (goose / f"test_{name}.json").write_text(json.dumps(case))
    # Sources without whole bodies are ignored.
    (root / "postlight").mkdir()
    (root / "postlight" / "x.expected.json").write_text('{"expected": {}}')


def test_html_to_text_blocks_and_inline() -> None:
    assert extra_dataset.html_to_text(EXPECTED) == (
        "A heading\n\nFirst linked paragraph wraps.\n\none\n\ntwo\n\nlines\n\nA caption"
    )


def test_canonical_url_either_attribute_order() -> None:
    assert extra_dataset.canonical_url(SOURCE) == "https://news.example/a/1"
    assert extra_dataset.canonical_url("<link rel='canonical' href='/b'>") == "/b"
    assert extra_dataset.canonical_url("<link rel='alternate' href='/c'>") == ""


def test_convert_writes_aeb_layout_read_by_the_bench(tmp_path: Path) -> None:
    extra, out = tmp_path / "extra", tmp_path / "out"
    _make_extra(extra)
    pages = extra_dataset.convert(extra, out)
    assert [p.id for p in pages] == ["readability-news-1", "goose3-whole"]  # prefix skipped
    truth = json.loads((out / "ground-truth.json").read_text(encoding="utf-8"))
    assert truth["readability-news-1"]["url"] == "https://news.example/a/1"
    assert truth["readability-news-1"]["articleBody"].startswith("A heading\n\nFirst linked")
    assert truth["goose3-whole"] == {"articleBody": LONG, "url": "http://goose.example/whole"}
    raw = gzip.decompress((out / "html" / "readability-news-1.html.gz").read_bytes())
    assert raw == SOURCE.encode("utf-8")  # page bytes kept as they were
    loaded = {p.id: p for p in load_aeb(out)}
    assert set(loaded) == {"readability-news-1", "goose3-whole"}
    assert "Caf\u00e9 page" in loaded["readability-news-1"].html
    assert loaded["goose3-whole"].truth == LONG


def test_main_fails_when_no_page_is_usable(tmp_path: Path) -> None:
    (tmp_path / "extra").mkdir()
    assert extra_dataset.main([str(tmp_path / "out"), "--extra", str(tmp_path / "extra")]) == 1
