"""The plan form page: type a plan (or open a project's), see the ranked programmes and the refused ones.

Read only (nothing is saved), so every signed-in user may use it. The best
``FORM_SIZE`` eligible programmes are shown (``?all=1``: all of them); every
refused programme is listed with its refusals.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tsunagu.portfolio.queries import get_project_for_user

from .engine import match
from .forms import PlanForm, form_data
from .plan import plan_from_project

# The page shows the best ones; ?all=1 every eligible programme (a large catalogue has thousands).
FORM_SIZE = 30


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
    show_all = request.GET.get("all") == "1"
    result = None
    if form.is_bound and form.is_valid():
        result = match(form.plan(), limit=None if show_all else FORM_SIZE)
    status = 400 if form.is_bound and not form.is_valid() else 200
    all_query = request.GET.copy()
    all_query["all"] = "1"
    return render(
        request,
        "programs/match_form.html",
        {"form": form, "result": result, "project": project, "form_size": FORM_SIZE,
         "all_url": f"{request.path}?{all_query.urlencode()}"},
        status=status,
    )
