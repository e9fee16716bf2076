"""The kinds of record search knows: a registry filled by the apps that own them.

Search sits just above the kernel and imports no domain model. Each app that
wants its records found registers a ``SearchKind`` from its
``AppConfig.ready()`` (as it registers dossier sections and project panels)::

    from tsunagu.search import registry
    registry.register(ProgramSearch())

A kind says:

- ``name``, ``label`` (the heading of its hits) and ``number``, a small
  integer that is part of every entry id of the kind (``number * 10**12 +
  record id``): stable forever once entries are stored, unique among kinds;
- ``model``, ``queryset()`` (every record, deleted ones included, with what
  ``document()`` reads, loaded in a constant number of queries), ``live(record)``
  (default: not soft-deleted) and ``document(record, today)``: the
  ``Document`` put in the index. Its
  ``title_text`` is weighted highest (name matches rank first), its
  ``body_text`` lower, kanji sub-words of the body lowest (``index.py``);
- ``visible(user)``: who may find the records. ``True`` (every live record),
  ``False`` (none) or a ``Q`` over ``model`` (only the records it selects).
  Search applies it to every query path: ranked hits, grouped hits and
  their counts, facet counts and the narrowing of a list's queryset. A kind
  holding personal data answers with a ``Q`` or ``False``;
- ``url(object_id, slug)`` of a hit, ``template`` that shows it in a list and
  ``badge(hit)``, an optional short status shown beside it;
- ``facets``: values the kind can be narrowed and counted by (a
  ``Document.facets`` entry per facet), with their labels;
- what keeps the index fresh: the model's own saves and deletes always
  reindex; ``many_to_many`` names the model's many-to-many fields (changes
  from either side reindex); ``refresh`` lists other models whose saves (and
  deletes) change some records' documents.

Registering connects the signals; ``unregister`` (for tests) disconnects them.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import translation

# An entry's id tells its kind: ``number * ID_BASE + record id``.
ID_BASE = 10**12
MAX_NUMBER = 9_000_000  # entry ids stay below 2**63


@dataclass
class Document:
    """What one record puts in the index."""

    kind: str
    object_id: int
    title_ja: str
    title_en: str = ""
    detail_ja: str = ""
    detail_en: str = ""
    slug: str = ""
    title_text: str = ""  # names: weighted highest
    body_text: str = ""  # other searchable text: weighted lower, its kanji sub-words lowest
    facets: dict[str, list[str]] = field(default_factory=dict)
    facets_valid_until: datetime.date | None = None  # the day the facets must be computed again


@dataclass(frozen=True)
class Badge:
    """A short status shown beside a hit; ``tone`` is ``positive``, ``notice`` or ``muted``."""

    text: str
    tone: str = "muted"


@dataclass(frozen=True)
class Facet:
    """A facet of a kind: its values come from ``Document.facets[name]``.

    ``labels(values)`` names the values (one small query at most); ``leading``
    values come first, in that order, when they have hits; a ``closed`` facet
    has exactly its ``leading`` values and shows those with hits or chosen.
    """

    name: str
    label: Any
    labels: Callable[[set[str]], dict[str, str]] = lambda values: {}
    leading: tuple[str, ...] = ()
    closed: bool = False


@dataclass(frozen=True)
class Refresh:
    """Saving (or deleting, with ``on_delete``) a ``model`` record changes the documents of
    the records ``records(instance)`` returns (their ids)."""

    model: type
    records: Callable[[Any], Iterable[int]]
    on_create: bool = True
    on_delete: bool = False


def signed_in_staff(user) -> bool:
    """Every active, signed-in account: the readers of records that are not personal."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def reverse_or_blank(name: str, arg) -> str:
    try:
        return reverse(name, args=[arg])
    except NoReverseMatch:
        return ""


def both(value) -> tuple[str, str]:
    """A lazy translation (a choice label) in Japanese and in English."""
    with translation.override("ja"):
        ja = str(value)
    with translation.override("en"):
        en = str(value)
    return ja, en


def join(*parts: Iterable[str] | str) -> str:
    """The non-empty strings of ``parts`` (strings or lists of strings), one a line."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                out.append(part)
        else:
            out.extend(p for p in part if p)
    return "\n".join(out)


def names(objs) -> list[str]:
    """The Japanese and English names of records with ``name_ja`` and ``name_en``."""
    out = []
    for obj in objs:
        out += [obj.name_ja, obj.name_en]
    return out


class SearchKind(ABC):
    name: str = ""
    number: int = 0
    label: Any = ""
    model: type
    template: str = "search/_hit.html"
    facets: tuple[Facet, ...] = ()
    facets_label: Any = ""  # heading of the facet box
    browse_label: Any = ""  # link text to list every record of the kind by facets
    many_to_many: tuple[str, ...] = ()
    refresh: tuple[Refresh, ...] = ()

    @abstractmethod
    def queryset(self) -> QuerySet:
        """Every record of the kind, deleted ones included, with what ``document`` reads."""

    @abstractmethod
    def document(self, obj, today: datetime.date) -> Document:
        """The index entry of a live record."""

    @abstractmethod
    def url(self, object_id: int, slug: str) -> str:
        """Where a hit links ("" while the page does not exist)."""

    @abstractmethod
    def visible(self, user) -> bool | Q:
        """Which records ``user`` may find: True (all), False (none) or a Q over ``model``."""

    def live(self, obj) -> bool:
        """Whether the record belongs in the index (soft-deleted records do not)."""
        return not getattr(obj, "is_deleted", False)

    def badge(self, hit) -> Badge | None:
        return None

    def facet(self, name: str) -> Facet | None:
        for facet in self.facets:
            if facet.name == name:
                return facet
        return None

    @property
    def id_range(self) -> tuple[int, int]:
        """The first and last entry ids the kind can have."""
        return self.number * ID_BASE, (self.number + 1) * ID_BASE - 1

    def entry_id(self, object_id: int) -> int:
        return self.number * ID_BASE + int(object_id)


_kinds: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> None:
    """Add a kind (from an ``AppConfig.ready()``) and connect what keeps its entries fresh."""
    if not kind.name or len(kind.name) > 16:
        raise ValueError("a search kind needs a name of at most 16 characters")
    if not 0 < kind.number < MAX_NUMBER:
        raise ValueError(f"search kind {kind.name!r} needs a number between 1 and {MAX_NUMBER - 1}")
    for other in _kinds.values():
        if other.name != kind.name and other.number == kind.number:
            raise ValueError(f"search kinds {other.name!r} and {kind.name!r} have the same number {kind.number}")
    from . import signals

    if kind.name in _kinds:
        signals.disconnect(_kinds[kind.name])
    _kinds[kind.name] = kind
    signals.connect(kind)


def unregister(name: str) -> None:
    """Remove a kind and its signals (tests that register a kind of their own clean up with this)."""
    kind = _kinds.pop(name, None)
    if kind is not None:
        from . import signals

        signals.disconnect(kind)


def get(name: str) -> SearchKind:
    return _kinds[name]


def kinds() -> list[SearchKind]:
    """Every registered kind, by number."""
    return sorted(_kinds.values(), key=lambda k: k.number)


def kind_names() -> list[str]:
    return [k.name for k in kinds()]


def by_number(number: int) -> SearchKind | None:
    for kind in _kinds.values():
        if kind.number == number:
            return kind
    return None


def choices() -> list[tuple[str, str]]:
    return [(k.name, str(k.label)) for k in kinds()]


def faceted() -> list[SearchKind]:
    """The kinds with facets, by number."""
    return [k for k in kinds() if k.facets]


def for_model(model: type) -> list[SearchKind]:
    return [k for k in kinds() if issubclass(model, k.model)]
