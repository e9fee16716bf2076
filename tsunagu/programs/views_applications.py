"""Application pages: add (from a project), detail with the next steps, edit, status steps,
documents, delete / restore; and the statistics page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.core.fiscal import FiscalYear, fiscal_year_choices
from tsunagu.portfolio.queries import get_editable_project_for_user

from . import applications as actions
from . import stats as statistics
from .application_forms import ApplicationForm, DocumentForm, TransitionForm
from .models import Application, ApplicationDocument

CONCURRENT_MESSAGE = gettext_lazy(
    "Someone else changed this application while you were working on it, so your change was NOT saved. "
    "Reload the page to see the application as it is now, then try again."
)


def _concurrent(request) -> None:
    messages.error(request, CONCURRENT_MESSAGE)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# -- create / edit -----------------------------------------------------------------------------


def _render_form(request, form, project, application=None, status=200):
    return TemplateResponse(
        request,
        "programs/application_form.html",
        {"form": form, "project": project, "application": application},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request, project_pk: int):
    project = get_editable_project_for_user(request.user, project_pk)
    initial = {}
    if request.GET.get("program"):
        initial["program"] = request.GET["program"]
    form = ApplicationForm(request.POST or None, project=project, instance=Application(project=project),
                           initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                application = actions.create_application(acting_user=request.user, application=form.instance)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The application was recorded."))
                return redirect("programs:application", application.pk)
        messages.error(request, _("The application was not saved. Please correct the errors below."))
        return _render_form(request, form, project, status=400)
    return _render_form(request, form, project)


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk: int):
    application = actions.get_editable_application_for_user(request.user, pk)
    project = application.project
    form = ApplicationForm(request.POST or None, project=project, instance=application)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.update_application(form.instance, acting_user=request.user, seen_version=form.seen_version)
            except ConcurrentEditError:
                _concurrent(request)
                return _render_form(request, form, project, application, status=409)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The application was saved."))
                return redirect("programs:application", application.pk)
        messages.error(request, _("The application was not saved. Please correct the errors below."))
        return _render_form(request, form, project, application, status=400)
    return _render_form(request, form, project, application)


# -- detail and status steps -------------------------------------------------------------------


def _detail(request, application: Application, *, transition_form=None, document_form=None, status=200):
    may_edit = not application.is_deleted and actions.may_edit_application(request.user, application)
    steps = []
    if may_edit:
        for target in application.allowed_transitions():
            if transition_form is not None and transition_form.target == target:
                steps.append(transition_form)
            else:
                steps.append(TransitionForm(application=application, target=target))
    documents = list(application.documents.all())
    return TemplateResponse(
        request,
        "programs/application_detail.html",
        {
            "application": application,
            "project": application.project,
            "steps": steps,
            "documents": documents,
            "document_form": document_form or (DocumentForm() if may_edit else None),
            "may_edit": may_edit,
            "may_restore": application.is_deleted and actions.may_restore_application(request.user),
            "history": actions.application_history(application),
        },
        status=status,
    )


@login_required
@require_GET
def application_detail(request, pk: int):
    application = actions.get_application_for_user(request.user, pk, include_deleted=True)
    return _detail(request, application)


@login_required
@require_POST
def application_transition(request, pk: int):
    application = actions.get_editable_application_for_user(request.user, pk)
    form = TransitionForm(request.POST, application=application)
    if not form.is_valid():
        messages.error(request, _("The status was not changed. Please correct the errors below."))
        return _detail(request, application, transition_form=form, status=400)
    previous = application.get_status_display()
    try:
        actions.transition_application(
            application,
            form.cleaned_data["status"],
            acting_user=request.user,
            seen_version=form.cleaned_data["version"],
            on=form.cleaned_data.get("on"),
            amount_granted_jpy=form.cleaned_data.get("amount_granted_jpy"),
        )
    except ConcurrentEditError:
        _concurrent(request)
        return _detail(request, actions.get_application_for_user(request.user, pk), status=409)
    except actions.TransitionRefused as error:
        for message in error.messages:
            messages.error(request, message)
        return _detail(request, actions.get_application_for_user(request.user, pk), status=400)
    except ValidationError as error:
        fresh = actions.get_application_for_user(request.user, pk)
        form = TransitionForm(request.POST, application=fresh)
        form.is_valid()
        _add_errors(form, error)
        messages.error(request, _("The status was not changed. Please correct the errors below."))
        return _detail(request, fresh, transition_form=form, status=400)
    messages.success(
        request,
        _("Status changed from “%(old)s” to “%(new)s”.") % {"old": previous, "new": application.get_status_display()},
    )
    return redirect("programs:application", application.pk)


# -- documents ---------------------------------------------------------------------------------


@login_required
@require_POST
def document_add(request, pk: int):
    application = actions.get_editable_application_for_user(request.user, pk)
    form = DocumentForm(request.POST, instance=ApplicationDocument(application=application))
    if form.is_valid():
        try:
            actions.add_document(application, form.instance, acting_user=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The document was recorded."))
            return redirect("programs:application", application.pk)
    messages.error(request, _("The document was not saved. Please correct the errors below."))
    return _detail(request, application, document_form=form, status=400)


@login_required
@require_POST
def document_delete(request, pk: int, document_pk: int):
    application = actions.get_editable_application_for_user(request.user, pk)
    document = get_object_or_404(ApplicationDocument, pk=document_pk, application=application)
    actions.delete_document(document, acting_user=request.user)
    messages.success(request, _("The document “%(title)s” was removed.") % {"title": document.title})
    return redirect("programs:application", application.pk)


# -- delete / restore --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def application_delete(request, pk: int):
    application = actions.get_editable_application_for_user(request.user, pk)
    if request.method == "POST":
        try:
            actions.delete_application(application, acting_user=request.user)
        except ConcurrentEditError:
            _concurrent(request)
            return redirect("programs:application", application.pk)
        messages.success(
            request, _("The application was deleted. The International Policy Division can restore it.")
        )
        return redirect(application.project)
    return render(request, "programs/application_confirm_delete.html", {"application": application})


@login_required
@require_POST
def application_restore(request, pk: int):
    if not actions.may_restore_application(request.user):
        raise PermissionDenied
    try:
        application = Application.all_objects.select_related("project").get(pk=pk, deleted_at__isnull=False)
    except Application.DoesNotExist:
        raise Http404(_("No such deleted application.")) from None
    try:
        actions.restore_application(application, acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("programs:application", application.pk)
    messages.success(request, _("The application was restored."))
    return redirect("programs:application", application.pk)


# -- statistics --------------------------------------------------------------------------------


@login_required
@require_GET
def application_stats(request):
    providers = list(statistics.providers_with_applications())
    known = {p.pk for p in providers}
    provider_ids = [int(v) for v in request.GET.getlist("provider") if v.isdigit() and int(v) in known]
    first_year = _year(request.GET.get("from"))
    last_year = _year(request.GET.get("to"))
    if first_year and last_year and first_year > last_year:
        first_year, last_year = last_year, first_year
    stats = statistics.application_statistics(
        provider_ids=provider_ids or None, first_year=first_year, last_year=last_year
    )
    current = FiscalYear.current().year
    return render(
        request,
        "programs/stats.html",
        {
            "stats": stats,
            "providers": providers,
            "selected_providers": provider_ids,
            "first_year": first_year,
            "last_year": last_year,
            "year_choices": fiscal_year_choices(1990, current + 2),
        },
    )


def _year(value) -> int | None:
    if not value:
        return None
    try:
        return int(value) if 1990 <= int(value) <= 2199 else None
    except ValueError:
        return None
