"""Export of the catalogue (YAML, Excel) for everyone signed in; import with preview for coordinators.

Import in two steps: the upload is checked and previewed (new / changed /
unchanged programmes) and kept in the session; the confirm step checks it
again and writes it only if the catalogue still is as the preview showed.
"""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagu.core.concurrency import ConcurrentEditError

from ..catalogue import queries
from .export import export_excel, export_yaml
from .forms import ImportForm
from .importer import (
    CHANGED,
    NEW,
    UNCHANGED,
    ImportRefused,
    Plan,
    apply_plan,
    plan_from_file,
)
from .schema import PROGRAM_KEYS

SESSION_KEY = "programs_import"

NESTED_LABELS = {
    "terms": gettext_lazy("funding terms"),
    "windows": gettext_lazy("application windows"),
    "links": gettext_lazy("links"),
    "sources": gettext_lazy("sources"),
}


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d")


@login_required
@require_GET
def export_catalogue_yaml(request):
    response = HttpResponse(export_yaml(), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tsunagu-programs-{_stamp()}.yaml"'
    return response


@login_required
@require_GET
def export_catalogue_excel(request):
    response = HttpResponse(
        export_excel(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="tsunagu-programs-{_stamp()}.xlsx"'
    return response


def _labels() -> dict[str, str]:
    labels = {key.name: str(key.label) for key in PROGRAM_KEYS}
    labels.update({name: str(label) for name, label in NESTED_LABELS.items()})
    return labels


def _preview(request, plan: Plan, form: ImportForm, filename: str, status: int = 200):
    labels = _labels()
    changed = [
        {"change": change, "keys": [labels.get(key, key) for key in change.changed_keys]}
        for change in plan.of_kind(CHANGED)
    ]
    return render(
        request,
        "programs/transfer/import.html",
        {
            "form": form,
            "plan": plan,
            "filename": filename,
            "new": plan.of_kind(NEW),
            "changed": changed,
            "unchanged": plan.of_kind(UNCHANGED),
            "has_changes": bool(plan.of_kind(NEW) or changed),
        },
        status=status,
    )


def _require_editor(request) -> None:
    if not queries.may_edit_catalogue(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def import_catalogue(request):
    _require_editor(request)
    if request.method == "GET":
        request.session.pop(SESSION_KEY, None)
        return render(request, "programs/transfer/import.html", {"form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "programs/transfer/import.html", {"form": form}, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read()
    plan = plan_from_file(data, upload.name)
    if not plan.ok:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, _("The file was not imported: correct the errors below and upload it again. Nothing was changed."))
        return _preview(request, plan, ImportForm(), upload.name, status=400)
    request.session[SESSION_KEY] = {
        "data": base64.b64encode(data).decode("ascii"),
        "name": upload.name,
        "fingerprint": plan.fingerprint(),
    }
    return _preview(request, plan, ImportForm(), upload.name)


@login_required
@require_POST
def import_confirm(request):
    _require_editor(request)
    stored = request.session.get(SESSION_KEY)
    if not stored:
        messages.error(request, _("There is no file waiting to be imported: upload it again."))
        return redirect("programs:import")
    data = base64.b64decode(stored["data"])
    plan = plan_from_file(data, stored["name"])
    if plan.ok and plan.fingerprint() == stored["fingerprint"] and request.POST.get("fingerprint") == stored["fingerprint"]:
        try:
            done = apply_plan(plan, acting_user=request.user)
        except (ConcurrentEditError, ImportRefused):
            pass
        else:
            request.session.pop(SESSION_KEY, None)
            messages.success(
                request,
                _("The catalogue was imported: %(new)s new and %(changed)s changed programmes.")
                % {"new": done[NEW], "changed": done[CHANGED]},
            )
            return redirect("programs:list")
    # The catalogue (or the file's meaning) changed since the preview: show the new preview.
    if plan.ok:
        stored["fingerprint"] = plan.fingerprint()
        request.session[SESSION_KEY] = stored
    else:
        request.session.pop(SESSION_KEY, None)
    messages.error(
        request,
        _("The catalogue changed since the preview, so nothing was imported. Check the new preview below and confirm again."),
    )
    return _preview(request, plan, ImportForm(), stored["name"], status=409)
