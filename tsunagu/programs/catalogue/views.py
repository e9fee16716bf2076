"""Catalogue pages: programme list and page; coordinators create, edit, delete and restore
programmes, their terms by 年度 and their application windows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.core.fiscal import FiscalYear
from tsunagu.core.history import history_preview, render_history_page
from tsunagu.org.permissions import require_deleted_records_access

from ..models import UNCONFIRMABLE, ApplicationWindow, Program, ProgramTerms
from . import actions, queries
from .filters import DEFAULT_SORT, SORTS, ProgramFilter
from .forms import ProgramForm, TermsForm, WindowForm
from .history import catalogue_history

PAGE_SIZE = 25
# The full history page shows every change (50 a page); a programme rarely has more.
FULL_HISTORY_LIMIT = 10_000

def _sort_links(current: str) -> dict[str, dict]:
    links = {}
    for key in SORTS:
        if current == key:
            links[key] = {"next": f"-{key}", "state": "ascending"}
        elif current == f"-{key}":
            links[key] = {"next": key, "state": "descending"}
        else:
            links[key] = {"next": key, "state": ""}
    return links


@login_required
@require_GET
def program_list(request):
    # Always bound: an empty query is the default sort (名称 ▲), as the header shows.
    filterset = ProgramFilter(request.GET, queryset=queries.program_list_queryset(), user=request.user)
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    current_sort = (filterset.form.cleaned_data.get("sort") if filterset.is_bound else "") or DEFAULT_SORT
    return render(
        request,
        "programs/catalogue/program_list.html",
        {
            "filter": filterset,
            "page": page,
            "programs": page.object_list,
            "sort_columns": _sort_links(current_sort),
            "may_edit": queries.may_edit_catalogue(request.user),
            "today": queries.today(),
        },
    )


@login_required
@require_GET
def program_detail(request, code: str):
    program = queries.get_program_for_user(request.user, code, include_deleted=True)
    prefetch_related_objects(
        [program],
        "fields",
        "activity_types",
        "countries",
        Prefetch("terms", queryset=ProgramTerms.objects.order_by("-fiscal_year")),
        Prefetch("windows", queryset=ApplicationWindow.objects.order_by("-fiscal_year", "opens_on", "closes_on", "pk")),
    )
    today = queries.today()
    windows = [
        {"window": window, "status": window.status_on(today), "next": window.next_occurrence(today)}
        for window in program.windows.all()
    ]
    may_edit = queries.may_edit_catalogue(request.user)
    unconfirmed = {key: str(label) for key, label in UNCONFIRMABLE.items() if program.is_unconfirmed(key)}
    return render(
        request,
        "programs/catalogue/program_detail.html",
        {
            "program": program,
            "terms": list(program.terms.all()),
            "terms_in_force": program.terms_for(FiscalYear.of(today)),
            "coverage": queries.fiscal_year_coverage(program),
            "windows": windows,
            "window_status": program.window_status(today),
            "unconfirmed": unconfirmed,
            "unconfirmed_labels": list(unconfirmed.values()),
            "history": history_preview(
                catalogue_history(program, limit=FULL_HISTORY_LIMIT), reverse("programs:history", args=[program.code])
            ),
            "today": today,
            "current_year": FiscalYear.of(today),
            "may_edit": may_edit and not program.is_deleted,
            "may_restore": may_edit and program.is_deleted,
        },
    )


@login_required
@require_GET
def program_history(request, code: str):
    """Every change of a programme, its terms and its windows (the page shows only the latest)."""
    program = queries.get_program_for_user(request.user, code, include_deleted=True)
    return render_history_page(
        request, record=program, entries=catalogue_history(program, limit=FULL_HISTORY_LIMIT),
        back_url=program.get_absolute_url(), title=program.name,
    )


def _require_editor(request) -> None:
    if not queries.may_edit_catalogue(request.user):
        raise PermissionDenied


def _concurrent(request) -> None:
    messages.error(
        request,
        _(
            "Someone else changed this programme (or its terms or windows) while you were editing, so your "
            "changes were NOT saved. Open the programme in a new tab to see the other changes, then reload "
            "this page and enter yours again."
        ),
    )


def _m2m(form) -> dict[str, list]:
    return {name: list(form.cleaned_data[name]) for name in actions.PROGRAM_M2M}


def _form_page(request, template: str, context: dict, status: int = 200):
    return TemplateResponse(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request):
    _require_editor(request)
    form = ProgramForm(request.POST or None, instance=Program())
    if request.method == "POST":
        if form.is_valid():
            try:
                program = actions.create_program(acting_user=request.user, program=form.save(commit=False), m2m=_m2m(form))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The programme “%(name)s” was created.") % {"name": program.name})
                return redirect(program)
        messages.error(request, _("The programme was not saved. Please correct the errors below."))
        return _form_page(request, "programs/catalogue/program_form.html", {"form": form, "program": None}, status=400)
    return _form_page(request, "programs/catalogue/program_form.html", {"form": form, "program": None})


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, code: str):
    _require_editor(request)
    program = queries.get_program_for_user(request.user, code)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.update_program(
                    form.save(commit=False),
                    acting_user=request.user,
                    seen_version=form.cleaned_data.get("seen_version"),
                    m2m=_m2m(form),
                )
            except ConcurrentEditError:
                _concurrent(request)
                return _form_page(request, "programs/catalogue/program_form.html", {"form": form, "program": program}, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The programme “%(name)s” was saved.") % {"name": program.name})
                return redirect(program)
        messages.error(request, _("The programme was not saved. Please correct the errors below."))
        return _form_page(request, "programs/catalogue/program_form.html", {"form": form, "program": program}, status=400)
    return _form_page(request, "programs/catalogue/program_form.html", {"form": form, "program": program})


@login_required
@require_http_methods(["GET", "POST"])
def program_delete(request, code: str):
    _require_editor(request)
    program = queries.get_program_for_user(request.user, code)
    if request.method == "POST":
        actions.delete_program(program, acting_user=request.user)
        messages.success(
            request,
            _("The programme “%(name)s” was deleted. A coordinator can restore it.") % {"name": program.name},
        )
        return redirect("programs:list")
    return render(request, "programs/catalogue/program_confirm.html", {"program": program, "action": "delete"})


@login_required
@require_http_methods(["GET", "POST"])
def program_restore(request, code: str):
    _require_editor(request)
    program = queries.get_program_for_user(request.user, code, include_deleted=True)
    if not program.is_deleted:
        return redirect(program)
    if request.method == "POST":
        actions.restore_program(program, acting_user=request.user)
        messages.success(request, _("The programme “%(name)s” was restored.") % {"name": program.name})
        return redirect(program)
    return render(request, "programs/catalogue/program_confirm.html", {"program": program, "action": "restore"})


@login_required
@require_GET
def deleted_list(request):
    require_deleted_records_access(request.user)
    paginator = Paginator(queries.deleted_programs_queryset(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "programs/catalogue/deleted_list.html", {"page": page, "programs": page.object_list})


# -- terms and windows ---------------------------------------------------------------------

ROWS = {
    "terms": (ProgramTerms, TermsForm),
    "window": (ApplicationWindow, WindowForm),
}


def _row_form(request, code: str, kind: str, pk: int | None):
    _require_editor(request)
    program = queries.get_program_for_user(request.user, code)
    model, form_class = ROWS[kind]
    row = queries.get_row_for_user(request.user, model, program, pk) if pk is not None else model(program=program)
    form = form_class(request.POST or None, instance=row, program=program)
    context = {"form": form, "program": program, "kind": kind, "row": row if pk is not None else None}
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.save_row(form.save(commit=False), acting_user=request.user, seen_version=form.cleaned_data.get("seen_version"))
            except ConcurrentEditError:
                _concurrent(request)
                return _form_page(request, "programs/catalogue/row_form.html", context, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(program)
        messages.error(request, _("Nothing was saved. Please correct the errors below."))
        return _form_page(request, "programs/catalogue/row_form.html", context, status=400)
    return _form_page(request, "programs/catalogue/row_form.html", context)


def _row_delete(request, code: str, kind: str, pk: int):
    _require_editor(request)
    program = queries.get_program_for_user(request.user, code)
    model, _form = ROWS[kind]
    row = queries.get_row_for_user(request.user, model, program, pk)
    if request.method == "POST":
        try:
            seen = int(request.POST.get("seen_version", ""))
        except ValueError:
            seen = None
        try:
            actions.delete_row(row, acting_user=request.user, seen_version=seen)
        except ConcurrentEditError:
            _concurrent(request)
            return redirect(program)
        messages.success(request, _("Removed."))
        return redirect(program)
    return render(request, "programs/catalogue/row_confirm_delete.html", {"program": program, "row": row, "kind": kind})


@login_required
@require_http_methods(["GET", "POST"])
def terms_create(request, code: str):
    return _row_form(request, code, "terms", None)


@login_required
@require_http_methods(["GET", "POST"])
def terms_edit(request, code: str, pk: int):
    return _row_form(request, code, "terms", pk)


@login_required
@require_http_methods(["GET", "POST"])
def terms_delete(request, code: str, pk: int):
    return _row_delete(request, code, "terms", pk)


@login_required
@require_http_methods(["GET", "POST"])
def window_create(request, code: str):
    return _row_form(request, code, "window", None)


@login_required
@require_http_methods(["GET", "POST"])
def window_edit(request, code: str, pk: int):
    return _row_form(request, code, "window", pk)


@login_required
@require_http_methods(["GET", "POST"])
def window_delete(request, code: str, pk: int):
    return _row_delete(request, code, "window", pk)
