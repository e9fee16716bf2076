"""Pages of circulars and inquiries: inbox/list, write, send, read, acknowledge, answer, merged table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.org.permissions import can_coordinate, require

from . import actions, excel, queries
from .forms import (
    CircularForm,
    ColumnFormSet,
    UploadForm,
    answer_formset_class,
    row_initial,
    rows_from_formset,
)
from .models import ANSWER_HAS_PROJECTS, Circular

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_GET
def circular_list(request):
    coordinator = can_coordinate(request.user)
    context = {"inbox": queries.inbox(request.user), "may_write": coordinator}
    if coordinator:
        context["circulars"] = list(queries.with_recipients(Circular.objects.all()).select_related("sent_by"))
        context["deleted"] = list(Circular.all_objects.filter(deleted_at__isnull=False))
    return render(request, "coordination/circulars/list.html", context)


def _edit(request, circular: Circular | None):
    require(queries.may_write_circulars(request.user))
    instance = circular or Circular(kind=request.GET.get("kind") or Circular.Kind.NOTICE)
    form = CircularForm(request.POST or None, instance=instance)
    columns = ColumnFormSet(request.POST or None, instance=instance, prefix="columns")
    if request.method == "POST" and form.is_valid() and columns.is_valid():
        saved = form.save(commit=False)
        m2m = {name: form.cleaned_data[name] for name in ("departments", "fields", "programs", "projects")}
        new_columns = [c for c in columns.save(commit=False)]
        try:
            actions.save_circular(
                saved, acting_user=request.user, m2m=m2m, columns=new_columns,
                delete_columns=columns.deleted_objects, seen_version=form.cleaned_data.get("version"),
            )
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The circular was saved as a draft."))
            return redirect(saved.get_absolute_url())
    return render(
        request, "coordination/circulars/form.html", {"form": form, "columns": columns, "circular": circular},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def circular_create(request):
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def circular_edit(request, pk: int):
    circular = queries.get_writable_circular_for_user(request.user, pk)
    if circular.is_sent:
        messages.error(request, _("A sent circular can no longer be changed."))
        return redirect(circular.get_absolute_url())
    return _edit(request, circular)


@login_required
@require_GET
def circular_detail(request, pk: int):
    circular = queries.get_circular_for_user(request.user, pk, include_deleted=True)
    if not circular.is_deleted:
        actions.mark_read(circular, request.user)
    coordinator = can_coordinate(request.user)
    own = queries.own_recipients(request.user, circular)
    for recipient in own:
        recipient.may_act = queries.may_act_for(request.user, recipient.department_id)
    context = {
        "circular": circular,
        "own": own,
        "coordinator": coordinator,
        "columns": queries.columns_of(circular),
        "programs": list(circular.programs.all()),
        "projects": list(circular.projects.select_related("lead_department")),
    }
    if coordinator:
        context["status_rows"] = queries.status_table(circular)
        context["targets"] = [] if circular.is_sent else actions.target_departments(circular)
        context["pending"] = sum(1 for row in context["status_rows"] if row["recipient"].is_pending())
    return render(request, "coordination/circulars/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def circular_send(request, pk: int):
    circular = queries.get_writable_circular_for_user(request.user, pk)
    if request.method == "POST":
        try:
            recipients = actions.send_circular(
                circular, acting_user=request.user, seen_version=_int(request.POST.get("version"))
            )
        except (ValidationError, ConcurrentEditError) as error:
            messages.error(request, _error_text(error) if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("Sent to %(count)d departments.") % {"count": len(recipients)})
        return redirect(circular.get_absolute_url())
    return render(
        request, "coordination/circulars/send.html",
        {"circular": circular, "targets": actions.target_departments(circular)},
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def circular_acknowledge(request, pk: int, department_pk: int):
    circular = queries.get_circular_for_user(request.user, pk)
    recipient = queries.get_recipient_for_user(request.user, circular, department_pk)
    actions.acknowledge(recipient, acting_user=request.user)
    messages.success(request, _("Acknowledged for %(department)s.") % {"department": recipient.department.name})
    return redirect(circular.get_absolute_url())


@login_required
@require_POST
def circular_remind(request, pk: int):
    circular = queries.get_writable_circular_for_user(request.user, pk)
    try:
        reminded = actions.remind(circular, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Reminder sent to %(count)d departments.") % {"count": len(reminded)})
    return redirect(circular.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def circular_delete(request, pk: int):
    circular = queries.get_writable_circular_for_user(request.user, pk)
    if request.method == "POST":
        actions.delete_circular(circular, acting_user=request.user)
        messages.success(request, _("The circular was deleted. It can be restored from the list."))
        return redirect("coordination:circulars:list")
    return render(request, "coordination/circulars/confirm.html", {"circular": circular, "action": "delete"})


@login_required
@require_http_methods(["GET", "POST"])
def circular_restore(request, pk: int):
    require(can_coordinate(request.user))
    circular = queries.get_circular_for_user(request.user, pk, include_deleted=True)
    if request.method == "POST":
        actions.restore_circular(circular, acting_user=request.user)
        messages.success(request, _("The circular was restored."))
        return redirect(circular.get_absolute_url())
    return render(request, "coordination/circulars/confirm.html", {"circular": circular, "action": "restore"})


# -- answers --------------------------------------------------------------------------------------


def _answer_context(request, pk: int, department_pk: int):
    circular = queries.get_circular_for_user(request.user, pk)
    if not circular.is_inquiry:
        raise Http404  # a circular for information has nothing to answer
    recipient = queries.get_recipient_for_user(request.user, circular, department_pk)
    answer = queries.get_answer_for_user(request.user, circular, department_pk)
    columns = queries.columns_of(circular)
    return circular, recipient, answer, columns


def _answer_formset(circular: Circular, columns, answer, data=None):
    """The answer rows as a formset: the saved rows, then a few blank ones."""
    rows = list(answer.rows.all()) if answer else []
    formset_class = answer_formset_class(columns, table=circular.is_table, extra=3 if rows else 5)
    return formset_class(data, initial=[row_initial(columns, row) for row in rows], prefix="rows")


def _answer_page(request, circular, recipient, answer, columns, *, formset, upload, upload_errors=()):
    return render(
        request, "coordination/circulars/answer.html",
        {"circular": circular, "recipient": recipient, "answer": answer, "columns": columns,
         "formset": formset, "upload": upload, "upload_errors": upload_errors,
         "has_projects": answer is not None and answer.has_projects(), "has_projects_text": ANSWER_HAS_PROJECTS},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request, pk: int, department_pk: int):
    circular, recipient, answer, columns = _answer_context(request, pk, department_pk)
    formset = _answer_formset(circular, columns, answer, request.POST or None)
    upload = UploadForm(initial={"version": answer.version if answer else None})
    if request.method == "POST" and formset.is_valid():
        try:
            actions.save_answer(
                recipient, rows_from_formset(formset, columns), acting_user=request.user,
                seen_version=_int(request.POST.get("version")),
            )
        except ConcurrentEditError as error:
            messages.error(request, str(error))
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The answer of %(department)s was saved.") % {
                "department": recipient.department.name})
            return redirect(circular.get_absolute_url())
    return _answer_page(request, circular, recipient, answer, columns, formset=formset, upload=upload)


@login_required
@require_GET
def answer_excel(request, pk: int, department_pk: int):
    circular, recipient, answer, columns = _answer_context(request, pk, department_pk)
    data = excel.build_answer_workbook(circular, columns, list(answer.rows.all()) if answer else [])
    response = HttpResponse(data, content_type=XLSX)
    filename = f"inquiry-{circular.pk}-{recipient.department.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def answer_upload(request, pk: int, department_pk: int):
    circular, recipient, answer, columns = _answer_context(request, pk, department_pk)
    form = UploadForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            errors = [_("The file is larger than 5 MB.")]
        else:
            try:
                rows = excel.read_answer_workbook(circular, columns, upload.read())
                actions.save_answer(recipient, rows, acting_user=request.user,
                                    seen_version=form.cleaned_data.get("version"), via_excel=True)
            except excel.AnswerFileError as error:
                errors = error.errors
            except ConcurrentEditError as error:
                errors = [str(error)]
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("The Excel answer of %(department)s was read: %(count)d rows.") % {
                    "department": recipient.department.name, "count": len(rows)})
                return redirect(circular.get_absolute_url())
    else:
        errors = [str(e) for e in form.errors.get("file", [])]
    return _answer_page(request, circular, recipient, answer, columns,
                        formset=_answer_formset(circular, columns, answer), upload=form, upload_errors=errors)


@login_required
@require_GET
def merged(request, pk: int):
    circular = queries.get_writable_circular_for_user(request.user, pk)
    columns = queries.columns_of(circular)
    rows = queries.merged_rows(circular)
    names = queries.lookup_names(columns, rows)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(excel.build_merged_workbook(circular, columns, rows, names), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="inquiry-{circular.pk}-merged.xlsx"'
        return response
    table = []
    for row in rows:
        cells = []
        for column in columns:
            value = row.typed(column)
            if column.type in names and value is not None:
                value = names[column.type].get(value, "")
            cells.append({"column": column, "value": value})
        table.append({"row": row, "cells": cells})
    has_title = any(c.project_field == "title" for c in columns)
    return render(request, "coordination/circulars/merged.html",
                  {"circular": circular, "columns": columns, "table": table, "has_title": has_title,
                   "status_rows": queries.status_table(circular)})


@login_required
@require_POST
def make_projects(request, pk: int):
    circular = queries.get_writable_circular_for_user(request.user, pk)
    ids = [i for i in (_int(v) for v in request.POST.getlist("rows")) if i is not None]
    try:
        projects = actions.make_draft_projects(circular, ids, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("%(count)d draft projects were made.") % {"count": len(projects)})
    return redirect("coordination:circulars:merged", pk=circular.pk)
