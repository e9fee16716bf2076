"""Reads: the warnings a page shows, with names, contacts, agreements and reviews, in a fixed number of queries.

``detect`` (detection.py) says which projects overlap; ``describe`` fetches what a person needs to
act on the warnings about to be shown (one query per kind of thing, never one per warning), and
``with_reviews`` says which ones a coordinator has already reviewed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.http import Http404

from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.models import Department, User
from tsunagu.org.permissions import can_coordinate
from tsunagu.partners.models import Agreement, Country, Place
from tsunagu.portfolio.models import Field, Project

from .detection import OverlapWarning, bureaus_of, detect, parse_key
from .models import OverlapKind, OverlapReview

NONE = {0}  # an id no row has: keeps a query in place when there is nothing to fetch

# The start page and the dossier look at this 年度 and the next (plans are made a year ahead).
YEARS_AHEAD = 1


def current_years() -> list[int]:
    current = FiscalYear.current().year
    return list(range(current, current + YEARS_AHEAD + 1))


def may_review(user) -> bool:
    """Reviewing (and withdrawing a review) is the coordinator's work."""
    return can_coordinate(user)


def may_see_overlaps(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@dataclass
class DepartmentInvolved:
    bureau: Department
    sections: list[Department]  # the lead departments of its projects (the bureau itself or sections)
    contacts: list[User]


def with_reviews(warnings: list[OverlapWarning]) -> list[OverlapWarning]:
    """Attach ``review`` (the review in force or None) and ``status``: new, reviewed, or back (new members)."""
    reviews = {}
    if warnings:
        years = {w.fiscal_year for w in warnings}
        reviews = {
            r.key: r
            for r in OverlapReview.objects.filter(fiscal_year__in=years).select_related("reviewed_by")
        }
    for warning in warnings:
        review = reviews.get(warning.key)
        warning.review = review
        if review is None:
            warning.status = "new"
        elif review.covers(warning.project_ids, warning.department_ids):
            warning.status = "reviewed"
        else:
            warning.status = "back"
        warning.new_project_ids = set(warning.project_ids) - set(review.project_ids) if review else set()
    return warnings


def unreviewed(warnings: list[OverlapWarning]) -> list[OverlapWarning]:
    return [w for w in warnings if w.status != "reviewed"]


def describe(warnings: list[OverlapWarning], departments: dict[int, Department] | None = None) -> list[OverlapWarning]:
    """Names, projects, departments with their contacts, and a place's agreements: a fixed number of queries."""
    if not warnings:
        return warnings
    departments = departments or _departments()
    project_ids = set().union(*(w.project_ids for w in warnings))
    projects = {
        p.pk: p
        for p in Project.objects.filter(pk__in=project_ids)
        .select_related("lead_department")
        .only("pk", "title_ja", "title_en", "status", "start_date", "end_date", "lead_department")
    }
    # ``or NONE``: the same queries whatever kinds of warning are shown, so a page's count never varies.
    place_ids = {w.place_id for w in warnings if w.place_id} or NONE
    places = Place.all_objects.select_related("country").in_bulk(place_ids)
    fields = Field.objects.in_bulk({w.field_id for w in warnings if w.field_id} or NONE)
    countries = Country.objects.in_bulk({w.country_id for w in warnings if w.country_id} or NONE)

    # A section's contacts are its editors; without any, those of the nearest department above it.
    chains = {p.lead_department_id: _ancestors(p.lead_department_id, departments) for p in projects.values()}
    members: dict[int, list[User]] = defaultdict(list)
    memberships = User.departments.through.objects.filter(
        department_id__in=set().union(*chains.values()) or NONE,
        user__is_active=True, user__role=User.Role.EDITOR,
    ).select_related("user").order_by("user__full_name", "user__username")
    for membership in memberships:
        members[membership.department_id].append(membership.user)
    contacts = {
        section: next((members[pk] for pk in chain if members.get(pk)), []) for section, chain in chains.items()
    }

    agreements: dict[int, list[Agreement]] = defaultdict(list)
    for agreement in Agreement.objects.filter(place_id__in=place_ids).only(
        "pk", "title_ja", "title_en", "kind", "place", "signed_on", "ended_on"
    ):
        agreements[agreement.place_id].append(agreement)

    bureau_of = bureau_of_departments_from(departments)
    for warning in warnings:
        warning.projects = sorted(
            (projects[pk] for pk in warning.project_ids if pk in projects),
            key=lambda p: (p.lead_department.sort_order, p.lead_department.code, p.start_date, p.pk),
        )
        by_bureau: dict[int, list[Department]] = defaultdict(list)
        for project in warning.projects:
            bureau_id = bureau_of.get(project.lead_department_id, project.lead_department_id)
            if project.lead_department not in by_bureau[bureau_id]:
                by_bureau[bureau_id].append(project.lead_department)
        warning.departments = [
            DepartmentInvolved(
                bureau=departments[bureau_id],
                sections=sections,
                contacts=[user for section in sections for user in contacts.get(section.pk, [])],
            )
            for bureau_id, sections in sorted(
                by_bureau.items(), key=lambda item: (departments[item[0]].sort_order, departments[item[0]].code)
            )
        ]
        warning.place = places.get(warning.place_id) if warning.place_id else None
        warning.field = fields.get(warning.field_id) if warning.field_id else None
        warning.country = countries.get(warning.country_id) if warning.country_id else None
        fy = warning.fy
        warning.agreements = [
            a for a in agreements.get(warning.place_id, [])
            if a.signed_on <= fy.end and (a.ended_on is None or a.ended_on >= fy.start)
        ]
        warning.label = subject_label(warning)
    return warnings


def _departments() -> dict[int, Department]:
    return {d.pk: d for d in Department.objects.all()}


def bureau_of_departments_from(departments: dict[int, Department]) -> dict[int, int]:
    """The same as ``detection.bureau_of_departments``, from departments already loaded (no query)."""
    return bureaus_of({pk: department.parent_id for pk, department in departments.items()})


def _ancestors(pk: int, departments: dict[int, Department]) -> list[int]:
    """The department and those above it, nearest first."""
    chain = []
    while pk in departments and pk not in chain:
        chain.append(pk)
        pk = departments[pk].parent_id
    return chain


def subject_label(warning: OverlapWarning) -> str:
    if warning.kind == OverlapKind.PLACE:
        return str(warning.place) if warning.place else ""
    return f"{warning.field or ''} × {warning.country or ''}"


def warnings_for(years: list[int], **narrow) -> list[OverlapWarning]:
    """Detected, reviewed or not, and described: the whole read of one page."""
    departments = _departments()
    warnings = detect(years, bureaus=bureau_of_departments_from(departments), **narrow)
    return describe(with_reviews(warnings), departments)


def filter_warnings(
    years: list[int], *, department_id: int | None = None, kind: str | None = None, status: str | None = None
) -> tuple[list[OverlapWarning], dict[int, Department]]:
    """Every warning of these 年度 matching the list's filters, not yet described (the list pages them)."""
    departments = _departments()
    bureaus = bureau_of_departments_from(departments)
    kinds = (kind,) if kind else (OverlapKind.PLACE, OverlapKind.FIELD_COUNTRY)
    warnings = with_reviews(detect(years, kinds=kinds, bureaus=bureaus))
    if department_id is not None and department_id in departments:
        bureau = bureaus[department_id]
        warnings = [w for w in warnings if bureau in w.department_ids]
    if status == "open":
        warnings = unreviewed(warnings)
    elif status == "reviewed":
        warnings = [w for w in warnings if w.status == "reviewed"]
    return warnings, departments


def get_warning(key: str) -> tuple[OverlapWarning | None, OverlapReview | None, list[OverlapReview]]:
    """A warning's page: the warning as it is now (None when nothing overlaps any more), its review in
    force and the withdrawn ones. 404 for a key that is no warning's and was never reviewed."""
    parsed = parse_key(key)
    if parsed is None:
        raise Http404
    kind, year, first, second = parsed
    try:
        FiscalYear(year)
    except ValueError as error:
        raise Http404 from error
    found = warnings_for([year], kinds=(kind,), first_id=first, second_id=second)
    warning = found[0] if found else None
    reviews = list(OverlapReview.all_objects.filter(key=key).select_related("reviewed_by"))
    live = next((r for r in reviews if r.deleted_at is None), None)
    if warning is None and not reviews:
        raise Http404
    return warning, live, [r for r in reviews if r.deleted_at is not None]
