"""The User-Agent the tracker announces itself with, built from ``TRACKER_CONTACT_URL``.

``USER_AGENT`` in tracker.settings is computed from the default contact URL when the settings
module is imported, so ``-s TRACKER_CONTACT_URL=...`` alone would not reach it. The
:class:`ContactUserAgent` add-on rebuilds it once all settings are known: when ``USER_AGENT``
still holds the default, it becomes ``news-tracker/<version> (+<TRACKER_CONTACT_URL>)``. A
``USER_AGENT`` set anywhere else (command line, spider, another settings module) is kept as is.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

BOT_TOKEN = "news-tracker"
BOT_VERSION = "0.1"
DEFAULT_CONTACT_URL = "https://github.com/news-tracker/news-tracker"


def user_agent(contact_url: str | None) -> str:
    """``news-tracker/0.1 (+<contact>)``; without a contact, the bare product token."""
    contact = (contact_url or "").strip()
    product = f"{BOT_TOKEN}/{BOT_VERSION}"
    return f"{product} (+{contact})" if contact else product


DEFAULT_USER_AGENT = user_agent(DEFAULT_CONTACT_URL)


class ContactUserAgent:
    """Add-on (ADDONS): puts ``TRACKER_CONTACT_URL`` into the default User-Agent."""

    def update_settings(self, settings: BaseSettings) -> None:
        if settings.get("USER_AGENT") != DEFAULT_USER_AGENT:
            return  # someone chose their own User-Agent: theirs wins
        wanted = user_agent(settings.get("TRACKER_CONTACT_URL"))
        if wanted != DEFAULT_USER_AGENT:
            # Same priority as the value it replaces: an add-on's own priority is lower than
            # the project's and would be ignored.
            settings.set("USER_AGENT", wanted, priority=settings.getpriority("USER_AGENT") or 0)
            logger.debug("User-Agent: %s", wanted)
