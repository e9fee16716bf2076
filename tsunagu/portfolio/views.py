"""Project pages: list, detail, create/edit (one form with row formsets), delete, restore."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.org.models import Department
from tsunagu.org.permissions import require_deleted_records_access

from . import actions, panels, queries
from .filters import DEFAULT_SORT, SORTS, ProjectFilter, involvement_conditions
from .forms import COMMON_CURRENCIES, ROW_KINDS, ProjectEditor, blank_row, build_formset
from .history import project_history
from .models import BudgetLine, Project, ProjectPartner

PAGE_SIZE = 50


@login_required
@require_GET
def project_list(request):
    filterset = ProjectFilter(request.GET or None, queryset=queries.project_list_queryset())
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    current_sort = filterset.form.cleaned_data.get("sort") if filterset.is_bound else ""
    department = filterset.form.cleaned_data.get("department") if filterset.is_bound else None
    return render(
        request,
        "portfolio/project_list.html",
        {
            "filter": filterset,
            "page": page,
            "projects": page.object_list,
            "sort_columns": _sort_links(current_sort or DEFAULT_SORT),
            "may_create": queries.may_create_projects(request.user),
            "may_restore": queries.may_restore_project(request.user),
            "involvement": _involvement_split(filterset, department),
        },
    )


def _involvement_split(filterset, department) -> dict | None:
    """With a department filter: how many of the listed projects it leads and co-operates in (as the start page)."""
    if not department or filterset.form.cleaned_data.get("involvement"):
        return None
    lead, _co = involvement_conditions(Department.subtree_ids({int(department)}))
    total = filterset.qs.count()
    led = filterset.qs.filter(lead).count()
    return {"lead": led, "co_operating": total - led}


def _sort_links(current: str) -> dict[str, dict]:
    """For each sortable column: the sort to ask for when its header is clicked, and its state."""
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
def project_detail(request, pk: int):
    project = queries.get_project_for_user(request.user, pk, include_deleted=True)
    lines = list(
        BudgetLine.objects.filter(project=project).select_related("funder").order_by("fiscal_year", "source", "pk")
    )
    partners = list(
        ProjectPartner.objects.filter(project=project).select_related("place__country", "organisation")
    )
    prefetch_related_objects(
        [project], "co_departments", "fields", "activity_types", "sdg_goals", "sdg_targets__goal", "links"
    )
    return render(
        request,
        "portfolio/project_detail.html",
        {
            "project": project,
            "partners": partners,
            "budget_lines": lines,
            "budget": queries.budget_table(project, lines),
            "panels": _render_panels(request, project),
            "history": project_history(project),
            "may_edit": not project.is_deleted and queries.may_edit_project(request.user, project),
            "may_delete": not project.is_deleted and queries.may_delete_project(request.user, project),
            "may_restore": project.is_deleted and queries.may_restore_project(request.user),
        },
    )


def _render_panels(request, project: Project) -> list[dict]:
    """What apps above portfolio show on the project page (see ``portfolio.panels``)."""
    rendered = []
    for panel in panels.panels():
        context = panel.context(project, request.user)
        if context is None:
            continue
        html = render_to_string(panel.template, {**context, "panel": panel, "project": project}, request=request)
        rendered.append({"key": panel.key, "title": panel.title, "html": html})
    return rendered


def _render_form(request, editor: ProjectEditor, project: Project | None, status: int = 200):
    return TemplateResponse(
        request,
        "portfolio/project_form.html",
        {
            "editor": editor,
            "form": editor.form,
            "project": project,
            "currencies": COMMON_CURRENCIES,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request):
    if not queries.may_create_projects(request.user):
        raise PermissionDenied
    editor = ProjectEditor(request.POST or None, user=request.user, instance=Project())
    if request.method == "POST":
        if editor.is_valid():
            project, changes = editor.changes()
            actions.create_project(acting_user=request.user, project=project, changes=changes)
            messages.success(request, _("The project “%(title)s” was created.") % {"title": project.title})
            return redirect(project)
        messages.error(request, _("The project was not saved. Please correct the errors below."))
        return _render_form(request, editor, None, status=400)
    return _render_form(request, editor, None)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk: int):
    project = queries.get_editable_project_for_user(request.user, pk)
    editor = ProjectEditor(request.POST or None, user=request.user, instance=project)
    if request.method == "POST":
        if editor.is_valid():
            project, changes = editor.changes()
            try:
                actions.update_project(
                    project, acting_user=request.user, seen_version=editor.seen_version, changes=changes
                )
            except ConcurrentEditError:
                messages.error(
                    request,
                    _(
                        "Someone else saved this project while you were editing it, so your changes "
                        "were NOT saved. They are still in the form below: open the project in a new "
                        "tab to see the other changes, then reload this page and enter yours again."
                    ),
                )
                return _render_form(request, editor, project, status=409)
            messages.success(request, _("The project “%(title)s” was saved.") % {"title": project.title})
            return redirect(project)
        messages.error(request, _("The project was not saved. Please correct the errors below."))
        return _render_form(request, editor, project, status=400)
    return _render_form(request, editor, project)


@login_required
@require_http_methods(["GET", "POST"])
def project_delete(request, pk: int):
    project = queries.get_deletable_project_for_user(request.user, pk)
    if request.method == "POST":
        actions.delete_project(project, acting_user=request.user)
        messages.success(
            request,
            _("The project “%(title)s” was deleted. The International Policy Division can restore it.")
            % {"title": project.title},
        )
        return redirect("portfolio:list")
    return render(request, "portfolio/project_confirm_delete.html", {"project": project})


@login_required
@require_http_methods(["GET", "POST"])
def project_restore(request, pk: int):
    project = queries.get_deleted_project_for_user(request.user, pk)
    if request.method == "POST":
        actions.restore_project(project, acting_user=request.user)
        messages.success(request, _("The project “%(title)s” was restored.") % {"title": project.title})
        return redirect(project)
    return render(request, "portfolio/project_confirm_restore.html", {"project": project})


@login_required
@require_GET
def deleted_list(request):
    require_deleted_records_access(request.user)
    paginator = Paginator(queries.deleted_projects_queryset(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "portfolio/deleted_list.html", {"page": page, "projects": page.object_list})


@login_required
@require_GET
def formset_row(request, kind: str):
    """One more empty row of the project form (asked for by htmx's “add a row” buttons)."""
    if kind not in ROW_KINDS:
        raise Http404(_("No such kind of row."))
    if not queries.may_create_projects(request.user):
        raise PermissionDenied
    project = Project()
    if request.GET.get("project"):
        project = queries.get_editable_project_for_user(request.user, request.GET["project"])
    try:
        index = int(request.GET.get(f"{kind}-TOTAL_FORMS", ""))
    except ValueError:
        raise Http404(_("No such kind of row.")) from None
    if not 0 <= index < 1000:
        raise Http404(_("No such kind of row."))
    formset = build_formset(kind, None, project)
    return render(
        request,
        "portfolio/_row_added.html",
        {"row": blank_row(formset, index), "total": index + 1, "kind": kind},
    )

