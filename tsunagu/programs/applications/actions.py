"""Applications (申請) of projects to support programmes: every write, the access helpers, the panel.

Who may change an application: editors of the project's lead department (and
of the departments above it) and coordinators — the same people who may edit
the project (``portfolio.queries.may_edit_project``). Anyone signed in reads.

Writes (each with a keyword-only ``acting_user``, checked, atomic, recorded in
the history with the acting user, optimistic locking on ``Application.version``):

- ``create_application`` / ``update_application``: the facts of an
  application (programme, 年度, dates, amounts, notes); the status is only set
  at creation (to record an application made before tsunagu) and afterwards
  only moves through ``transition_application``;
- ``transition_application``: the next step of ``Application.TRANSITIONS``
  (planned → drafting → submitted → adopted / rejected → running → reported →
  closed), or a jump further along when the user confirmed the skipped steps
  (``plan_step`` says which they are; closing early is a jump to closed); going
  back is refused. Moving to submitted, adopted / rejected or reported needs
  the date of that step (never today by default); adoption needs the amount
  granted (never the amount requested by default);
- ``undo_last_step`` (coordinators): puts back the status and the dates and
  amount of the last step, recorded in the history as an undo by its author;
- ``delete_application`` (soft) / ``restore_application`` (coordinators);
- ``add_document`` / ``delete_document``: documents metadata.

Rules every saved application keeps (``check_application``): the amount
granted is given exactly when the application was adopted, dates follow each
other (submitted ≤ decided ≤ reported), past events are not dated in the
future, the submission lies within the window (not before it opened nor after
it closed), no decision before the window opened, no report before the funded
年度 began or before the project started, nothing running or reported before
its 年度, the 年度 lies in the project's period, the window belongs to the
programme.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tsunagu.core.concurrency import ConcurrentEditError, claim_version
from tsunagu.core.fiscal import FiscalYear
from tsunagu.core.history import FieldChange, HistoryEntry, history_entries
from tsunagu.org.permissions import can_coordinate, require
from tsunagu.portfolio.models import Project
from tsunagu.portfolio.panels import ProjectPanel
from tsunagu.portfolio.queries import may_edit_project

from ..models import Application, ApplicationDocument, ApplicationWindow

Status = Application.Status

# Statuses in which the programme has granted money (closed: only with an amount granted).
ADOPTED_STATUSES = (Status.ADOPTED, Status.RUNNING, Status.REPORTED)
# Statuses reached only after a submission.
AFTER_SUBMISSION = (Status.SUBMITTED, Status.ADOPTED, Status.REJECTED, Status.RUNNING, Status.REPORTED)
# Still being prepared: the application deadline (due_on) matters.
PREPARING = (Status.PLANNED, Status.DRAFTING)
# Adopted and under way: the report deadline (report_due_on) matters.
REPORTING = (Status.ADOPTED, Status.RUNNING)

# The date each step records, and the label of the date field in the transition form.
STEP_DATE_FIELD = {
    Status.SUBMITTED: "submitted_on",
    Status.ADOPTED: "decided_on",
    Status.REJECTED: "decided_on",
    Status.REPORTED: "reported_on",
}


# The flow as one line; the decision (index 3) is adopted or rejected.
LINE = (Status.PLANNED, Status.DRAFTING, Status.SUBMITTED, Status.ADOPTED, Status.RUNNING, Status.REPORTED,
        Status.CLOSED)
DECISION = 3

# Recorded in the history (history_change_reason) of the change an undo makes.
UNDO_REASON = "undo-last-step"


class TransitionRefused(ValidationError):
    """A status change that ``Application.TRANSITIONS`` does not allow (or a jump not confirmed)."""


def status_label(status: str) -> str:
    return str(dict(Status.choices).get(status, status))


def _line_index(status: str) -> int:
    return DECISION if status == Status.REJECTED else LINE.index(status)


@dataclass(frozen=True)
class StepPlan:
    """What moving an application from ``current`` to ``target`` records and skips."""

    current: str
    target: str
    is_jump: bool
    closes_early: bool  # withdrawn or ended before its report: nothing on the way is recorded
    skipped: tuple[str, ...]  # statuses passed over (ADOPTED stands for "adopted or rejected" when closing early)
    date_fields: tuple[str, ...]  # dates the step records, in the order of the flow
    needs_amount: bool  # passes through adoption: the amount granted is required

    @property
    def target_date_field(self) -> str | None:
        return STEP_DATE_FIELD.get(self.target)

    def skipped_labels(self) -> list[str]:
        labels = []
        for status in self.skipped:
            if status == Status.ADOPTED and self.closes_early:
                labels.append(gettext("“%(adopted)s” or “%(rejected)s”") % {
                    "adopted": status_label(Status.ADOPTED), "rejected": status_label(Status.REJECTED)
                })
            else:
                labels.append(gettext("“%(status)s”") % {"status": status_label(status)})
        return labels


def plan_step(application: Application, target: str) -> StepPlan:
    """The statuses passed and skipped going from the application's status to ``target`` (forward only)."""
    current = application.status
    i, j = _line_index(current), _line_index(target)
    closes_early = target == Status.CLOSED and current not in (Status.REJECTED, Status.REPORTED)
    if closes_early:
        passed: tuple[str, ...] = (Status.CLOSED,)
        skipped = LINE[i + 1:j]
    elif current == Status.REJECTED:
        passed, skipped = (target,), ()
    elif target == Status.REJECTED:
        passed, skipped = (*LINE[i + 1:DECISION], Status.REJECTED), LINE[i + 1:DECISION]
    else:
        passed, skipped = LINE[i + 1:j + 1], LINE[i + 1:j]
    return StepPlan(
        current=current,
        target=target,
        is_jump=not application.can_transition(target),
        closes_early=closes_early,
        skipped=tuple(skipped),
        date_fields=tuple(STEP_DATE_FIELD[s] for s in passed if s in STEP_DATE_FIELD),
        needs_amount=Status.ADOPTED in passed,
    )


# -- access ------------------------------------------------------------------------------------


def may_edit_application(user, application: Application) -> bool:
    return may_edit_project(user, application.project)


def may_add_application(user, project: Project) -> bool:
    return not project.is_deleted and may_edit_project(user, project)


def may_restore_application(user) -> bool:
    return can_coordinate(user)


def application_queryset() -> QuerySet[Application]:
    return Application.objects.select_related("project__lead_department", "program__provider", "window")


def get_application_for_user(user, pk, *, include_deleted: bool = False) -> Application:
    """An application anyone signed in may read; 404 when missing, deleted, or its project is deleted.

    ``include_deleted`` lets coordinators open a deleted application (to restore it).
    """
    queryset = application_queryset()
    if include_deleted and can_coordinate(user):
        queryset = Application.all_objects.select_related("project__lead_department", "program__provider", "window")
    try:
        application = queryset.get(pk=pk)
    except (Application.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such application.")) from None
    if application.project.is_deleted and not can_coordinate(user):
        raise Http404(_("No such application."))
    return application


def get_editable_application_for_user(user, pk) -> Application:
    application = get_application_for_user(user, pk)
    if not may_edit_application(user, application):
        raise PermissionDenied
    return application


def project_applications(project: Project) -> list[Application]:
    return list(
        Application.objects.filter(project=project)
        .select_related("program__provider", "window")
        .order_by("-fiscal_year", "program__name_sort", "program__name_ja", "pk")
    )


# -- rules -------------------------------------------------------------------------------------


def check_application(application: Application, *, today: datetime.date | None = None) -> None:
    """Raise ``ValidationError`` (by field) if the application breaks a rule of the module docstring."""
    today = today or timezone.localdate()
    errors: dict[str, Any] = {}
    adopted = application.status in ADOPTED_STATUSES
    if adopted and application.amount_granted_jpy is None:
        errors["amount_granted_jpy"] = _("Give the amount granted: it is required once the application is adopted.")
    if application.amount_granted_jpy is not None and application.status in (
        Status.PLANNED, Status.DRAFTING, Status.SUBMITTED, Status.REJECTED,
    ):
        errors["amount_granted_jpy"] = _(
            "An amount granted can only be recorded for an adopted application (status now: %(status)s)."
        ) % {"status": status_label(application.status)}
    if application.status in (Status.PLANNED, Status.DRAFTING):
        for name in ("submitted_on", "decided_on", "reported_on"):
            if getattr(application, name):
                errors[name] = _("This date is recorded once the application gets that far (status now: %(status)s).") % {
                    "status": status_label(application.status)
                }
    if application.status == Status.SUBMITTED:
        for name in ("decided_on", "reported_on"):
            if getattr(application, name):
                errors[name] = _("A submitted application has no decision or report yet.")
    for name in ("submitted_on", "decided_on", "reported_on"):
        value = getattr(application, name)
        if value and value > today and name not in errors:
            errors[name] = _("This date is in the future; record it once it has happened.")
    submitted, decided, reported = application.submitted_on, application.decided_on, application.reported_on
    if submitted and decided and decided < submitted and "decided_on" not in errors:
        errors["decided_on"] = _("The decision cannot come before the submission (%(date)s).") % {
            "date": submitted.isoformat()
        }
    earlier = decided or submitted
    if reported and earlier and reported < earlier and "reported_on" not in errors:
        errors["reported_on"] = _("The report cannot come before the decision or the submission (%(date)s).") % {
            "date": earlier.isoformat()
        }
    if application.report_due_on and decided and application.report_due_on < decided:
        errors["report_due_on"] = _("The report deadline cannot come before the decision (%(date)s).") % {
            "date": decided.isoformat()
        }
    if application.fiscal_year and application.project_id:
        project = application.project
        if not project.spans_fiscal_year(int(application.fiscal_year)):
            errors["fiscal_year"] = _("This fiscal year is outside the project's period (%(period)s).") % {
                "period": project.fiscal_year_span_label()
            }
    if application.window_id and application.program_id and application.window.program_id != application.program_id:
        errors["window"] = _("This window belongs to another programme.")
    _check_against_window(application, errors)
    _check_against_fiscal_year(application, errors, today)
    if errors:
        raise ValidationError(errors)


def window_period(application: Application) -> tuple[datetime.date | None, datetime.date | None] | None:
    """When the application's window took applications for its 年度: (opens, closes), either unknown (None).

    A yearly window gives the period for the application's 年度 (with its
    years ahead); a window that gives only its deadline has no known opening.
    """
    window = application.window if application.window_id else None
    if window is None:
        return None
    if window.kind == ApplicationWindow.Kind.RECURRING:
        if window.close_month is None or not application.fiscal_year:
            return None
        year = int(application.fiscal_year)
        start = datetime.date(year - window.lead_years - 1, 4, 1)
        end = datetime.date(year + 1, 3, 31)
        for occurrence in window.occurrences_between(start, end):
            if occurrence.fiscal_year == year:
                return (occurrence.opens if window.open_month is not None else None), occurrence.closes
        return None
    return window.opens_on, window.closes_on


def _check_against_window(application: Application, errors: dict) -> None:
    period = window_period(application)
    if period is None:
        return
    opens, closes = period
    submitted, decided = application.submitted_on, application.decided_on
    if submitted and "submitted_on" not in errors:
        if closes and submitted > closes:
            errors["submitted_on"] = _(
                "The submission (%(date)s) cannot come after the window closed (%(closes)s)."
            ) % {"date": submitted.isoformat(), "closes": closes.isoformat()}
        elif opens and submitted < opens:
            errors["submitted_on"] = _(
                "The submission (%(date)s) cannot come before the window opened (%(opens)s)."
            ) % {"date": submitted.isoformat(), "opens": opens.isoformat()}
    if decided and opens and decided < opens and "decided_on" not in errors:
        errors["decided_on"] = _("The decision (%(date)s) cannot come before the window opened (%(opens)s).") % {
            "date": decided.isoformat(), "opens": opens.isoformat()
        }


def _check_against_fiscal_year(application: Application, errors: dict, today: datetime.date) -> None:
    """Nothing runs or is reported before the funded 年度 begins (nor a report before the project starts)."""
    if not application.fiscal_year:
        return
    try:
        fiscal_year = FiscalYear(int(application.fiscal_year))
    except ValueError:
        return  # the field's own validators say so
    reported = application.reported_on
    if reported and "reported_on" not in errors:
        project = application.project if application.project_id else None
        if reported < fiscal_year.start:
            errors["reported_on"] = _(
                "The report (%(date)s) cannot come before the funded fiscal year %(year)s began (%(start)s)."
            ) % {"date": reported.isoformat(), "year": fiscal_year.label(), "start": fiscal_year.start.isoformat()}
        elif project and project.start_date and reported < project.start_date:
            errors["reported_on"] = _("The report (%(date)s) cannot come before the project started (%(start)s).") % {
                "date": reported.isoformat(), "start": project.start_date.isoformat()
            }
    if application.status in (Status.RUNNING, Status.REPORTED) and today < fiscal_year.start:
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            _("The project cannot be “%(status)s” yet: the funded fiscal year %(year)s begins on %(start)s.") % {
                "status": status_label(application.status), "year": fiscal_year.label(),
                "start": fiscal_year.start.isoformat(),
            }
        )


def _full_check(application: Application) -> None:
    """The model's own validation and ``check_application``, reported together."""
    errors: dict[str, list] = {}
    for check in (
        lambda: application.full_clean(exclude=["project", "program", "window"]),
        lambda: check_application(application),
    ):
        try:
            check()
        except ValidationError as error:
            for name, messages in error.update_error_dict({}).items():
                known = errors.setdefault(name, [])
                known.extend(m for m in messages if m not in known)
    if errors:
        raise ValidationError(errors)


# -- writes ------------------------------------------------------------------------------------


def create_application(*, acting_user, application: Application) -> Application:
    """Record a new application of a project the acting user may edit."""
    project = Project.objects.filter(pk=application.project_id).first()
    if project is None:
        raise Http404(_("No such project."))
    require(may_add_application(acting_user, project))
    application.project = project
    with transaction.atomic():
        _full_check(application)
        application._history_user = acting_user
        application.save()
    return application


def _stored_project(application: Application) -> Project:
    stored = Application.objects.filter(pk=application.pk).values_list("project_id", flat=True).first()
    if stored is None:
        raise ConcurrentEditError()  # deleted meanwhile
    project = Project.objects.filter(pk=stored).first()
    if project is None:
        raise ConcurrentEditError()
    return project


def update_application(application: Application, *, acting_user, seen_version: int | None) -> Application:
    """Save new facts of an application (its status only moves through ``transition_application``)."""
    with transaction.atomic():
        require(may_edit_project(acting_user, _stored_project(application)))
        stored_status = Application.objects.filter(pk=application.pk).values_list("status", flat=True).get()
        claim_version(application, seen_version)
        application.status = stored_status
        _full_check(application)
        application._history_user = acting_user
        application.save()
    return application


def _refusal(application: Application, new_status: str) -> TransitionRefused:
    allowed = application.allowed_transitions()
    if not allowed:
        return TransitionRefused(gettext(
            "An application that is “%(current)s” cannot become “%(new)s”: its status can no longer change."
        ) % {"current": status_label(application.status), "new": status_label(new_status)})
    return TransitionRefused(gettext(
        "An application that is “%(current)s” cannot become “%(new)s”. "
        "It can only become: %(allowed)s."
    ) % {
        "current": status_label(application.status),
        "new": status_label(new_status),
        "allowed": "、".join(f"「{status_label(s)}」" for s in allowed),
    })


def transition_application(
    application: Application,
    new_status: str,
    *,
    acting_user,
    seen_version: int | None,
    on: datetime.date | None = None,
    dates: dict[str, datetime.date | None] | None = None,
    amount_granted_jpy: int | None = None,
    skip_confirmed: bool = False,
) -> Application:
    """Move an application to its next step, or further along when ``skip_confirmed``.

    ``on`` is the date of the step (submission, decision, report), ``dates`` the
    dates of the steps skipped on the way (by field name, optional); the date
    of the step itself is required unless already recorded. ``amount_granted_jpy``
    is needed when the move passes adoption, unless already recorded. Raises
    ``TransitionRefused`` for a move the flow does not allow or an unconfirmed
    jump, ``ValidationError`` for missing or inconsistent facts,
    ``ConcurrentEditError`` when someone changed the application meanwhile.
    """
    with transaction.atomic():
        require(may_edit_project(acting_user, _stored_project(application)))
        claim_version(application, seen_version)
        if new_status not in Status.values:
            raise TransitionRefused(gettext("“%(status)s” is not a status of an application.") % {"status": new_status})
        if not application.can_transition(new_status) and new_status not in application.jump_targets():
            raise _refusal(application, new_status)
        plan = plan_step(application, new_status)
        if plan.is_jump and not skip_confirmed:
            raise TransitionRefused(gettext(
                "Moving from “%(current)s” to “%(new)s” skips %(skipped)s: confirm it on the page that names "
                "the skipped steps."
            ) % {
                "current": status_label(application.status), "new": status_label(new_status),
                "skipped": "、".join(plan.skipped_labels()),
            })
        given = dict(dates or {})
        if on is not None and plan.target_date_field:
            given[plan.target_date_field] = on
        for name in plan.date_fields:
            if given.get(name) is not None:
                setattr(application, name, given[name])
        errors: dict[str, Any] = {}
        target_field = plan.target_date_field
        if target_field and getattr(application, target_field) is None:
            errors[target_field] = _("Give the date of this step: it is not filled in for you.")
        if plan.needs_amount and amount_granted_jpy is not None:
            application.amount_granted_jpy = amount_granted_jpy
        application.status = new_status
        try:
            _full_check(application)
        except ValidationError as error:
            for name, messages in error.update_error_dict({}).items():
                if name not in errors:
                    errors[name] = messages
        if errors:
            raise ValidationError(errors)
        application._history_user = acting_user
        application.save()
    return application


@dataclass(frozen=True)
class LastStep:
    """The last status change of an application, as its history recorded it."""

    before: Any  # the historical record before the step
    after: Any  # the historical record of the step

    @property
    def old_status(self) -> str:
        return self.before.status

    @property
    def new_status(self) -> str:
        return self.after.status

    @property
    def who(self):
        return self.after.history_user

    @property
    def when(self):
        return self.after.history_date


# The facts a step records, put back by an undo.
STEP_FIELDS = ("status", "submitted_on", "decided_on", "reported_on", "amount_granted_jpy")


def last_step(application: Application) -> LastStep | None:
    """The last status change that can be undone: none when there is none, or when it was itself an undo
    (take the step again instead)."""
    records = list(application.history.select_related("history_user").order_by("-history_date", "-history_id"))
    if not records or records[0].status != application.status:
        return None
    for newer, older in zip(records, records[1:], strict=False):
        if newer.status != older.status:
            if newer.history_change_reason == UNDO_REASON:
                return None
            return LastStep(before=older, after=newer)
    return None


def may_undo(user) -> bool:
    return can_coordinate(user)


def undo_last_step(application: Application, *, acting_user, seen_version: int | None) -> LastStep:
    """Put back the status, dates and amount the application had before its last step (coordinators only).

    The undo is a change of its own in the history, by ``acting_user``, marked as an undo.
    """
    require(may_undo(acting_user))
    with transaction.atomic():
        _stored_project(application)
        claim_version(application, seen_version)
        step = last_step(application)
        if step is None:
            raise ValidationError(_("There is no step to undo."))
        for name in STEP_FIELDS:
            setattr(application, name, getattr(step.before, name))
        _full_check(application)
        application._history_user = acting_user
        application._change_reason = UNDO_REASON
        application.save()
    return step


def delete_application(application: Application, *, acting_user) -> None:
    """Hide an application (its documents stay, ready for a restore)."""
    with transaction.atomic():
        require(may_edit_project(acting_user, _stored_project(application)))
        claim_version(application, application.version)
        application.mark_deleted()
        application._history_user = acting_user
        application.save(update_fields=["deleted_at", "version"])


def restore_application(application: Application, *, acting_user) -> None:
    require(may_restore_application(acting_user))
    with transaction.atomic():
        if application.project.is_deleted:
            raise ValidationError(_("Restore the project first: it is deleted."))
        claim_version(application, application.version)
        application.mark_restored()
        application._history_user = acting_user
        application.save(update_fields=["deleted_at", "version"])


def add_document(application: Application, document: ApplicationDocument, *, acting_user) -> ApplicationDocument:
    """Record a document of an application (metadata: title, kind, date, link or file location)."""
    with transaction.atomic():
        require(may_edit_project(acting_user, _stored_project(application)))
        document.application = application
        document.full_clean()
        document._history_user = acting_user
        document.save()
    return document


def delete_document(document: ApplicationDocument, *, acting_user) -> None:
    with transaction.atomic():
        require(may_edit_project(acting_user, _stored_project(document.application)))
        document._history_user = acting_user
        document.delete()


# -- history -----------------------------------------------------------------------------------


class UndoEntry(HistoryEntry):
    """A change that undid the last step: named as such in the history."""

    @property
    def kind_label(self) -> str:
        return str(_("Undo of the last step"))


def application_history(application: Application) -> list[HistoryEntry]:
    """The application's own changes and those of its documents (added, changed, removed), newest first."""
    entries = history_entries(application)
    undone_at = set(
        application.history.filter(history_change_reason=UNDO_REASON).values_list("history_date", flat=True)
    )
    entries = [UndoEntry(**vars(entry)) if entry.when in undone_at else entry for entry in entries]
    label = str(_("document"))
    records = list(
        ApplicationDocument.history.filter(application_id=application.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    seen: dict[int, str] = {}
    for record in records:
        kind = record.history_type
        old = seen.get(record.id, "—")
        new = "—" if kind == "-" else f"{record.get_kind_display()}「{record.title}」"
        seen[record.id] = new
        if kind == "~" and old == new:
            continue
        entries.append(
            HistoryEntry(when=record.history_date, who=record.history_user, kind=kind,
                         changes=[FieldChange(label=label, old=old, new=new)])
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


# -- the project-page panel --------------------------------------------------------------------


class ApplicationsPanel(ProjectPanel):
    """The project's applications, and "add an application" for those who may."""

    key = "program-applications"
    title = _("Applications to support programmes")
    template = "programs/applications/application_panel.html"
    order = 20

    def context(self, project, user) -> dict[str, Any] | None:
        return {
            "applications": project_applications(project),
            "may_add": may_add_application(user, project),
        }
