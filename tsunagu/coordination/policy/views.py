"""Pages of the policy framework: the tree, a node, node forms, delete/restore, project links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.core.history import history_entries, history_preview, render_history_page
from tsunagu.org.permissions import require, require_deleted_records_access
from tsunagu.partners.forms import ConfirmForm
from tsunagu.portfolio import queries as project_queries
from tsunagu.portfolio.queries import may_edit_project

from . import actions, queries
from .forms import LinkNodeForm, LinkProjectForm, NodeForm, YearFilterForm
from .models import PolicyLink, PolicyNode


def _year_filter(request, framework_years: list[int]) -> tuple[YearFilterForm, int | None]:
    form = YearFilterForm(request.GET or None, years=framework_years)
    year = form.cleaned_data.get("fy") if form.is_bound and form.is_valid() else None
    return form, year


def _load(request) -> tuple[YearFilterForm, int | None, queries.Framework]:
    """The framework with its figures for the 年度 asked for (all years when none or an unknown one)."""
    everything = queries.Framework.load()
    filter_form, year = _year_filter(request, everything.years())
    return filter_form, year, everything.for_year(year) if year is not None else everything


def _errors(error: Exception) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))


@login_required
@require_GET
def tree(request):
    filter_form, year, framework = _load(request)
    return render(
        request,
        "coordination/policy/tree.html",
        {
            "framework": framework,
            "rows": framework.rows,
            "filter_form": filter_form,
            "year": year,
            "may_edit": queries.may_edit_nodes(request.user),
        },
    )


@login_required
@require_GET
def node(request, pk):
    node = queries.get_node_for_user(request.user, pk, include_deleted=True)
    filter_form, year, framework = _load(request)
    row = framework.by_id.get(node.pk) or queries.NodeRow(node=node, depth=0)
    subtree = framework.subtree(row) if node.pk in framework.by_id else [row]
    subtree_ids = {r.node.pk for r in subtree}
    names = {r.node.pk: r.node for r in subtree}
    projects = [
        {
            "project": project,
            "budget": framework.project_budget(project.pk),
            "nodes": [names[pk] for pk in sorted(framework.links.get(project.pk, set()) & subtree_ids)],
        }
        for project in queries.node_projects(row)
    ]
    budget_table = framework.budget_table(row.project_ids)
    links = list(
        PolicyLink.objects.filter(node=node, project__deleted_at__isnull=True)
        .select_related("project__lead_department")
        .order_by("project__name_sort", "project_id")
    )
    projects_form = None
    editable = queries.editable_projects(request.user).exclude(policy_links__node=node)
    if not node.is_deleted and editable.exists():
        projects_form = LinkProjectForm(projects=editable)
    return render(
        request,
        "coordination/policy/node.html",
        {
            "node": node,
            "row": row,
            "ancestors": framework.ancestors(node),
            "children": row.children,
            "projects": projects,
            "budget_table": budget_table,
            "budget_sources": {source.value: sum(line.by_source[source.value] for line in budget_table)
                               for source in queries.SOURCES},
            "budget_total": row.budget,
            "filter_form": filter_form,
            "year": year,
            "links": [{"link": link, "may_unlink": may_edit_project(request.user, link.project)} for link in links],
            "link_form": projects_form,
            "link_history": _link_history(node),
            "history": history_preview(history_entries(node), reverse("coordination:policy:node_history", args=[node.pk])),
            "may_edit": not node.is_deleted and queries.may_edit_nodes(request.user),
            "may_restore": node.is_deleted and queries.may_edit_nodes(request.user),
        },
    )


def _link_history(node: PolicyNode, limit: int = 20) -> list:
    """Who attached or detached which project, newest first (one query)."""
    return list(
        PolicyLink.history.filter(node_id=node.pk, history_type__in=["+", "-"])
        .select_related("history_user", "project")
        .order_by("-history_date", "-history_id")[:limit]
    )


@login_required
@require_GET
def node_history(request, pk):
    node = queries.get_node_for_user(request.user, pk, include_deleted=True)
    return render_history_page(request, record=node, entries=history_entries(node, limit=1000), back_url=node.get_absolute_url())


def _render_form(request, form, node, status=200):
    return render(
        request,
        "coordination/policy/form.html",
        {"form": form, "node": node, "title": _("Edit the node") if node else _("New node")},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def node_create(request):
    require(queries.may_edit_nodes(request.user))
    initial = {}
    if request.GET.get("parent", "").isdigit():
        initial["parent"] = int(request.GET["parent"])
    form = NodeForm(request.POST or None, instance=PolicyNode(), initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                created = actions.create_node(form.model_values(), acting_user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Created “%(name)s”.") % {"name": created})
                return redirect(created)
        return _render_form(request, form, None, status=400)
    return _render_form(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def node_edit(request, pk):
    require(queries.may_edit_nodes(request.user))
    node = queries.get_node_for_user(request.user, pk)
    form = NodeForm(request.POST or None, instance=node)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.update_node(
                    node, form.model_values(), acting_user=request.user, seen_version=form.cleaned_data["seen_version"]
                )
            except ConcurrentEditError as error:
                form.add_error(None, str(error))
                return _render_form(request, form, node, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved “%(name)s”.") % {"name": node})
                return redirect(node)
        return _render_form(request, form, node, status=400)
    return _render_form(request, form, node)


@login_required
@require_http_methods(["GET", "POST"])
def node_delete(request, pk):
    require(queries.may_edit_nodes(request.user))
    node = queries.get_node_for_user(request.user, pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.delete_node(node, acting_user=request.user, seen_version=form.cleaned_data["seen_version"])
        except (ValidationError, ConcurrentEditError) as error:
            messages.error(request, _errors(error))
        else:
            messages.success(
                request, _("Deleted “%(name)s”. A coordinator can restore it from the deleted records.") % {"name": node}
            )
            return redirect("coordination:policy:tree")
    return render(
        request, "coordination/policy/confirm.html",
        {"node": node, "blockers": actions.node_blockers(node), "restore": False},
    )


@login_required
@require_http_methods(["GET", "POST"])
def node_restore(request, pk):
    require(queries.may_edit_nodes(request.user))
    node = queries.get_deleted_node_for_user(request.user, pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.restore_node(node, acting_user=request.user, seen_version=form.cleaned_data["seen_version"])
        except (ValidationError, ConcurrentEditError) as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Restored “%(name)s”.") % {"name": node})
            return redirect(node)
    return render(request, "coordination/policy/confirm.html", {"node": node, "blockers": [], "restore": True})


@login_required
@require_GET
def deleted_list(request):
    require_deleted_records_access(request.user)
    return render(request, "coordination/policy/deleted_list.html", {"nodes": queries.deleted_nodes()})


# --- attaching projects -----------------------------------------------------------------------


@login_required
@require_POST
def link_add(request, pk):
    """From a node page: attach one of the user's projects to the node."""
    node = queries.get_node_for_user(request.user, pk)
    # A project of another department is not among the choices: refused like any wrong value.
    form = LinkProjectForm(request.POST, projects=queries.editable_projects(request.user))
    return _attach(request, form, back=node, node=node)


@login_required
@require_POST
def project_link_add(request, project_pk):
    """From a project page (the panel): attach the project to a node."""
    project = project_queries.get_project_for_user(request.user, project_pk)
    require(may_edit_project(request.user, project))
    return _attach(request, LinkNodeForm(request.POST), back=project, project=project)


def _attach(request, form, *, back, node=None, project=None):
    """Attach the project to the node, the one missing taken from the form; a message either way, back to ``back``."""
    if not form.is_valid():
        messages.error(request, _("The project was not attached: %(errors)s") % {"errors": _form_errors(form)})
        return redirect(back)
    node = node or form.cleaned_data["node"]
    project = project or form.cleaned_data["project"]
    try:
        actions.link_project(node, project, acting_user=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("“%(project)s” is now attached to “%(node)s”.") % {"project": project, "node": node})
    return redirect(back)


@login_required
@require_POST
def link_remove(request, pk):
    try:
        link = PolicyLink.objects.select_related("node", "project").get(pk=pk, project__deleted_at__isnull=True)
    except PolicyLink.DoesNotExist:
        messages.error(request, _("This link no longer exists: someone removed it meanwhile."))
        return redirect("coordination:policy:tree")
    actions.unlink_project(link, acting_user=request.user)
    messages.success(
        request, _("“%(project)s” is no longer attached to “%(node)s”.") % {"project": link.project, "node": link.node}
    )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(link.node)


def _form_errors(form) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)
