"""Validate a whole catalogue file, preview what it changes, and write it all or nothing.

``build_plan(raw_programs, reader_issues)`` checks every value (types,
allowed values, codes of fields, activity types and countries, duplicates,
the models' own rules) and compares each programme with the database:
``new``, ``changed`` (with the keys that differ) or ``unchanged``. A plan
with any issue cannot be applied.

``apply_plan(plan, acting_user=…)`` writes the new and changed programmes in
one transaction, taking the version each changed programme had when the
plan was built: if anyone changed one of them since, nothing is written
(``ConcurrentEditError``). Programmes of the database that the file does not
mention are left as they are.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.partners.models import Country, Organisation
from tsunagu.portfolio.models import ActivityType, Field

from ..catalogue.actions import PROGRAM_M2M, may_edit_catalogue, save_program
from ..models import ApplicationWindow, Program, ProgramTerms, check_excluded_activity_types
from .export import (
    canonical_link,
    canonical_source,
    comparable,
    export_queryset,
    link_for_storage,
    program_to_dict,
    source_for_storage,
    window_sort_key,
)
from .readers import read_file
from .schema import (
    CAP_VARIANT_KEYS,
    LINK_KEYS,
    PROGRAM_KEYS,
    SOURCE_KEYS,
    TERMS_KEYS,
    WINDOW_KEYS,
    CatalogueFileError,
    Issue,
    Key,
    Loc,
    RawProgram,
    RawRow,
    default_of,
)

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"

PROGRAM_FIELDS = [
    key.name
    for key in PROGRAM_KEYS
    if key.name not in ("provider", "provider_en", "provider_abbreviation", "provider_kind")
    and key.name not in PROGRAM_M2M
]


class ImportRefused(Exception):
    """The plan has issues, or the catalogue changed since the preview: nothing was written."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(str(issue) for issue in issues))
        self.issues = issues


@dataclass
class Change:
    code: str
    kind: str
    name: str
    changed_keys: list[str] = field(default_factory=list)
    program_id: int | None = None
    seen_version: int | None = None


@dataclass
class Plan:
    programs: list[dict] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    new_providers: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues

    @property
    def counts(self) -> Counter:
        return Counter(change.kind for change in self.changes)

    def fingerprint(self) -> str:
        """What the preview promised: each programme's kind of change and the version it was seen at."""
        promised = [(c.code, c.kind, c.seen_version) for c in self.changes]
        return hashlib.sha256(json.dumps(promised).encode()).hexdigest()

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]


# -- validation ----------------------------------------------------------------------------


class _Cleaner:
    def __init__(self, refs: dict[str, set[str]]) -> None:
        self.refs = refs
        self.issues: list[Issue] = []

    def row(self, raw: RawRow, keys: list[Key]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key in keys:
            if key.name in raw.values:
                try:
                    data[key.name] = key.clean(raw.values[key.name], self.refs)
                except ValueError as error:
                    self.issues.append(Issue(raw.loc_of(key.name), str(error)))
                    data[key.name] = default_of(key)
            else:
                if key.required:
                    self.issues.append(Issue(raw.loc_of(key.name), _("Required: this value is missing.")))
                data[key.name] = default_of(key)
        return data

    def model_errors(self, instance, raw: RawRow, exclude: list[str]) -> None:
        """The model's own rules (clean_fields and clean), reported at the key's location."""
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                loc = raw.loc_of(name) if name != "__all__" else raw.loc
                for message in messages:
                    self.issues.append(Issue(loc, message))


def _references() -> dict[str, set[str]]:
    activity_types = set(ActivityType.objects.values_list("code", flat=True))
    return {
        "fields": set(Field.objects.values_list("code", flat=True)),
        "activity_types": activity_types,
        "excluded_activity_types": activity_types,
        "countries": set(Country.objects.values_list("code", flat=True)),
    }


def clean_programs(raw_programs: list[RawProgram]) -> tuple[list[dict], list[Issue], list[RawProgram]]:
    cleaner = _Cleaner(_references())
    cleaned: list[dict] = []
    first_seen: dict[str, Loc] = {}
    kept_raw: list[RawProgram] = []
    for raw in raw_programs:
        data = cleaner.row(raw, PROGRAM_KEYS)
        code = data.get("code")
        if code:
            if code in first_seen:
                cleaner.issues.append(
                    Issue(
                        raw.loc_of("code"),
                        _("The code “%(code)s” appears twice (first at %(first)s).")
                        % {"code": code, "first": first_seen[code]},
                    )
                )
            else:
                first_seen[code] = raw.loc_of("code")
        program = Program(**{name: data[name] for name in PROGRAM_FIELDS})
        cleaner.model_errors(program, raw, exclude=["provider", "links", "sources"])
        try:
            check_excluded_activity_types(data["activity_types"], data["excluded_activity_types"])
        except ValidationError as error:
            cleaner.issues += [Issue(raw.loc_of("excluded_activity_types"), message) for message in error.messages]

        terms_rows, years = [], {}
        for raw_terms in raw.terms:
            terms = cleaner.row(raw_terms, TERMS_KEYS)
            terms["cap_variants"] = [cleaner.row(v, CAP_VARIANT_KEYS) for v in raw_terms.cap_variants]
            year = terms["fiscal_year"]
            if year is not None:
                if year in years:
                    cleaner.issues.append(
                        Issue(
                            raw_terms.loc_of("fiscal_year"),
                            _("Terms for this fiscal year are given twice (first at %(first)s).")
                            % {"first": years[year]},
                        )
                    )
                else:
                    years[year] = raw_terms.loc_of("fiscal_year")
                cleaner.model_errors(ProgramTerms(**terms), raw_terms, exclude=["program"])
            terms_rows.append(terms)
        data["terms"] = sorted(terms_rows, key=lambda t: -(t["fiscal_year"] or 0))

        windows = []
        for raw_window in raw.windows:
            window = cleaner.row(raw_window, WINDOW_KEYS)
            if window["lead_years"] is None:
                window["lead_years"] = 0
            if window["kind"] and window["fiscal_year"] is not None:
                cleaner.model_errors(ApplicationWindow(**window), raw_window, exclude=["program"])
            windows.append(window)
        data["windows"] = sorted(windows, key=lambda w: window_sort_key({**w, "fiscal_year": w["fiscal_year"] or 0}))
        data["links"] = [canonical_link(cleaner.row(row, LINK_KEYS)) for row in raw.links]
        data["sources"] = [canonical_source(cleaner.row(row, SOURCE_KEYS)) for row in raw.sources]
        cleaned.append(data)
        kept_raw.append(raw)
    return cleaned, cleaner.issues, kept_raw


def build_plan(raw_programs: list[RawProgram], reader_issues: list[Issue] | None = None) -> Plan:
    cleaned, issues, raws = clean_programs(raw_programs)
    plan = Plan(programs=cleaned, issues=list(reader_issues or []) + issues)

    names = {data["provider"] for data in cleaned if data["provider"]}
    organisations = {o.name_ja: o for o in Organisation.all_objects.filter(name_ja__in=names)}
    for data, raw in zip(cleaned, raws, strict=True):
        organisation = organisations.get(data["provider"])
        if organisation is not None and organisation.is_deleted:
            plan.issues.append(
                Issue(
                    raw.loc_of("provider"),
                    _("The organisation “%(name)s” was deleted; restore it before importing.") % {"name": data["provider"]},
                )
            )
        elif organisation is None and data["provider"] and data["provider"] not in plan.new_providers:
            plan.new_providers.append(data["provider"])

    codes = [data["code"] for data in cleaned if data["code"]]
    deleted = set(Program.all_objects.filter(code__in=codes, deleted_at__isnull=False).values_list("code", flat=True))
    existing = {p.code: p for p in export_queryset().filter(code__in=codes)}
    for data, raw in zip(cleaned, raws, strict=True):
        code = data["code"]
        if code in deleted:
            plan.issues.append(
                Issue(
                    raw.loc_of("code"),
                    _("The programme “%(code)s” was deleted; a coordinator must restore it before importing it.")
                    % {"code": code},
                )
            )
            continue
        program = existing.get(code)
        if program is None:
            plan.changes.append(Change(code=code, kind=NEW, name=data["name_ja"]))
            continue
        before, after = comparable(program_to_dict(program)), comparable(data)
        changed = [key for key in after if before.get(key) != after[key]]
        plan.changes.append(
            Change(
                code=code,
                kind=CHANGED if changed else UNCHANGED,
                name=data["name_ja"],
                changed_keys=changed,
                program_id=program.pk,
                seen_version=program.version,
            )
        )
    in_file = set(codes)
    plan.not_in_file = sorted(set(Program.objects.values_list("code", flat=True)) - in_file)
    return plan


def plan_from_file(data: bytes, filename: str = "") -> Plan:
    """Read and check a file. An unreadable file gives a plan with one issue and no programmes."""
    try:
        raw, issues = read_file(data, filename)
    except CatalogueFileError as error:
        return Plan(issues=error.issues)
    return build_plan(raw, issues)


# -- writing -------------------------------------------------------------------------------


def _provider(data: dict, cache: dict[str, Organisation], acting_user) -> Organisation:
    name = data["provider"]
    if name not in cache:
        organisation = Organisation.all_objects.filter(name_ja=name).first()
        if organisation is None:
            organisation = Organisation(
                name_ja=name,
                name_en=data.get("provider_en", ""),
                abbreviation=data.get("provider_abbreviation", ""),
                kind=data.get("provider_kind") or Organisation.Kind.AGENCY,
            )
            organisation.full_clean()
            organisation._history_user = acting_user
            organisation.save()
        cache[name] = organisation
    return cache[name]


def _write_program(data: dict, program: Program | None, *, acting_user, providers: dict, m2m_ids: dict) -> Program:
    created = program is None
    program = program or Program()
    for name in PROGRAM_FIELDS:
        setattr(program, name, data[name])
    program.links = [link_for_storage(link) for link in data["links"]]
    program.sources = [source_for_storage(source) for source in data["sources"]]
    program.provider = _provider(data, providers, acting_user)
    m2m = {
        "fields": [m2m_ids["fields"][code] for code in data["fields"]],
        "activity_types": [m2m_ids["activity_types"][code] for code in data["activity_types"]],
        "excluded_activity_types": [m2m_ids["activity_types"][code] for code in data["excluded_activity_types"]],
        "countries": [m2m_ids["countries"][code] for code in data["countries"]],
    }
    save_program(program, acting_user=acting_user, m2m=m2m, created=created)

    stored_terms = {t.fiscal_year: t for t in ([] if created else program.terms.all())}
    for terms in data["terms"]:
        row = stored_terms.pop(terms["fiscal_year"], None) or ProgramTerms(program=program)
        values = {**terms, "rate": terms["rate"]}
        if all(getattr(row, key) == value for key, value in values.items()) and row.pk:
            continue
        for key, value in values.items():
            setattr(row, key, value)
        row.full_clean(exclude=["program"], validate_constraints=False)
        row._history_user = acting_user
        row.save()
    for row in stored_terms.values():
        row._history_user = acting_user
        row.delete()

    # Windows have no natural key: keep those that are still in the file, add the others.
    wanted = [dict(window) for window in data["windows"]]
    for row in [] if created else list(program.windows.all()):
        values = {key.name: getattr(row, key.name) for key in WINDOW_KEYS}
        if values in wanted:
            wanted.remove(values)
        else:
            row._history_user = acting_user
            row.delete()
    for window in wanted:
        row = ApplicationWindow(program=program, **window)
        row.full_clean(exclude=["program"], validate_constraints=False)
        row._history_user = acting_user
        row.save()
    return program


def apply_plan(plan: Plan, *, acting_user, only_new: bool = False, check_permission: bool = True) -> Counter:
    """Write the plan (all of it or nothing). Returns how many programmes were created and changed.

    ``only_new`` creates the missing programmes and leaves existing ones
    untouched (used by the seeding command). ``check_permission=False`` is for
    commands run by an operator, where there is no user to ask.
    """
    if check_permission and not may_edit_catalogue(acting_user):
        raise PermissionDenied(_("Only the International Policy Division can change the catalogue."))
    if not plan.ok:
        raise ImportRefused(plan.issues)
    data_by_code = {data["code"]: data for data in plan.programs}
    done: Counter = Counter()
    with transaction.atomic():
        m2m_ids = {
            "fields": dict(Field.objects.values_list("code", "pk")),
            "activity_types": dict(ActivityType.objects.values_list("code", "pk")),
            "countries": dict(Country.objects.values_list("code", "pk")),
        }
        providers: dict[str, Organisation] = {}
        to_change = [c for c in plan.changes if c.kind == CHANGED and not only_new]
        locked = {
            p.pk: p
            for p in Program.objects.select_for_update().filter(pk__in=[c.program_id for c in to_change])
        }
        for change in to_change:
            program = locked.get(change.program_id)
            if program is None or program.version != change.seen_version:
                raise ConcurrentEditError()
        for change in plan.changes:
            if change.kind == NEW:
                if Program.all_objects.filter(code=change.code).exists():
                    raise ConcurrentEditError()
                _write_program(data_by_code[change.code], None, acting_user=acting_user, providers=providers, m2m_ids=m2m_ids)
                done[NEW] += 1
            elif change.kind == CHANGED and not only_new:
                program = locked[change.program_id]
                program.version += 1
                _write_program(data_by_code[change.code], program, acting_user=acting_user, providers=providers, m2m_ids=m2m_ids)
                done[CHANGED] += 1
    return done
