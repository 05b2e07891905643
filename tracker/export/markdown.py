"""The Markdown files the tracker writes: one per article in the seed file's layout, and an index
per day and category (the article body inside is written by tracker.extract.markdown).

Layout: ``<out>/<YYYY-MM-DD>/<category-slug>/<title-slug>-<short-hash>.md``. The date is the
article's publication date as the publisher printed it (the date part of the ISO value, in the
publisher's own offset), or the scrape date when unknown; the short hash comes from the canonical
URL, so a path depends only on the article.

Safety, because titles, authors and bodies come from pages we do not control:

- every inline value is escaped so it shows as text (no heading, link, emphasis or HTML from a
  title or an author), and only ``http(s)`` links and images survive in the body;
- slugs hold only letters, digits, combining marks and ``-`` (in the title's own script, NFC),
  are bounded in characters and in UTF-8 bytes, avoid the names Windows reserves, and the final
  path is checked to lie inside the output folder;
- files are written atomically (tracker.files.write_atomic) and not rewritten when their content
  has not changed, so a re-run touches nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from tracker.files import fsync_dir, write_atomic
from tracker.processing.normalise import absolute_http_url, clean_text

logger = logging.getLogger(__name__)

FOOTER_NOTE = "*Content scraped from public sources with attribution. Users assume all risk.*"
INDEX_NAME = "index.md"
LOCK_NAME = ".tracker.lock"
MAX_SLUG_CHARS = 80
MAX_SLUG_BYTES = 160  # well under the 255-byte file-name limit, with room for "-<hash>.md"
SHORT_HASH_CHARS = 10
# Earlier versions of a revised article (tracker.export.stories): beside it, not in the index.
_REVISION_RE = re.compile(r"\.r\d+\.md$")


def is_earlier_version(name: str) -> bool:
    """A revised article's earlier version (``<slug>-<hash>.r1.md``): not an article of its own."""
    return bool(_REVISION_RE.search(name))


# --- escaping ------------------------------------------------------------------------------------


def _escape_underscores(text: str) -> str:
    # An underscore between two letters never starts emphasis (snake_case stays readable).
    if "_" not in text:
        return text  # most titles, summaries and names: no character-by-character copy
    out = []
    for i, char in enumerate(text):
        if char == "_":
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if not (before.isalnum() and after.isalnum()):
                out.append("\\_")
                continue
        out.append(char)
    return "".join(out)


def escape_inline(value: object) -> str:
    """One line of text that Markdown shows as text: no newlines, no control characters,
    backslash-escaped ``\\ ` * [ ] < > # ~~ _``, entity-like ``&`` escaped."""
    text = clean_text(value) or ""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*\[\]<>#])", r"\\\1", text)
    text = text.replace("~~", "\\~\\~")
    text = re.sub(r"&(?=#?[0-9A-Za-z]+;)", r"\\&", text)
    return _escape_underscores(text)


def escape_line_start(text: str) -> str:
    """``text`` (already inline-escaped) safe at the start of a line: no list item, quote,
    heading or setext underline."""
    if re.match(r"[>+\-=]|\d{1,9}[.)](\s|$)", text):
        match = re.match(r"\d{1,9}", text)
        if match:
            return f"{match.group(0)}\\{text[match.end() :]}"
        return "\\" + text
    return text


def link_url(raw: object, base: str | None = None) -> str | None:
    """An http(s) URL fit for a Markdown link destination (spaces, parentheses, angle brackets
    and quotes percent-encoded), or None for any other scheme."""
    url = absolute_http_url(raw, base)
    if url is None:
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


# Markdown constructs in bodies that can carry a URL.
_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})", re.M)
# Repeats are bounded so that a hostile body (thousands of "[" or "`") stays linear.
_CODE_SPAN_RE = re.compile(r"(?<!`)(`{1,3})(?!`)([^`]{1,2000})\1(?!`)")
_LINK_TAIL = (
    r"\]\(\s*<?([^()\s<>]{0,2000}(?:\([^()\s]{0,500}\)[^()\s<>]{0,2000}){0,5})>?"
    r"(?:\s+(\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'))?\s*\)"
)
# A label may wrap onto a second line, not across a blank one (a new paragraph).
_LABEL = r"((?:[^\[\]\\\n]|\\.|\n(?!\n)){0,1000})"
_IMAGE_RE = re.compile(r"!\[" + _LABEL + _LINK_TAIL)
_LINK_RE = re.compile(r"\[" + _LABEL + _LINK_TAIL)
_REFDEF_RE = re.compile(r"^ {0,3}\[[^\]\n]{1,1000}\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.M)
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")


def _split_fences(markdown: str) -> Iterator[tuple[bool, str]]:
    """Yield ``(is_code, chunk)``: fenced code blocks are left alone by the sanitiser."""
    pos = 0
    while True:
        start = _FENCE_RE.search(markdown, pos)
        if start is None:
            yield False, markdown[pos:]
            return
        yield False, markdown[pos : start.start()]
        fence = start.group(2)
        closer = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        line_end = markdown.find("\n", start.end())
        if line_end < 0:
            yield True, markdown[start.start() :]
            return
        end = closer.search(markdown, line_end + 1)
        stop = len(markdown) if end is None else end.end()
        yield True, markdown[start.start() : stop]
        pos = stop


def sanitise_body(markdown: str, base: str | None = None) -> str:
    """The body with every link and image pointing to an http(s) URL (relative ones resolved
    against ``base``), other links reduced to their text, other images dropped, and raw HTML
    shown as text. Fenced code and code spans are kept as they are."""
    out: list[str] = []
    for is_code, chunk in _split_fences(markdown):
        out.append(chunk if is_code else _sanitise_prose(chunk, base))
    return "".join(out)


_PLACEHOLDER_RE = re.compile(r"\x00(\d+)\x00")
_UNVETTED_RE = re.compile(r"\\.|[\[\]<]", re.S)
_UNVETTED_LT_RE = re.compile(r"\\.|<", re.S)


def _escape_unvetted(text: str, pattern: re.Pattern[str] = _UNVETTED_RE) -> str:
    """Backslash-escape the characters ``pattern`` finds, leaving existing escapes alone."""
    return pattern.sub(lambda m: m.group(0) if len(m.group(0)) == 2 else "\\" + m.group(0), text)


def _sanitise_prose(text: str, base: str | None) -> str:
    kept: list[str] = []

    def keep(value: str) -> str:
        kept.append(value)
        return f"\x00{len(kept) - 1}\x00"

    text = text.replace("\x00", "")
    text = _CODE_SPAN_RE.sub(lambda m: keep(m.group(0)), text)

    def image(m: re.Match[str]) -> str:
        url = link_url(m.group(2), base)
        if url is None:
            return ""
        title = f" {m.group(3)}" if m.group(3) else ""
        return keep(f"![{_escape_unvetted(m.group(1), _UNVETTED_LT_RE)}]({url}{title})")

    def link(m: re.Match[str]) -> str:
        url = link_url(m.group(2), base)
        if url is None:
            return m.group(1)  # the text stays; the escaping below defuses what is left
        title = f" {m.group(3)}" if m.group(3) else ""
        return keep(f"[{_escape_unvetted(m.group(1), _UNVETTED_LT_RE)}]({url}{title})")

    def refdef(m: re.Match[str]) -> str:
        return keep(m.group(0)) if link_url(m.group(1), base) else ""

    def autolink(m: re.Match[str]) -> str:
        url = link_url(m.group(1))
        return keep(f"<{url}>") if url else m.group(1)

    text = _IMAGE_RE.sub(image, text)
    text = _LINK_RE.sub(link, text)
    text = _REFDEF_RE.sub(refdef, text)
    text = _AUTOLINK_RE.sub(autolink, text)
    # Every link, image and autolink that passed is a placeholder now: any "[", "]" or "<"
    # still in the text was not vetted (odd syntax, raw HTML) and is shown as a character.
    text = _escape_unvetted(text)
    # A kept link may hold a kept image: restore until no placeholder is left (depth <= 3).
    for _ in range(4):
        if "\x00" not in text:
            break
        text = _PLACEHOLDER_RE.sub(lambda m: kept[int(m.group(1))], text)
    return text.replace("\x00", "")


# --- paths ---------------------------------------------------------------------------------------


# Names Windows refuses for a file or folder whatever its extension.
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{n}" for p in ("com", "lpt") for n in range(10)]
)


def _slug_chars(char: str) -> str:
    """What one NFC character of a lower-cased title becomes in a slug: a Latin letter without
    its accents ("é" -> "e", "ﬁ" -> "fi"), a full-width form as its ordinary one, any other
    letter, digit or mark as it is, everything else a ``-``."""
    category = unicodedata.category(char)
    if category[0] not in "LNM":
        return "-"
    if char.isascii():
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    if base.isascii() and base.isalnum():
        return base.lower()
    if "\uff00" <= char <= "\uff9f" or "\uffe0" <= char <= "\uffef":
        # Full-width Latin and half-width katakana: their ordinary forms (not half-width
        # Hangul, U+FFA0-FFDC, whose compatibility forms are loose jamo).
        return unicodedata.normalize("NFKC", char).lower()
    return char


def slugify(value: object, max_chars: int = MAX_SLUG_CHARS, fallback: str = "article") -> str:
    """A file-name-safe slug in the title's own script: lower-cased letters, digits and the
    marks of non-Latin scripts joined by ``-``, NFC (what macOS and Linux store alike); never
    ``.``, ``/``, NUL, a character Windows refuses, a name Windows reserves (``con``, ``nul``,
    ``com1``) or an empty string. At most ``max_chars`` characters and ``MAX_SLUG_BYTES`` UTF-8
    bytes (a Korean or Chinese character is 3 bytes), cut between words when it can be and never
    between a letter and its marks (a Devanagari or Thai letter keeps its marks). The same title
    gives the same slug on every run and machine."""
    text = unicodedata.normalize("NFC", str(value or "").casefold())
    chars: list[str] = []
    for char in text:
        out = _slug_chars(char)
        if unicodedata.category(char).startswith("M") and (not chars or chars[-1].isascii()):
            continue  # a mark on a Latin letter or on nothing
        chars.append(out)
    slug = re.sub(r"-{2,}", "-", unicodedata.normalize("NFC", "".join(chars))).strip("-")
    cut = len(slug)
    if cut > max_chars:
        # Between words when there is a word boundary (as every earlier version cut: the same
        # title keeps its path).
        boundary = slug.rfind("-", 0, max_chars)
        cut = boundary if boundary > 0 else max_chars
    while len(slug[:cut].encode("utf-8")) > MAX_SLUG_BYTES:
        cut -= 1
    # Never between a letter and its marks.
    while 0 < cut < len(slug) and unicodedata.category(slug[cut]).startswith("M"):
        cut -= 1
    slug = slug[:cut].strip("-")
    if slug in _WINDOWS_RESERVED:
        slug += "_"
    return slug or fallback


def short_hash(url: str) -> str:
    """The first characters of the URL's sha256: tells apart articles with the same title."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:SHORT_HASH_CHARS]


def day_folder(published: str | None, scraped_at: str | None) -> str:
    """``YYYY-MM-DD`` of the publication (publisher's offset), else of the scrape, else today."""
    for value in (published, scraped_at):
        if value:
            try:
                return datetime.fromisoformat(value).date().isoformat()
            except ValueError:
                continue
    return datetime.now().date().isoformat()


def article_relpath(
    *,
    url: str,
    title: str | None,
    category: str | None,
    published: str | None,
    scraped_at: str | None,
) -> str:
    """``<YYYY-MM-DD>/<category-slug>/<title-slug>-<short-hash>.md`` (POSIX separators)."""
    day = day_folder(published, scraped_at)
    return f"{day}/{slugify(category, 40, 'general')}/{slugify(title)}-{short_hash(url)}.md"


def resolve_inside(root: Path, relpath: str) -> Path:
    """``root/relpath``, refusing anything that would land outside ``root``."""
    base = root.resolve()
    target = (base / relpath).resolve()
    if os.path.commonpath([base, target]) != str(base) or target == base:
        raise ValueError(f"path {relpath!r} escapes the output folder")
    return target


# --- rendering -----------------------------------------------------------------------------------


@dataclass
class ArticleView:
    """What the Markdown file shows; the exporter fills it from an item."""

    title: str
    url: str
    body: str
    category: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    scraped_at: str | None = None
    image: str | None = None
    summary: str | None = None
    # Extra header lines, already Markdown (tracker.export.stories: story, related, updated).
    notes: tuple[str, ...] = ()
    # A section before the footer, already Markdown (tracker.export.stories: revisions).
    appendix: str = ""


def render_article(view: ArticleView, project_name: str, project_url: str) -> str:
    """The article file in the seed's layout; lines with unknown values are left out."""
    lines = [f"# {escape_inline(view.title)}", ""]
    source = link_url(view.url)
    meta = [
        ("Category", escape_inline(view.category) if view.category else None),
        ("Source", f"[{escape_inline(source)}]({source})" if source else None),
        ("Publisher", escape_inline(view.publisher) if view.publisher else None),
        ("Authors", ", ".join(escape_inline(a) for a in view.authors if clean_text(a)) or None),
        ("Published", escape_inline(view.published) if view.published else None),
        ("Scraped (UTC)", escape_inline(view.scraped_at) if view.scraped_at else None),
    ]
    lines.extend(f"**{label}:** {value}" for label, value in meta if value)
    lines.extend(view.notes)
    lines.append("")
    image = link_url(view.image) if view.image else None
    if image:
        lines += [f"![Article Image]({image})", ""]
    summary = escape_line_start(escape_inline(view.summary)) if view.summary else ""
    if summary:
        lines += ["## Summary", summary, ""]
    lines += ["## Full Article", sanitise_body(view.body, base=view.url).strip("\n"), ""]
    if view.appendix:
        lines += [view.appendix.strip("\n"), ""]
    project = link_url(project_url)
    credit = f"[{escape_inline(project_name)}]({project})" if project else project_name
    lines += ["---", "", f"{FOOTER_NOTE}  ", f"*Auto-generated by {credit}*"]
    return "\n".join(lines) + "\n"


# --- writing -------------------------------------------------------------------------------------


def _without_scraped_line(text: str) -> str:
    return re.sub(r"^\*\*Scraped \(UTC\):\*\* .*\n", "", text, count=1, flags=re.M)


def write_if_changed(
    path: Path, content: str, *, ignore_scraped_line: bool = False, sync_dir: bool = True
) -> bool:
    """Write ``content`` to ``path`` atomically (tracker.files.write_atomic); False, and nothing
    touched, when the file already holds it. With ``ignore_scraped_line``, a file that differs
    only in its "Scraped (UTC)" line also counts as unchanged, so a re-scrape does not churn
    files. ``sync_dir=False`` leaves the folder's fsync to a write that follows in the folder."""
    data = content.encode("utf-8")
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = None
    if old is not None:
        if old == data:
            return False
        if ignore_scraped_line and _without_scraped_line(
            old.decode("utf-8", "replace")
        ) == _without_scraped_line(content):
            return False
    write_atomic(path, data, mode=0o644, sync_dir=sync_dir)
    return True


@contextlib.contextmanager
def output_lock(root: Path) -> Iterator[None]:
    """An exclusive lock over index rebuilds, shared by every crawl writing into ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


# --- indexes -------------------------------------------------------------------------------------


@dataclass
class IndexEntry:
    """One article line of an index, read back from the article's own file."""

    filename: str
    title: str  # already escaped, as in the file
    category: str | None
    publisher: str | None
    source: str | None
    published: str | None


_META_RE = re.compile(r"^\*\*(Category|Publisher|Published|Source):\*\* (.*)$")
_SOURCE_RE = re.compile(r"\]\((\S+)\)$")


def read_index_entry(path: Path) -> IndexEntry | None:
    """The title and metadata lines at the top of an article file (None if it is not one)."""
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            head = handle.read(16384)
    except OSError:
        return None
    return parse_index_entry(head, path.name)


def parse_index_entry(text: str, filename: str) -> IndexEntry | None:
    """The index entry of an article file's text (its first lines suffice)."""
    lines = text[:16384].split("\n")
    if not lines or not lines[0].startswith("# "):
        return None
    found: dict[str, str] = {}
    for line in lines[1:12]:
        match = _META_RE.match(line)
        if match:
            found[match.group(1)] = match.group(2)
    source = None
    if "Source" in found:
        match = _SOURCE_RE.search(found["Source"])
        source = match.group(1) if match else None
    return IndexEntry(
        filename=filename,
        title=lines[0][2:],
        category=found.get("Category"),
        publisher=found.get("Publisher"),
        source=source,
        published=found.get("Published"),
    )


def _sort_key(entry: IndexEntry) -> tuple[float, str, str]:
    timestamp = 0.0
    if entry.published:
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(entry.published)
            # A date alone sorts as its midnight UTC, not the machine's local midnight.
            timestamp = (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()
    return (-timestamp, entry.title.casefold(), entry.filename)


def index_line(entry: IndexEntry) -> str:
    """The entry's line in ``index.md`` (no newline)."""
    parts = [f"- [{entry.title}]({quote(entry.filename)})"]
    if entry.publisher:
        parts.append(f" — {entry.publisher}")
    # Read back from our own file, where link_url already vetted it.
    if entry.source and entry.source.startswith(("https://", "http://")):
        parts.append(f" · [source]({entry.source})")
    return "".join(parts)


def index_heading(day: str, category: str) -> str:
    """The first lines of ``index.md``, up to the first entry."""
    return f"# {category} — {day}\n\n"


def render_index(day: str, category: str, entries: list[IndexEntry]) -> str:
    """``index.md``: one line per article, newest first, then by title."""
    lines = [index_line(entry) for entry in sorted(entries, key=_sort_key)]
    return index_heading(day, category) + "".join(line + "\n" for line in lines)


# Index entries already read, by file path: (mtime_ns, size, entry). A folder with n articles
# would otherwise cost n file reads per article written (n² per crawl).
IndexCache = dict[Path, tuple[int, int, IndexEntry | None]]


def rebuild_index(folder: Path, cache: IndexCache | None = None) -> bool:
    """Rewrite ``folder/index.md`` from the article files in it; True if it changed.

    Call under :func:`output_lock`: the listing and the write then see every file another
    crawl finished before, and the last rebuild always includes everything. With ``cache``,
    only files that are new or changed since the last rebuild are read again.
    """
    cache = {} if cache is None else cache
    entries = []
    try:
        listing = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        listing = []
    for dirent in listing:
        name = dirent.name
        if name == INDEX_NAME or name.startswith(".") or not name.endswith(".md"):
            continue
        if is_earlier_version(name):
            continue
        try:
            stat = dirent.stat()
        except FileNotFoundError:
            continue
        path = Path(dirent.path)
        cached = cache.get(path)
        if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            entry = cached[2]
        else:
            entry = read_index_entry(path)
            cache[path] = (stat.st_mtime_ns, stat.st_size, entry)
        if entry is not None:
            entries.append(entry)
    index = folder / INDEX_NAME
    if not entries:
        with contextlib.suppress(FileNotFoundError):
            index.unlink()
        return False
    category = next((e.category for e in entries if e.category), None) or folder.name
    changed = write_if_changed(index, render_index(folder.parent.name, category, entries))
    if not changed:
        fsync_dir(folder)  # the caller's article write may have skipped it
    return changed
