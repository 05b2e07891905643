"""HTML -> Markdown blocks (tracker.extract.markdown). The HTML snippets here are hand-made."""

from __future__ import annotations

import lxml.html
from lxml import etree

from tracker.extract.markdown import html_to_markdown, join_text, to_blocks

BASE = "https://news.example.org/world/story.html"


def test_structure_is_kept() -> None:
    html = """<div>
      <p>First <b>bold</b> and <em>soft</em> words.</p>
      <h2>A sub-heading</h2>
      <ul><li>one</li><li>two <a href="/more">link</a></li></ul>
      <ol><li>first</li><li>second</li></ol>
      <blockquote><p>Quoted line.</p></blockquote>
      <p>Line one<br>line two</p>
    </div>"""
    md = html_to_markdown(html, BASE)
    assert md.split("\n\n") == [
        "First **bold** and *soft* words.",
        "### A sub-heading",
        "- one\n- two [link](https://news.example.org/more)",
        "1. first\n2. second",
        "> Quoted line.",
        "Line one  \nline two",
    ]


def test_links_only_absolute_http_and_spaces_outside_brackets() -> None:
    html = (
        '<p>See <a href="javascript:alert(1)">this</a>, <a href="data:text/html,x">that</a>, '
        '<a href="mailto:a@b.c">mail</a> and <a href="page2.html">the next </a>page.</p>'
    )
    assert html_to_markdown(html, BASE) == (
        "See this, that, mail and [the next](https://news.example.org/world/page2.html) page."
    )


def test_images_with_caption_and_credit_and_text_without_them() -> None:
    html = """<article>
      <p>Before the picture.</p>
      <figure><img src="/img/moon.jpg" alt="The Moon">
        <figcaption>The Moon rising. <span class="credit">NASA/Bill Ingalls</span></figcaption>
      </figure>
      <figure><img src="data:image/gif;base64,R0lGOD" alt="tracking pixel"></figure>
      <p>After the picture.</p>
    </article>"""
    blocks = to_blocks(lxml.html.fromstring(html), BASE)
    assert [b.kind for b in blocks] == ["paragraph", "image", "caption", "paragraph"]
    assert blocks[1].markdown == "![The Moon](https://news.example.org/img/moon.jpg)"
    assert blocks[2].markdown == "*The Moon rising. NASA/Bill Ingalls*"
    # The plain text is the article's prose: figures and captions are left out.
    assert join_text(blocks) == "Before the picture.\n\nAfter the picture."
    assert "The Moon rising" in join_text(blocks, captions=True)


def test_boilerplate_nodes_and_scripts_are_dropped() -> None:
    html = """<div class="entry">
      <div class="share-bar"><a href="https://fb.example/">Share on Facebook</a></div>
      <p>Real text.</p>
      <script>var x = 1;</script><style>p {}</style>
      <form><p>Sign up</p></form>
      <aside><p>Aside text</p></aside>
      <section class="related-articles"><h3>Related</h3><p>Other story</p></section>
      <div id="newsletter-box"><p>Get our newsletter</p></div>
      <nav><a href="/">Home</a></nav><footer>Footer</footer>
    </div>"""
    assert html_to_markdown(html, BASE) == "Real text."


def test_markdown_characters_in_text_are_escaped() -> None:
    md = html_to_markdown("<p>A [bracket] and *stars* and_under</p>", BASE)
    assert md == "A \\[bracket\\] and \\*stars\\* and\\_under"


def test_trafilatura_xml_vocabulary() -> None:
    xml = etree.fromstring(
        '<body><head rend="h2">Section</head><p>Text with <ref target="https://x.org/a">a'
        ' link</ref> and <hi rend="#b">bold</hi>.</p><list rend="ol"><item>x</item></list>'
        "<quote>Said.</quote></body>"
    )
    blocks = to_blocks(xml, BASE)
    assert [b.markdown for b in blocks] == [
        "### Section",
        "Text with [a link](https://x.org/a) and **bold**.",
        "1. x",
        "> Said.",
    ]
    assert blocks[1].link_chars == len("a link")


def test_tables_become_markdown_tables() -> None:
    html = "<table><tr><th>Year</th><th>Days</th></tr><tr><td>2024</td><td>366</td></tr></table>"
    assert html_to_markdown(html, BASE) == "| Year | Days |\n| --- | --- |\n| 2024 | 366 |"


def test_a_tables_text_is_plain() -> None:
    """A table's Markdown keeps its links and emphasis; its text is the cells' words."""
    html = (
        "<table><tr><th><b>Name</b></th><th>Site</th></tr>"
        '<tr><td>Acme</td><td><a href="https://acme.example/">Acme home</a></td></tr></table>'
    )
    (block,) = to_blocks(lxml.html.fromstring(html), BASE)
    assert "[Acme home](https://acme.example/)" in block.markdown
    assert block.text == "Name Site\nAcme Acme home"


def test_empty_and_broken_input() -> None:
    assert html_to_markdown("", BASE) == ""
    assert html_to_markdown("   ", BASE) == ""
    assert html_to_markdown("<p>unclosed <b>bold <i>both", BASE) == "unclosed **bold *both***"


def test_rule_lines_scene_break_kept_contributors_note_cut() -> None:
    """clean_blocks on hand-made blocks: '* * *' mid-text is a scene break, '___' before one
    closing note is the contributors' line."""
    from tracker.extract.body import clean_blocks
    from tracker.extract.markdown import Block

    prose = [Block("paragraph", f"Line {i} " * 30, f"Line {i} " * 30) for i in range(10)]
    scene = [*prose[:5], Block("paragraph", "\\* \\* \\*", "* * *"), *prose[5:]]
    assert [b.text for b in clean_blocks(scene)] == [b.text for b in prose]
    note = Block("paragraph", "Doe reported from Paris.", "Doe reported from Paris.")
    closing = [*prose, Block("paragraph", "\\_\\_\\_", "___"), note]
    assert [b.text for b in clean_blocks(closing)] == [b.text for b in prose]


def test_reworded_headline_on_top_is_dropped_but_sub_headings_stay() -> None:
    """clean_blocks on hand-made blocks: the page's <h1> rewords the og:title."""
    from tracker.extract.body import clean_blocks
    from tracker.extract.markdown import Block

    def heading(text: str) -> Block:
        return Block("heading", f"### {text}", text)

    prose = [Block("paragraph", f"Line {i} " * 30, f"Line {i} " * 30) for i in range(4)]
    blocks = [
        heading("Australian teenager becomes sixth to die in Laos as police detain hostel bosses"),
        *prose[:2],
        heading("Police detain hostel bosses"),
        *prose[2:],
    ]
    title = "Laos poisonings: Australian teenager becomes sixth to die as police detain bosses"
    kept = [b.text for b in clean_blocks(blocks, title)]
    assert kept[0] == prose[0].text
    assert "Police detain hostel bosses" in kept


def test_ascii_word_count_read_off_the_normalised_text() -> None:
    """clean_blocks counts an ASCII block's words from its normalised text (one space between
    words) instead of a second regex pass: the two counts agree, whatever the punctuation."""
    from tracker.extract.body import _word_count, norm_text

    for text in (
        "",
        "  ",
        "--- !!",
        "Photo: AP/John Doe_Smith (2024)",
        "snake_case and CamelCase, 3.14 and 1,000 -- e-mail me@example.com!",
        "Tab\tand\nnewline\r\nseparated  words",
    ):
        norm = norm_text(text)
        assert (norm.count(" ") + 1 if norm else 0) == _word_count(text)


def test_author_box_length_limit_still_holds() -> None:
    """An author box opens with the author's name; the word limit, now tested last, still
    keeps a long paragraph opening with the name (an article's own text)."""
    from tracker.extract.body import AUTHOR_BOX_MAX_WORDS, clean_blocks
    from tracker.extract.markdown import Block

    prose = [Block("paragraph", f"Line {i} " * 30, f"Line {i} " * 30) for i in range(10)]
    box = "Jane Doe is a writer who lives in Paris."
    long = "Jane Doe is a writer who lives in Paris. " + "More words here. " * AUTHOR_BOX_MAX_WORDS
    kept = [
        b.text for b in clean_blocks([*prose, Block("paragraph", box, box)], None, ["Jane Doe"])
    ]
    assert kept == [b.text for b in prose]
    blocks = [*prose, Block("paragraph", long, long)]
    kept = [b.text for b in clean_blocks(blocks, None, ["Jane Doe"])]
    assert kept == [b.text for b in blocks]
