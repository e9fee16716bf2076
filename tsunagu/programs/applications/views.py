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

from ..models import Application, ApplicationDocument
from . import actions
from . import stats as statistics
from .forms import ApplicationForm, DocumentForm, JumpChoiceForm, StepForm

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
        "programs/applications/application_form.html",
        {"form": form, "project": project, "application": application},
        status=status,
    )


def _refreshing(request) -> bool:
    """The form was sent with "show the windows of this programme" (without JavaScript): show it again."""
    return request.method == "POST" and "refresh_windows" in request.POST


def _refreshed_initial(request) -> dict:
    return {key: value for key, value in request.POST.items() if key not in ("csrfmiddlewaretoken", "refresh_windows")}


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request, project_pk: int):
    project = get_editable_project_for_user(request.user, project_pk)
    initial = {}
    if request.GET.get("program"):
        initial["program"] = request.GET["program"]
    if _refreshing(request):
        form = ApplicationForm(project=project, instance=Application(project=project), initial=_refreshed_initial(request))
        return _render_form(request, form, project)
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
    if _refreshing(request):
        form = ApplicationForm(project=project, instance=application, initial=_refreshed_initial(request))
        return _render_form(request, form, project, application)
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


@login_required
@require_GET
def application_window_field(request, project_pk: int):
    """The window field for the programme chosen (htmx reloads it when the programme changes)."""
    project = get_editable_project_for_user(request.user, project_pk)
    application = Application(project=project)
    if request.GET.get("application", "").isdigit():
        application = actions.get_editable_application_for_user(request.user, int(request.GET["application"]))
    initial = {"program": request.GET.get("program"), "window": request.GET.get("window")}
    form = ApplicationForm(project=project, instance=application, initial=initial)
    return render(request, "programs/applications/_window_field.html", {"field": form["window"]})


# -- detail and status steps -------------------------------------------------------------------


def _detail(request, application: Application, *, step_form=None, document_form=None, status=200):
    may_edit = not application.is_deleted and actions.may_edit_application(request.user, application)
    steps = []
    jump_form = None
    if may_edit:
        for target in application.allowed_transitions():
            if step_form is not None and step_form.target == target:
                steps.append(step_form)
            else:
                steps.append(StepForm(application=application, target=target))
        if application.jump_targets():
            jump_form = JumpChoiceForm(application=application)
    last = actions.last_step(application) if not application.is_deleted else None
    documents = list(application.documents.all())
    return TemplateResponse(
        request,
        "programs/applications/application_detail.html",
        {
            "application": application,
            "project": application.project,
            "steps": steps,
            "jump_form": jump_form,
            "last_step": last,
            "may_undo": last is not None and actions.may_undo(request.user),
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


def _jump_page(request, application: Application, form: StepForm, status=200):
    return TemplateResponse(
        request, "programs/applications/application_jump.html",
        {"application": application, "project": application.project, "form": form, "plan": form.plan},
        status=status,
    )


def _take_step(request, application: Application, form: StepForm, *, jump: bool):
    """Validate and take the step of ``form``; the response (redirect, or the page again with the errors)."""
    pk = application.pk

    def again(form, status):
        if jump:
            return _jump_page(request, form.application, form, status=status)
        return _detail(request, form.application, step_form=form, status=status)

    if not form.is_valid():
        messages.error(request, _("The status was not changed. Please correct the errors below."))
        return again(form, 400)
    previous = application.get_status_display()
    try:
        actions.transition_application(
            application,
            form.cleaned_data["status"],
            acting_user=request.user,
            seen_version=form.cleaned_data["version"],
            dates=form.dates,
            amount_granted_jpy=form.cleaned_data.get("amount_granted_jpy"),
            skip_confirmed=jump and form.cleaned_data.get("confirm", False),
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
        form = StepForm(request.POST, application=fresh)
        form.is_valid()
        _add_errors(form, error)
        messages.error(request, _("The status was not changed. Please correct the errors below."))
        return again(form, 400)
    messages.success(
        request,
        _("Status changed from “%(old)s” to “%(new)s”.") % {"old": previous, "new": application.get_status_display()},
    )
    return redirect("programs:application", application.pk)


@login_required
@require_POST
def application_transition(request, pk: int):
    """The next step (a jump is refused here: it goes through its confirmation page)."""
    application = actions.get_editable_application_for_user(request.user, pk)
    if request.POST.get("status") in application.jump_targets():
        plan = actions.plan_step(application, request.POST["status"])
        messages.error(
            request,
            _("Moving from “%(current)s” to “%(new)s” skips %(skipped)s: confirm it on the page that names "
              "the skipped steps.")
            % {"current": application.get_status_display(), "new": actions.status_label(plan.target),
               "skipped": "、".join(plan.skipped_labels())},
        )
        return _detail(request, application, status=400)
    return _take_step(request, application, StepForm(request.POST, application=application), jump=False)


@login_required
@require_http_methods(["GET", "POST"])
def application_jump(request, pk: int):
    """Skip steps: the page names the skipped steps, asks for their dates and for a confirmation."""
    application = actions.get_editable_application_for_user(request.user, pk)
    target = request.POST.get("status") if request.method == "POST" else request.GET.get("status")
    if target not in application.jump_targets():
        if target in application.allowed_transitions():
            return redirect("programs:application", application.pk)  # the next step is on the page itself
        messages.error(
            request,
            _("An application that is “%(current)s” cannot skip to “%(new)s”.")
            % {"current": application.get_status_display(), "new": actions.status_label(target or "")},
        )
        return redirect("programs:application", application.pk)
    if request.method == "GET":
        return _jump_page(request, application, StepForm(application=application, target=target))
    return _take_step(request, application, StepForm(request.POST, application=application), jump=True)


@login_required
@require_POST
def application_undo(request, pk: int):
    """A coordinator undoes the last step (recorded in the history as an undo)."""
    application = actions.get_application_for_user(request.user, pk)
    if not actions.may_undo(request.user):
        raise PermissionDenied
    version = request.POST.get("version", "")
    try:
        step = actions.undo_last_step(
            application, acting_user=request.user, seen_version=int(version) if version.isdigit() else None
        )
    except ConcurrentEditError:
        _concurrent(request)
        return redirect("programs:application", application.pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("programs:application", application.pk)
    messages.success(
        request,
        _("The step to “%(new)s” was undone: the application is “%(old)s” again.")
        % {"new": actions.status_label(step.new_status), "old": actions.status_label(step.old_status)},
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
    return render(request, "programs/applications/application_confirm_delete.html", {"application": application})


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
        "programs/applications/stats.html",
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
