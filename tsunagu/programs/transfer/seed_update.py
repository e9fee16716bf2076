"""Keep the seeded programmes in step with the reference file, without undoing coordinators' edits.

``load_programs`` (``seed.load_programs``) creates the programmes of the
reference file that are missing and updates the others when the file changed.
What decides, per programme and per catalogue key (purpose, terms, windows…):

- each programme remembers what the seed last wrote (``Program.seeded``: a hash
  of the whole converted entry, and one per key);
- a key whose value in tsunagu still equals what the seed wrote takes the
  file's new value;
- a key that a coordinator changed in tsunagu since (its value differs from
  what the seed wrote) is **kept**, and reported, unless ``force``;
- a programme seeded before this bookkeeping existed has no such memory: a
  key that differs from the file is kept the same way, since nobody can tell
  whether a person changed it;
- a deleted programme stays deleted; a programme not in the file is left alone.

Writes go through the catalogue importer (``transfer.importer.apply_plan``): all
or nothing, optimistic locking, history with the acting user on every change.
``dry_run`` gives the same report (the preview) and writes nothing. When no
entry of the file changed since the last run, one query answers.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from ..models import Program
from .export import comparable, export_queryset, program_to_dict
from .importer import CHANGED, NEW, UNCHANGED, ImportRefused, apply_plan, build_plan
from .readers import raw_program_from_mapping

TAKEN = "taken"
KEPT = "kept"


def fingerprint(value: Any) -> str:
    """A short, stable hash of a catalogue value (dates, decimals and nested lists included)."""
    text = json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


@dataclass
class KeyChange:
    key: str
    current: Any
    new: Any
    outcome: str  # TAKEN or KEPT
    why: str = ""  # for KEPT: "edited" (changed in tsunagu since the seed) or "unknown" (no memory)


@dataclass
class ProgrammeUpdate:
    code: str
    name: str
    kind: str  # NEW, CHANGED or UNCHANGED (all its changes kept)
    changes: list[KeyChange] = field(default_factory=list)

    @property
    def taken(self) -> list[KeyChange]:
        return [c for c in self.changes if c.outcome == TAKEN]

    @property
    def kept(self) -> list[KeyChange]:
        return [c for c in self.changes if c.outcome == KEPT]


@dataclass
class SeedReport:
    created: int = 0
    updated: int = 0
    existing: int = 0
    codes: list[str] = field(default_factory=list)
    updates: list[ProgrammeUpdate] = field(default_factory=list)
    written: bool = False

    @property
    def kept(self) -> int:
        return sum(len(update.kept) for update in self.updates)

    def summary(self) -> str:
        text = f"programmes: {self.created} created, {self.updated} updated, {self.existing} already there"
        if self.kept:
            text += f"; {self.kept} edited value(s) kept (--force takes the file's)"
        return text


def _entry_hash(entry: dict) -> str:
    return fingerprint(entry)


def update_catalogue(entries: list[dict], *, acting_user=None, force: bool = False,
                     dry_run: bool = False) -> SeedReport:
    """Create, update or keep each converted reference entry (see the module docstring)."""
    codes = [entry["code"] for entry in entries]
    report = SeedReport(codes=codes)
    stored = {
        code: (deleted_at, seeded or {})
        for code, deleted_at, seeded in Program.all_objects.filter(code__in=codes).values_list(
            "code", "deleted_at", "seeded"
        )
    }
    hashes = {entry["code"]: _entry_hash(entry) for entry in entries}
    # A deleted programme stays deleted (and is never duplicated); an unchanged entry needs nothing.
    wanted = [
        entry for entry in entries
        if entry["code"] not in stored
        or (stored[entry["code"]][0] is None and stored[entry["code"]][1].get("file") != hashes[entry["code"]])
    ]
    report.existing = len(codes) - len(wanted)
    if not wanted:
        return report

    issues: list = []
    raw = [raw_program_from_mapping(entry, index, issues) for index, entry in enumerate(wanted)]
    plan = build_plan([r for r in raw if r is not None], issues)
    if not plan.ok:
        raise ImportRefused(plan.issues)
    data_by_code = {data["code"]: data for data in plan.programs}
    changed_codes = [change.code for change in plan.changes if change.kind == CHANGED]
    current_by_code = {
        program.code: comparable(program_to_dict(program))
        for program in export_queryset().filter(code__in=changed_codes)
    }
    file_key_hashes = {code: {key: fingerprint(value) for key, value in comparable(data).items()}
                       for code, data in data_by_code.items()}

    changes = []
    for change in plan.changes:
        data = data_by_code[change.code]
        if change.kind != CHANGED:
            if change.kind == NEW:
                report.updates.append(ProgrammeUpdate(change.code, change.name, NEW))
            changes.append(change)
            continue
        current = current_by_code[change.code]
        seeded_keys = stored[change.code][1].get("keys")
        update = ProgrammeUpdate(change.code, change.name, CHANGED)
        for key in change.changed_keys:
            if seeded_keys is None:
                edited, why = True, "unknown"
            else:
                edited, why = fingerprint(current.get(key)) != seeded_keys.get(key), "edited"
            if edited and not force:
                update.changes.append(KeyChange(key, current.get(key), data[key], KEPT, why))
                data[key] = current.get(key)  # the programme is written with the value it has
            else:
                update.changes.append(KeyChange(key, current.get(key), data[key], TAKEN))
        if not update.taken:
            update.kind = UNCHANGED
        report.updates.append(update)
        changes.append(change if update.taken else replace(change, kind=UNCHANGED))
    plan = replace(plan, changes=changes)
    report.created = sum(1 for u in report.updates if u.kind == NEW)
    report.updated = sum(1 for u in report.updates if u.kind == CHANGED)
    report.existing = len(codes) - report.created - report.updated
    if dry_run:
        return report

    with transaction.atomic():
        apply_plan(plan, acting_user=acting_user, check_permission=False)
        # What the seed wrote, or would have written for the keys kept: the same file is then
        # quiet next time, and a key kept stays kept until the file changes it again.
        remembered = list(Program.all_objects.filter(code__in=list(data_by_code)).only("pk", "code", "seeded"))
        for program in remembered:
            program.seeded = {"file": hashes[program.code], "keys": file_key_hashes[program.code]}
        Program.all_objects.bulk_update(remembered, ["seeded"])
    report.written = True
    return report
