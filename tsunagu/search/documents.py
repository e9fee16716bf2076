"""What each kind of record puts into the index.

A ``Source`` per kind says which records are searchable (live ones), how to
load many of them in a constant number of queries, which text goes into the
title and body columns, which facets a programme has, and where a hit links.

Personal data is left out on purpose: no users, no contact fields, no free
notes (they may name people), no history. Everything indexed is shown to
every signed-in member of staff anyway.
"""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tsunagu.partners.models import Organisation, Place
from tsunagu.portfolio.models import Project, ProjectPartner
from tsunagu.programs.models import ApplicationWindow, Program

from .models import Kind


@dataclass
class Document:
    kind: str
    object_id: int
    title_ja: str
    title_en: str = ""
    detail_ja: str = ""
    detail_en: str = ""
    slug: str = ""
    title_text: str = ""
    body_text: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)
    facets_valid_until: datetime.date | None = None


def both(value) -> tuple[str, str]:
    """A lazy translation (a choice label) in Japanese and in English."""
    with translation.override("ja"):
        ja = str(value)
    with translation.override("en"):
        en = str(value)
    return ja, en


def _join(*parts: Iterable[str] | str) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                out.append(part)
        else:
            out.extend(p for p in part if p)
    return "\n".join(out)


def _names(objs) -> list[str]:
    out = []
    for obj in objs:
        out += [obj.name_ja, obj.name_en]
    return out


def _cut(text: str, size: int = 300) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


class Source(ABC):
    kind: str
    model: type

    @abstractmethod
    def queryset(self) -> QuerySet:
        """Every record of the kind, deleted ones included, with what ``document`` reads."""

    @abstractmethod
    def document(self, obj, today: datetime.date) -> Document:
        """The index entry of a live record."""

    @abstractmethod
    def url(self, object_id: int, slug: str) -> str:
        """Where a hit links ("" while the page does not exist)."""


def _reverse(name: str, arg) -> str:
    try:
        return reverse(name, args=[arg])
    except NoReverseMatch:
        return ""


# -- programmes ------------------------------------------------------------------------------


def window_facet(program: Program, today: datetime.date) -> tuple[str, datetime.date | None]:
    """The programme's window status today, and the first later day it may change."""
    status = program.window_status(today)
    horizon = today + datetime.timedelta(days=400)
    changes: list[datetime.date] = []
    for window in program.windows.all():
        closes_after = window.closes_on and window.closes_on + datetime.timedelta(days=1)
        changes.extend(day for day in (window.opens_on, closes_after) if day is not None and day > today)
        if window.kind == ApplicationWindow.Kind.RECURRING:
            for occurrence in window.occurrences_between(today, horizon):
                changes.append(occurrence.opens)
                if occurrence.closes is not None:
                    changes.append(occurrence.closes + datetime.timedelta(days=1))
    later = [day for day in changes if day > today]
    return status, (min(later) if later else None)


class ProgramSource(Source):
    kind = Kind.PROGRAM
    model = Program

    def queryset(self):
        return Program.all_objects.select_related("provider").prefetch_related(
            "fields", "activity_types", "countries", "windows"
        )

    def document(self, program: Program, today: datetime.date) -> Document:
        from tsunagu.programs.models import ApplicantType, FundingForm

        provider = program.provider
        applicant_labels = [both(label) for value, label in ApplicantType.choices if value in program.eligible_applicants]
        funding_labels = [both(label) for value, label in FundingForm.choices if value in program.funding_forms]
        scope_ja, scope_en = both(Program.RegionScope(program.region_scope).label)
        status, valid_until = window_facet(program, today)
        fields = list(program.fields.all())
        activities = list(program.activity_types.all())
        countries = list(program.countries.all())
        region = [program.region_scope] + [c.code for c in countries]
        return Document(
            kind=self.kind,
            object_id=program.pk,
            slug=program.code,
            title_ja=program.name_ja,
            title_en=program.name_en,
            detail_ja=provider.name_ja,
            detail_en=provider.name_en or provider.name_ja,
            title_text=_join(program.name_ja, program.name_en),
            body_text=_join(
                program.code.replace("-", " "),
                [provider.name_ja, provider.name_en, provider.abbreviation, program.provider_note],
                [program.purpose, program.purpose_en],
                _names(fields),
                _names(activities),
                _names(countries),
                [scope_ja, scope_en, program.region_note],
                [label for pair in applicant_labels for label in pair],
                [label for pair in funding_labels for label in pair],
                [program.applicants_note, program.activities_note, program.city_role_note],
                [program.requirements, program.exclusions, program.application_note],
            ),
            facets={
                "provider": [str(program.provider_id)],
                "field": [f.code for f in fields],
                "activity": [a.code for a in activities],
                "region": region,
                "applicant": list(program.eligible_applicants or []),
                "window": [status],
            },
            facets_valid_until=valid_until,
        )

    def url(self, object_id, slug):
        return _reverse("programs:detail", slug)


# -- projects ---------------------------------------------------------------------------------


class ProjectSource(Source):
    kind = Kind.PROJECT
    model = Project

    def queryset(self):
        return Project.all_objects.select_related("lead_department").prefetch_related(
            "co_departments",
            "fields",
            "activity_types",
            "sdg_goals",
            Prefetch(
                "partners",
                queryset=ProjectPartner.objects.select_related("place__country", "organisation"),
            ),
        )

    def document(self, project: Project, today: datetime.date) -> Document:
        places = [p.place for p in project.partners.all() if p.place_id]
        organisations = [p.organisation for p in project.partners.all() if p.organisation_id]
        department = project.lead_department
        with translation.override("ja"):
            span_ja = project.fiscal_year_span_label()
        with translation.override("en"):
            span_en = project.fiscal_year_span_label()
        return Document(
            kind=self.kind,
            object_id=project.pk,
            title_ja=project.title_ja,
            title_en=project.title_en,
            detail_ja=f"{department.name_ja}・{span_ja}",
            detail_en=f"{department.name_en or department.name_ja}, {span_en}",
            title_text=_join(project.title_ja, project.title_en),
            body_text=_join(
                [project.summary, project.results],
                _names([department, *project.co_departments.all()]),
                _names(project.fields.all()),
                _names(project.activity_types.all()),
                _names(project.sdg_goals.all()),
                [n for place in places for n in (place.name_ja, place.name_en, place.name_local)],
                _names(dict.fromkeys(place.country for place in places)),
                [n for org in organisations for n in (org.name_ja, org.name_en, org.abbreviation)],
            ),
        )

    def url(self, object_id, slug):
        return _reverse("portfolio:project", object_id)


# -- places and organisations ---------------------------------------------------------------


class PlaceSource(Source):
    kind = Kind.PLACE
    model = Place

    def queryset(self):
        return Place.all_objects.select_related("country", "parent")

    def document(self, place: Place, today: datetime.date) -> Document:
        kind_ja, kind_en = both(Place.Kind(place.kind).label)
        parent = place.parent
        return Document(
            kind=self.kind,
            object_id=place.pk,
            title_ja=place.name_ja,
            title_en=place.name_en,
            detail_ja=place.country.name_ja,
            detail_en=place.country.name_en,
            title_text=_join(place.name_ja, place.name_en, place.name_local),
            body_text=_join(
                _names([place.country]),
                [kind_ja, kind_en],
                [parent.name_ja, parent.name_en] if parent else [],
            ),
        )

    def url(self, object_id, slug):
        return _reverse("partners:place", object_id)


class OrganisationSource(Source):
    kind = Kind.ORGANISATION
    model = Organisation

    def queryset(self):
        return Organisation.all_objects.select_related("country", "place")

    def document(self, organisation: Organisation, today: datetime.date) -> Document:
        kind_ja, kind_en = both(Organisation.Kind(organisation.kind).label)
        country = organisation.country
        place = organisation.place
        return Document(
            kind=self.kind,
            object_id=organisation.pk,
            title_ja=organisation.name_ja,
            title_en=organisation.name_en,
            detail_ja=_join(kind_ja, country.name_ja if country else "").replace("\n", "・"),
            detail_en=_join(kind_en, country.name_en if country else "").replace("\n", ", "),
            title_text=_join(organisation.name_ja, organisation.name_en, organisation.abbreviation),
            body_text=_join(
                [kind_ja, kind_en],
                _names([country]) if country else [],
                _names([place]) if place else [],
            ),
        )

    def url(self, object_id, slug):
        return _reverse("partners:organisation", object_id)


SOURCES: dict[str, Source] = {
    source.kind: source
    for source in (ProgramSource(), ProjectSource(), PlaceSource(), OrganisationSource())
}
