"""Every write to the catalogue goes through here: checked, atomic, recorded in the history.

The catalogue is the coordinators' work (``org.permissions.can_coordinate``).
A programme carries a version; its terms and windows are part of it, so a
change to a term or a window also takes a new version of the programme:
two coordinators editing the same programme (or one editing its terms while
another edits the programme) cannot overwrite each other silently.

Functions here cover programmes, their terms by 年度 and their application
windows. Catalogue imports (``transfer.importer``) build on ``save_program``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagu.core.concurrency import ConcurrentEditError, claim_version
from tsunagu.org.permissions import require
from tsunagu.portfolio.history import history_paused, record_history

from ..models import ApplicationWindow, Program, ProgramTerms
from .queries import may_edit_catalogue

PROGRAM_M2M = ("fields", "activity_types", "excluded_activity_types", "countries")


def _check(acting_user) -> None:
    require(may_edit_catalogue(acting_user))


def save_program(program: Program, *, acting_user, m2m: dict[str, list] | None = None, created: bool) -> None:
    """Save a programme and its many-to-many fields with one history record (no checks: callers check)."""
    started = timezone.now()
    program.full_clean(validate_unique=False, validate_constraints=False)
    with history_paused(program):
        program.save()
        for name, values in (m2m or {}).items():
            if name not in PROGRAM_M2M:
                raise ValueError(f"not a many-to-many field of a programme: {name}")
            getattr(program, name).set(values)
    record_history(program, "+" if created else "~", acting_user, when=started)


def _unique_code(program: Program) -> None:
    clash = Program.all_objects.exclude(pk=program.pk).filter(code=program.code).first()
    if clash is not None:
        message = _("A programme with this code already exists.")
        if clash.is_deleted:
            message = _("A deleted programme has this code; a coordinator can restore it.")
        raise ValidationError({"code": message})


def create_program(*, acting_user, program: Program, m2m: dict[str, list] | None = None) -> Program:
    _check(acting_user)
    with transaction.atomic():
        _unique_code(program)
        save_program(program, acting_user=acting_user, m2m=m2m, created=True)
    return program


def update_program(
    program: Program, *, acting_user, seen_version: int | None, m2m: dict[str, list] | None = None
) -> Program:
    """Save new values unless someone saved the programme (or its terms or windows) since ``seen_version``."""
    _check(acting_user)
    with transaction.atomic():
        if not Program.objects.filter(pk=program.pk).exists():
            raise ConcurrentEditError()  # deleted meanwhile
        claim_version(program, seen_version)
        _unique_code(program)
        save_program(program, acting_user=acting_user, m2m=m2m, created=False)
    return program


def delete_program(program: Program, *, acting_user) -> None:
    """Hide a programme (its terms, windows and applications stay, ready for a restore)."""
    _check(acting_user)
    with transaction.atomic():
        claim_version(program, program.version)
        program.mark_deleted()
        program._history_user = acting_user
        program.save(update_fields=["deleted_at", "version"])


def restore_program(program: Program, *, acting_user) -> None:
    _check(acting_user)
    with transaction.atomic():
        claim_version(program, program.version)
        program.mark_restored()
        program._history_user = acting_user
        program.save(update_fields=["deleted_at", "version"])


# -- terms and windows (rows of a programme) ---------------------------------------------


def _claim_program(program: Program, seen_version: int | None) -> None:
    """Take a new version of the row's programme without writing a programme history record."""
    if program.is_deleted or not Program.objects.filter(pk=program.pk).exists():
        raise ConcurrentEditError()
    claim_version(program, seen_version)


def save_row(row: ProgramTerms | ApplicationWindow, *, acting_user, seen_version: int | None) -> None:
    """Create or change a term or a window of a programme."""
    _check(acting_user)
    with transaction.atomic():
        _claim_program(row.program, seen_version)
        row.full_clean()
        row._history_user = acting_user
        row.save()


def delete_row(row: ProgramTerms | ApplicationWindow, *, acting_user, seen_version: int | None) -> None:
    """Remove a term or a window (its history keeps what it said)."""
    _check(acting_user)
    with transaction.atomic():
        _claim_program(row.program, seen_version)
        row._history_user = acting_user
        row.delete()
