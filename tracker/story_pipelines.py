"""The pipelines for stories across outlets and revisions of an article.

In ITEM_PIPELINES order, around the ones in tracker.pipelines:

- :class:`RevisitPipeline` (after validate, before dedupe): an item from a revisit
  (``provenance["fetch"] == "revisit"``) is compared with the last version written
  (tracker.processing.revisions). The same headline and normalised text, boilerplate aside: dropped
  as ``tracker/revisit/unchanged``. Otherwise a new revision: ``revision``,
  ``previous_content_hash``, ``changes`` and the first version's ``path`` are set and dedupe lets
  it through (``tracker/revisit/revised``). Every other item gets ``revision`` 1.
- :class:`StoryPipeline` (before the Markdown export): gives the item its ``id``, ``story_id``,
  ``story_role`` and ``related`` from the story index in the state store, and for a revision
  keeps the version it replaces (``<stem>.r<N>.md``) and writes the diff (``<stem>.r<N>.diff``).
  The entry is taken out of the index again if the item is dropped later.
- :class:`StoryFilesPipeline` (after the export): links the other outlets' files of the story to
  the new one (their "Also published by" line), saves the revisit record, and at the end of the
  crawl writes ``<output>/<day>/stories.md`` for every day it touched.

Settings (README): ``TRACKER_STORIES`` (on), ``TRACKER_STORY_DAYS`` (7),
``TRACKER_STORY_THRESHOLD`` (0.5), ``TRACKER_RELATED_THRESHOLD`` (0.25),
``TRACKER_RELATED_HOURS`` (48), ``TRACKER_REVISIT_DAYS`` (2), ``TRACKER_REVISIT_HOURS`` (6).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

from tracker.downloader.revisit import FETCH_REVISIT, revisit_days
from tracker.export.markdown import article_relpath, output_lock
from tracker.export.rejects import DuplicateItem, full_disk_rejects
from tracker.export.stories import (
    ALSO_LABEL,
    also_published_line,
    keep_previous_version,
    patch_header,
    write_revision_diff,
    write_stories_index,
)
from tracker.pipelines import Pipeline
from tracker.processing.revisions import Changes, comparable_hash, compare, unified_diff
from tracker.processing.stories import (
    DEFAULT_COPY_THRESHOLD,
    DEFAULT_RELATED_THRESHOLD,
    article_id,
    signature_bytes,
    signature_from_bytes,
    similarity,
    story_features,
)
from tracker.state import RevisitRecord, StoryEntry

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

DEFAULT_STORY_DAYS = 7.0
DEFAULT_RELATED_HOURS = 48.0
# Related stories kept per article, best first.
MAX_RELATED = 5


def is_revision(a: ItemAdapter) -> bool:
    """An item that is a later revision of an article already written."""
    return (a.get("revision") or 1) > 1


def _epoch(iso: str | None, default: float) -> float:
    if iso:
        try:
            return datetime.fromisoformat(iso).timestamp()
        except ValueError:
            pass
    return default


class RevisitPipeline(Pipeline):
    """Tells a revisit's new revision from an unchanged page (see the module docstring)."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        a = ItemAdapter(item)
        provenance = a.get("provenance") or {}
        if provenance.get("fetch") != FETCH_REVISIT:
            a["revision"] = 1
            return item
        url = a.get("url") or a.get("fetched_url")
        record = None
        for candidate in (a.get("url"), a.get("fetched_url")):
            if candidate and record is None:
                record = self.store.revisit_record(candidate)
        if record is None:
            # Pruned meanwhile: nothing to compare with; dedupe sees a written URL.
            a["revision"] = 1
            return item
        now = time.time()
        same = comparable_hash(record.title, record.text) == comparable_hash(
            a.get("title"), a.get("text")
        )
        changes = None if same else compare(record.title, record.text, a.get("title"), a["text"])
        if changes is None or changes.empty:
            self.store.touch_revisit(
                record.url, now, a.get("etag") or "", a.get("last_modified") or ""
            )
            self.inc("revisit/unchanged")
            raise DuplicateItem("revisit_unchanged", f"{url} has not changed since the last visit")
        a["revision"] = record.revision + 1
        a["previous_content_hash"] = record.content_hash
        a["changes"] = changes.to_dict()
        a["path"] = record.path
        self.inc("revisit/revised")
        logger.info("Revision %d of %s: %s", a["revision"], url, changes.summary())
        return item


class StoryPipeline(Pipeline):
    """Assigns ``id``, ``story_id``, ``story_role`` and ``related`` (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        if not settings.getbool("TRACKER_STORIES", True):
            raise NotConfigured("TRACKER_STORIES is off")
        self.root = Path(settings.get("TRACKER_OUTPUT_DIR") or "output")
        self.story_days = settings.getfloat("TRACKER_STORY_DAYS", DEFAULT_STORY_DAYS)
        self.copy_threshold = settings.getfloat("TRACKER_STORY_THRESHOLD", DEFAULT_COPY_THRESHOLD)
        self.related_threshold = settings.getfloat(
            "TRACKER_RELATED_THRESHOLD", DEFAULT_RELATED_THRESHOLD
        )
        self.related_hours = settings.getfloat("TRACKER_RELATED_HOURS", DEFAULT_RELATED_HOURS)
        for name, value in (
            ("TRACKER_STORY_THRESHOLD", self.copy_threshold),
            ("TRACKER_RELATED_THRESHOLD", self.related_threshold),
        ):
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must be above 0 and at most 1, got {value}")
        # id(item) -> article id added to the index for it and not yet settled.
        self._added: dict[int, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoryPipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline._unsettled, signal=signals.item_dropped)
        crawler.signals.connect(pipeline._unsettled, signal=signals.item_error)
        crawler.signals.connect(pipeline._settled, signal=signals.item_scraped)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        if self.story_days > 0:
            gone = self.store.prune_stories(time.time() - self.story_days * 86400)
            if gone:
                logger.info(
                    "Story index: %d entries older than %g days pruned", gone, self.story_days
                )

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        # A full disk under the story index is the same loss as under the article files.
        with full_disk_rejects(self.crawler.stats, "the story index"):
            return self._place_in_story(item)

    def _place_in_story(self, item: Any) -> Any:
        a = ItemAdapter(item)
        url = a["url"]
        if not a.get("path"):
            a["path"] = article_relpath(
                url=url,
                title=a.get("title"),
                category=a.get("category"),
                published=a.get("published"),
                scraped_at=a.get("scraped_at"),
            )
        this_id = article_id(url)
        a["id"] = this_id
        if is_revision(a):
            self._revision(a, this_id)
            return item
        features = story_features(a.get("title"), a.get("text"))
        now = time.time()
        with self.store.story_lock():
            known = self.store.story_entry(this_id)
            best: tuple[float, StoryEntry] | None = None
            if known is None:
                since = now - self.story_days * 86400 if self.story_days > 0 else 0.0
                for candidate in self.store.story_candidates(features.copy_bands, since):
                    if candidate.article_id == this_id:
                        continue
                    score = similarity(
                        features.text_signature, signature_from_bytes(candidate.text_signature)
                    )
                    if score >= self.copy_threshold and (best is None or score > best[0]):
                        best = (score, candidate)
            if known is not None:
                story_id, role, score = known.story_id, known.role, known.similarity
            elif best is not None:
                story_id, role, score = best[1].story_id, "copy", best[0]
            else:
                story_id, role, score = this_id, "original", 1.0
            entry = StoryEntry(
                article_id=this_id,
                story_id=story_id,
                role=role,
                url=url,
                path=a["path"],
                day=str(a["path"]).split("/", 1)[0],
                seen_at=known.seen_at if known else now,
                publisher=a.get("publisher") or "",
                title=a.get("title") or "",
                published=a.get("published") or "",
                similarity=round(score, 4),
                text_signature=signature_bytes(features.text_signature),
                lead_signature=signature_bytes(features.lead_signature),
            )
            self.store.add_story_entry(entry, features.copy_bands + features.related_bands)
        if known is None:
            self._added[id(item)] = this_id
        a["story_id"] = story_id
        a["story_role"] = role
        a["related"] = self._related(features.lead_signature, features.related_bands, entry, now)
        self.inc(f"stories/{role}")
        if role == "copy":
            logger.info("%s is a copy (%.2f) of story %s", url, score, story_id)
        return item

    def _related(self, lead: Any, bands: list[int], entry: StoryEntry, now: float) -> list[Any]:
        """Other stories whose headline and lead resemble this one's, within the window."""
        since = now - self.related_hours * 3600
        best: dict[str, tuple[float, str]] = {}
        for candidate in self.store.story_candidates(bands, since):
            if candidate.story_id == entry.story_id:
                continue
            score = similarity(lead, signature_from_bytes(candidate.lead_signature))
            if score < self.related_threshold:
                continue
            if candidate.story_id not in best or score > best[candidate.story_id][0]:
                best[candidate.story_id] = (score, candidate.article_id)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:MAX_RELATED]
        if ranked:
            self.inc("stories/related")
        return [
            {"story_id": story, "article_id": article, "score": round(score, 3)}
            for story, (score, article) in ranked
        ]

    def _revision(self, a: ItemAdapter, this_id: str) -> None:
        """A revision keeps its story; the version it replaces and the diff go beside it."""
        known = self.store.story_entry(this_id)
        if known is not None:
            a["story_id"], a["story_role"] = known.story_id, known.role
            features = story_features(a.get("title"), a.get("text"))
            known.title = a.get("title") or known.title
            known.text_signature = signature_bytes(features.text_signature)
            known.lead_signature = signature_bytes(features.lead_signature)
            with self.store.story_lock():
                self.store.add_story_entry(known, features.copy_bands + features.related_bands)
        record = self.store.revisit_record(a["url"])
        revision = int(a["revision"])
        relpath = str(a["path"])
        with output_lock(self.root):
            keep_previous_version(self.root, relpath, revision - 1)
            if record is not None:
                diff = unified_diff(
                    record.title,
                    record.text,
                    a.get("title"),
                    a.get("text"),
                    f"revision {revision - 1}",
                    f"revision {revision}",
                )
                write_revision_diff(self.root, relpath, revision, diff)

    def _unsettled(self, item: Any, **kwargs: Any) -> None:
        article = self._added.pop(id(item), None)
        if article is not None:
            with self.store.story_lock():
                self.store.remove_story_entry(article)

    def _settled(self, item: Any, **kwargs: Any) -> None:
        self._added.pop(id(item), None)


class StoryFilesPipeline(Pipeline):
    """After the export: the story's other files, the revisit record, stories.md."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.root = Path(crawler.settings.get("TRACKER_OUTPUT_DIR") or "output")
        self.stories = crawler.settings.getbool("TRACKER_STORIES", True)
        self.revisit_days = revisit_days(crawler.settings)
        self._days: set[str] = set()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        a = ItemAdapter(item)
        if self.stories and a.get("story_id") and a.get("id"):
            self._link_members(a)
        if self.revisit_days > 0 and a.get("path") and a.get("content_hash"):
            self._save_revisit(a, spider or self.spider)
        return item

    def _link_members(self, a: ItemAdapter) -> None:
        entry = self.store.story_entry(a["id"])
        if entry is None:
            return
        self._days.add(entry.day)
        if is_revision(a):
            return
        members = self.store.story_members(entry.story_id)
        if len(members) < 2:
            return
        with output_lock(self.root):
            for member in members:
                if member.article_id == entry.article_id:
                    continue
                self._days.add(member.day)
                line = also_published_line(member, members)
                try:
                    patch_header(self.root, member.path, ALSO_LABEL, line)
                except (OSError, ValueError) as exc:
                    # The new article is written; a stale line elsewhere is not worth losing it.
                    self.inc("stories/link_failed")
                    logger.warning("Could not update %s: %s", member.path, exc)

    def _save_revisit(self, a: ItemAdapter, spider: Spider | None) -> None:
        now = time.time()
        published = _epoch(a.get("published"), now)
        if not is_revision(a) and published < now - self.revisit_days * 86400:
            return  # too old to be revisited: no record needed
        history: list[dict[str, Any]] = []
        first_seen = now
        # The first revisit is due TRACKER_REVISIT_HOURS after the first visit.
        last_requested = now
        if is_revision(a):
            previous = self.store.revisit_record(a["url"])
            if previous is not None:
                history = list(previous.history)
                first_seen = previous.first_seen or now
                last_requested = previous.last_requested
                published = previous.published_at
            changes = Changes(**a["changes"]) if a.get("changes") else None
            history.append(
                {
                    "revision": int(a["revision"]),
                    "at": a.get("scraped_at") or "",
                    "summary": changes.summary() if changes else "changed",
                    "previous_hash": a.get("previous_content_hash") or "",
                }
            )
        self.store.save_revisit(
            RevisitRecord(
                url=a["url"],
                spider=str(a.get("spider") or getattr(spider, "name", "") or ""),
                path=str(a["path"]),
                published_at=published,
                content_hash=a["content_hash"],
                title=a.get("title") or "",
                text=a.get("text") or "",
                etag=a.get("etag") or "",
                last_modified=a.get("last_modified") or "",
                revision=int(a.get("revision") or 1),
                history=history,
                last_requested=last_requested,
                first_seen=first_seen,
            )
        )

    def close_spider(self, spider: Spider | None = None) -> None:
        if not self._days:
            return
        with output_lock(self.root):
            for day in sorted(self._days):
                stories = [self.store.story_members(s) for s in self.store.stories_of_day(day)]
                try:
                    if write_stories_index(self.root, day, [s for s in stories if s]):
                        self.inc("stories/index_written")
                except (OSError, ValueError) as exc:
                    logger.error("Could not write %s/stories.md: %s", day, exc)
        self._days.clear()


__all__ = ["RevisitPipeline", "StoryFilesPipeline", "StoryPipeline", "is_revision"]
