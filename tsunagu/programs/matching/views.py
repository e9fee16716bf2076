"""The plan form page: type a plan (or open a project's), see the ranked programmes and the refused ones.

Read only (nothing is saved), so every signed-in user may use it. The plan is sent by POST:
its description may be long (20,000 characters), and a plan's text does not belong in
addresses, browser history or server logs. Two GET forms stay, both short: ``?project=<id>``
(the project page's link: the form opened with the project's plan) and a plan's own short
address (``share_url``, offered only while the plan fits in ``SHARE_MAX_LENGTH`` characters).

The best ``FORM_SIZE`` eligible programmes are shown (``all=1``: all of them); every refused
programme is listed with its refusals.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tsunagu.portfolio.queries import get_project_for_user

from .engine import match
from .forms import PlanForm, form_data
from .plan import plan_from_project

# The page shows the best ones; all=1 every eligible programme (a large catalogue has thousands).
FORM_SIZE = 30
# A plan's address is offered only while it is short: browsers and servers refuse long ones.
SHARE_MAX_LENGTH = 1500
_NOT_PLAN = {"csrfmiddlewaretoken", "all", "project"}


def _share_url(request, data) -> str | None:
    query = data.copy()
    for key in _NOT_PLAN:
        query.pop(key, None)
    for key in [key for key, values in query.lists() if not any(values)]:
        query.pop(key)
    url = f"{request.path}?{query.urlencode()}"
    return url if len(request.build_absolute_uri(url)) <= SHARE_MAX_LENGTH else None


@login_required
@require_http_methods(["GET", "POST"])
def match_plan(request):
    project = None
    data = None
    if request.method == "POST":
        data = request.POST
        form = PlanForm(data)
    elif request.GET.get("project"):
        project = get_project_for_user(request.user, request.GET["project"])
        form = PlanForm(form_data(plan_from_project(project)))
    elif "start_date" in request.GET:
        data = request.GET
        form = PlanForm(data)
    else:
        form = PlanForm()
    show_all = (data or request.GET).get("all") == "1"
    result = None
    share_url = None
    if form.is_bound and form.is_valid():
        result = match(form.plan(), limit=None if show_all else FORM_SIZE)
        share_url = _share_url(request, data) if data is not None else request.get_full_path()
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "programs/matching/match_form.html",
        {"form": form, "result": result, "project": project, "form_size": FORM_SIZE, "share_url": share_url},
        status=status,
    )
