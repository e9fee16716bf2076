"""The dossier of a place (and a country): a registry of sections.

The dossier gathers everything the city has with a partner place. Most of it
lives in apps above ``partners`` (projects in ``portfolio``; later trainees,
applications, results…), which ``partners`` must not import. Each such app
registers a section here from its ``AppConfig.ready()``; the dossier view
asks every registered section for its content.

A section must answer with a constant number of queries whatever the number
of records (the dossier's query count is pinned by a test).

How to add a section:
1. write a ``DossierSection`` subclass in your app (e.g. ``myapp/dossier.py``)
   with ``key``, ``title``, ``template``, ``order``, ``context()`` and,
   if it has dated records, ``timeline()``;
2. call ``register(MySection())`` in your app's ``ready()``;
3. add a test that the dossier shows it and that its query count is constant.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from tsunagu.core.fiscal import FiscalYear


@dataclass(frozen=True)
class TimelineEntry:
    """One dated thing on the dossier's timeline, grouped by 年度."""

    date: datetime.date
    label: str
    kind: str  # a short translated word: "Agreement", "Project started"…
    url: str = ""


class DossierSection(ABC):
    key: str = ""
    title: Any = ""  # a lazy translation
    template: str = ""
    order: int = 100

    @abstractmethod
    def context(self, place_ids: list[int], user) -> dict[str, Any]:
        """Template context for the section, for a place and the places under it."""

    def timeline(self, place_ids: list[int], user) -> list[TimelineEntry]:
        return []


_sections: dict[str, DossierSection] = {}


def register(section: DossierSection) -> None:
    if not section.key:
        raise ValueError("a dossier section needs a key")
    _sections[section.key] = section


def sections() -> list[DossierSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def unregister(key: str) -> None:
    """Remove a section (tests that register a section of their own clean up with this)."""
    _sections.pop(key, None)


@dataclass(frozen=True)
class TimelineYear:
    """The timeline entries of one 年度, newest first."""

    fiscal_year: FiscalYear
    entries: list[TimelineEntry]


def group_by_fiscal_year(entries: list[TimelineEntry]) -> list[TimelineYear]:
    """Timeline entries grouped by 年度, newest year first and newest entry first within a year."""
    years: dict[FiscalYear, list[TimelineEntry]] = {}
    for entry in sorted(entries, key=lambda e: (e.date, str(e.kind), str(e.label)), reverse=True):
        years.setdefault(FiscalYear.of(entry.date), []).append(entry)
    return [TimelineYear(fiscal_year=fy, entries=items) for fy, items in years.items()]
