"""The plan form page: type a plan (or open a project's), see the ranked programmes and the refused ones.

Read only (nothing is saved), so every signed-in user may use it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tsunagu.portfolio.queries import get_project_for_user

from .engine import match
from .forms import PlanForm, form_data
from .plan import plan_from_project


@login_required
@require_GET
def match_plan(request):
    project = None
    if request.GET.get("project"):
        project = get_project_for_user(request.user, request.GET["project"])
        form = PlanForm(form_data(plan_from_project(project)))
    elif "start_date" in request.GET:
        form = PlanForm(request.GET)
    else:
        form = PlanForm()
    result = match(form.plan()) if form.is_bound and form.is_valid() else None
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "programs/match_form.html",
        {"form": form, "result": result, "project": project},
        status=status,
    )
