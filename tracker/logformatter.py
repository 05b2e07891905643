"""Log lines about items that name the article instead of dumping it.

Scrapy's LogFormatter writes the whole item into "Error processing ..." and "Dropped: ..." lines:
with a body, several kilobytes per line, and a full disk or a broken pipeline made that one per
article. Here the item is shown as its URL; the rejects log (tracker.export.rejects) already
writes the reason, and an error keeps its traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter, is_item
from scrapy.logformatter import LogFormatter, LogFormatterResult

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from twisted.python.failure import Failure


def item_label(item: Any) -> str:
    """``<ArticleItem https://...>``: what an item is, in one short piece of a log line."""
    if not is_item(item):
        return repr(item)[:200]
    adapter = ItemAdapter(item)
    url = adapter.get("url") or adapter.get("fetched_url") or "no url"
    return f"<{type(item).__name__} {url}>"


def _named(result: LogFormatterResult, item: Any) -> LogFormatterResult:
    args = result.get("args")
    if isinstance(args, dict) and "item" in args:
        result["args"] = {**args, "item": item_label(item)}
    return result


class TrackerLogFormatter(LogFormatter):
    """LOG_FORMATTER: items in dropped and error lines are named by URL (see the module)."""

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        return _named(super().dropped(item, exception, response, spider), item)

    def item_error(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> LogFormatterResult:
        return _named(super().item_error(item, exception, response, spider), item)
