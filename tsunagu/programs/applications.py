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
- ``transition_application``: one step of ``Application.TRANSITIONS``
  (planned → drafting → submitted → adopted / rejected → running → reported →
  closed); any other step is refused with a message naming the allowed ones.
  Moving to submitted, adopted / rejected or reported records the date of
  that step; adoption needs the amount granted;
- ``delete_application`` (soft) / ``restore_application`` (coordinators);
- ``add_document`` / ``delete_document``: documents metadata.

Rules every saved application keeps (``check_application``): the amount
granted is given exactly when the application was adopted, dates follow each
other (submitted ≤ decided ≤ reported), past events are not dated in the
future, the 年度 lies in the project's period, the window belongs to the
programme.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tsunagu.core.concurrency import ConcurrentEditError, claim_version
from tsunagu.core.history import FieldChange, HistoryEntry, history_entries
from tsunagu.org.permissions import can_coordinate, require
from tsunagu.portfolio.models import Project
from tsunagu.portfolio.panels import ProjectPanel
from tsunagu.portfolio.queries import may_edit_project

from .models import Application, ApplicationDocument

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


class TransitionRefused(ValidationError):
    """A status change that ``Application.TRANSITIONS`` does not allow."""


def status_label(status: str) -> str:
    return str(dict(Status.choices).get(status, status))


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
    if errors:
        raise ValidationError(errors)


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


def transition_application(
    application: Application,
    new_status: str,
    *,
    acting_user,
    seen_version: int | None,
    on: datetime.date | None = None,
    amount_granted_jpy: int | None = None,
) -> Application:
    """Move an application one step along ``Application.TRANSITIONS``.

    ``on`` is the date of the step (submission, decision, report; today when
    not given and not recorded yet); ``amount_granted_jpy`` is needed for an
    adoption unless already recorded. Raises ``TransitionRefused`` for a step
    the flow does not allow, ``ValidationError`` for inconsistent facts,
    ``ConcurrentEditError`` when someone changed the application meanwhile.
    """
    with transaction.atomic():
        require(may_edit_project(acting_user, _stored_project(application)))
        claim_version(application, seen_version)
        if new_status not in Status.values:
            raise TransitionRefused(gettext("“%(status)s” is not a status of an application.") % {"status": new_status})
        if not application.can_transition(new_status):
            allowed = application.allowed_transitions()
            if allowed:
                message = gettext(
                    "An application that is “%(current)s” cannot become “%(new)s”. "
                    "It can only become: %(allowed)s."
                ) % {
                    "current": status_label(application.status),
                    "new": status_label(new_status),
                    "allowed": "、".join(f"「{status_label(s)}」" for s in allowed),
                }
            else:
                message = gettext(
                    "An application that is “%(current)s” cannot become “%(new)s”: its status can no longer change."
                ) % {"current": status_label(application.status), "new": status_label(new_status)}
            raise TransitionRefused(message)
        date_field = STEP_DATE_FIELD.get(new_status)
        if date_field and (on is not None or getattr(application, date_field) is None):
            setattr(application, date_field, on or timezone.localdate())
        if new_status == Status.ADOPTED and amount_granted_jpy is not None:
            application.amount_granted_jpy = amount_granted_jpy
        application.status = new_status
        _full_check(application)
        application._history_user = acting_user
        application.save()
    return application


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


def application_history(application: Application) -> list[HistoryEntry]:
    """The application's own changes and those of its documents (added, changed, removed), newest first."""
    entries = history_entries(application)
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
    template = "programs/application_panel.html"
    order = 20

    def context(self, project, user) -> dict[str, Any] | None:
        return {
            "applications": project_applications(project),
            "may_add": may_add_application(user, project),
        }
