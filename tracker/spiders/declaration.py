"""The check a spider's declaration passes when its class is created (NewsSpider.__init_subclass__).

Every attribute a spider may set is declared once, with its type and default, in NewsSpider's class
body; this module reads those annotations and holds each subclass to them, so a typo or a wrong
shape stops the import with one message naming the spider instead of being ignored:

- an attribute NewsSpider (or scrapy.Spider) does not declare (``author = ...``, ``tag_filter =
  ...``); private helpers start with ``_``;
- a value of the wrong type (a lone string where a list is declared: ``deny = r"/video/"``);
- values that cannot work: a name that is not a lower-case identifier, a country that is not
  ISO 3166-1 alpha-2, a language that is not a BCP 47 tag, a time zone that is not an IANA
  name, an allowed domain with a scheme or path, a source off the allowed domains, a URL filter
  or a site rule that does not compile (tracker.extract.rules);
- a ``post_process_item`` that is not a classmethod: the generic spider applies the publisher's
  hook too, so it may not depend on a spider instance.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Union
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import scrapy

from tracker.extract.rules import RulesError
from tracker.spiders.sources import DatedSitemap

if TYPE_CHECKING:
    from tracker.spiders.base import NewsSpider

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# A strftime directive for the year or month in a DatedSitemap URL.
_DATE_DIRECTIVE_RE = re.compile(r"%[YymbB]")
_DOMAIN_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


class DeclarationError(ValueError):
    """A spider declaration that cannot work; the message names the spider and each problem."""


@cache
def declared_attributes() -> dict[str, Any]:
    """Attribute name -> its declared type, from NewsSpider's annotations."""
    from tracker.spiders.base import NewsSpider

    hints = typing.get_type_hints(NewsSpider)
    return {name: hint for name, hint in hints.items() if not name.startswith("_")}


def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` has the declared type ``hint`` (the forms NewsSpider's annotations use:
    classes, ``X | None``, ``Sequence[X]``, ``Mapping[K, V]``, ``ClassVar[X]``). A string is not
    a Sequence here: a lone string where a list is declared is the mistake this catches."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return True
    if origin is ClassVar:
        return conforms(value, args[0])
    if origin in (Union, types.UnionType):
        return any(conforms(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if origin in (list, tuple, Sequence) or hint is Sequence:
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
            return False
        return not args or all(conforms(v, args[0]) for v in value)
    if origin in (dict, Mapping) or hint is Mapping:
        if not isinstance(value, Mapping):
            return False
        return not args or all(
            conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items()
        )
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


def _describe(hint: Any) -> str:
    if typing.get_origin(hint) is ClassVar:
        hint = typing.get_args(hint)[0]
    return str(hint).replace("typing.", "").replace("collections.abc.", "")


def _on_domains(host: str, domains: Sequence[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def check_declaration(cls: type[NewsSpider]) -> None:
    """Raise DeclarationError listing what is wrong with ``cls``'s declaration (see the module
    docstring)."""
    problems: list[str] = []
    declared = declared_attributes()
    own = vars(cls)
    for name, value in own.items():
        if name.startswith("_") or isinstance(value, classmethod | staticmethod | property):
            continue
        if callable(value):
            continue
        if name in declared:
            if not conforms(value, declared[name]):
                problems.append(f"{name}: expected {_describe(declared[name])}, got {value!r}")
        elif not hasattr(scrapy.Spider, name):
            problems.append(
                f"unknown attribute {name!r} (NewsSpider declares: {', '.join(sorted(declared))};"
                " a private helper's name starts with _)"
            )
    if "post_process_item" in own and not isinstance(own["post_process_item"], classmethod):
        problems.append(
            "post_process_item must be a @classmethod: the generic spider applies it too"
        )
    if problems:  # the value checks below assume the types are right
        raise DeclarationError(_message(cls, problems))

    if cls.name and not _NAME_RE.match(cls.name):
        problems.append(f"name {cls.name!r}: lower-case letters, digits and _ only")
    if cls.country is not None and (not _COUNTRY_RE.match(cls.country) or cls.country == "UK"):
        problems.append(
            f"country {cls.country!r}: an ISO 3166-1 alpha-2 code such as 'GB' (not 'UK')"
        )
    if cls.language is not None and not _LANGUAGE_RE.match(cls.language):
        problems.append(f"language {cls.language!r}: a BCP 47 tag such as 'en' or 'de-AT'")
    if cls.timezone is not None:
        try:
            ZoneInfo(cls.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"timezone {cls.timezone!r}: an IANA name such as 'Europe/Berlin'")
    domains = list(cls.allowed_domains or [])
    for domain in domains:
        if not _DOMAIN_RE.match(domain):
            problems.append(
                f"allowed_domains: {domain!r} is not a lower-case host name (no scheme, no path)"
            )
    for source in cls.sources:
        if isinstance(source, DatedSitemap) and not _DATE_DIRECTIVE_RE.search(source.url):
            problems.append(
                f"sources: DatedSitemap {source.url!r} has no date in it (%Y, %m, ...): use Sitemap"
            )
        parsed = urlparse(source.url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            problems.append(f"sources: {source.url!r} is not an http(s) URL")
        elif domains and not _on_domains(parsed.hostname, domains):
            problems.append(
                f"sources: {source.url} is not on allowed_domains {domains} (the offsite filter"
                " would drop it)"
            )
    for attribute in ("allow", "deny"):
        for pattern in getattr(cls, attribute):
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(f"{attribute}: {pattern!r} does not compile ({exc})")
    try:
        cls.site_rules()
    except RulesError as exc:
        problems.append(str(exc))
    if problems:
        raise DeclarationError(_message(cls, problems))


def _message(cls: type, problems: list[str]) -> str:
    label = getattr(cls, "name", "") or cls.__name__
    return f"spider {label!r} ({cls.__module__}.{cls.__qualname__}): " + "; ".join(problems)
