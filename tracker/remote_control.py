"""Scrapy's remote-control extension, imported only when it is switched on.

Scrapy 2.19 lists ``scrapy.extensions.remote_control.RemoteControl`` among its base extensions;
loading it imports aiohttp's web server (~0.3 CPU s, 0.65 s wall under ``python -X importtime``
on a loaded machine) before it finds ``REMOTE_CONTROL_ENABLED`` off, as it is in the tracker.
The settings drop it from ``EXTENSIONS_BASE`` (a ``None`` entry in ``EXTENSIONS`` would still
import it: Scrapy imports every key there to normalise it) and add
:class:`RemoteControlWhenEnabled`, which imports and builds Scrapy's
extension only when ``REMOTE_CONTROL_ENABLED`` is true, so switching it on works as in Scrapy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class RemoteControlWhenEnabled:
    """Stands for Scrapy's RemoteControl extension: builds it when REMOTE_CONTROL_ENABLED."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        if not crawler.settings.getbool("REMOTE_CONTROL_ENABLED"):
            raise NotConfigured("REMOTE_CONTROL_ENABLED is off")
        from scrapy.extensions.remote_control import RemoteControl

        return RemoteControl.from_crawler(crawler)
