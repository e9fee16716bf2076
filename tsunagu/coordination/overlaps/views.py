"""The list of every overlap warning and one page per warning, with its review. Thin: reads in queries.py,
writes in actions.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.core.fiscal import FiscalYear
from tsunagu.core.history import history_entries
from tsunagu.org.permissions import require

from . import actions, queries
from .forms import OverlapFilterForm, ReviewForm
from .models import OverlapReview

PAGE_SIZE = 20


@login_required
@require_GET
def warning_list(request):
    data = request.GET.copy()
    # The defaults the list opens with, bound so that the filters show them (and applying them keeps them).
    data.setdefault("status", "open")
    data.setdefault("fiscal_year", str(FiscalYear.current().year))
    form = OverlapFilterForm(data)
    year = form.year()
    valid = form.is_valid()
    warnings, departments = queries.filter_warnings(
        [year],
        department_id=form.cleaned_data["department"].pk if valid and form.cleaned_data.get("department") else None,
        kind=(form.cleaned_data.get("kind") or None) if valid else None,
        status=(form.cleaned_data.get("status") or None) if valid else "open",
    )
    page = Paginator(warnings, PAGE_SIZE).get_page(request.GET.get("page"))
    queries.describe(list(page.object_list), departments)
    return render(
        request,
        "coordination/overlaps/list.html",
        {"form": form, "page": page, "warnings": page.object_list, "fiscal_year": FiscalYear(year)},
    )


@login_required
@require_GET
def warning_detail(request, key: str):
    warning, review, withdrawn = queries.get_warning(key)
    form = None
    if queries.may_review(request.user) and warning is not None:
        form = ReviewForm(initial={"note": review.note if review else "", "version": review.version if review else None})
    return _detail(request, key, warning, review, withdrawn, form)


def _detail(request, key, warning, review, withdrawn, form, status=200):
    history = []
    for record in [r for r in [review] if r] + withdrawn:
        history.extend(history_entries(record))
    history.sort(key=lambda entry: entry.when, reverse=True)
    return render(
        request,
        "coordination/overlaps/detail.html",
        {
            "key": key,
            "warning": warning,
            "review": review,
            "withdrawn": withdrawn,
            "form": form,
            "may_review": queries.may_review(request.user),
            "history": history,
        },
        status=status,
    )


@login_required
@require_POST
def review(request, key: str):
    require(queries.may_review(request.user))
    warning, review_in_force, withdrawn = queries.get_warning(key)
    if warning is None:
        messages.error(request, _("Nothing overlaps here any more: there is nothing to review."))
        return redirect("coordination:overlaps:warning", key)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            actions.review_warning(
                warning, acting_user=request.user, note=form.cleaned_data["note"],
                seen_version=form.cleaned_data.get("version"),
            )
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The warning is marked as reviewed. It comes back if something new overlaps."))
            return redirect("coordination:overlaps:warning", key)
    return _detail(request, key, warning, review_in_force, withdrawn, form, status=400)


@login_required
@require_POST
def withdraw(request, key: str):
    require(queries.may_review(request.user))
    _warning, review_in_force, _withdrawn = queries.get_warning(key)
    if review_in_force is None:
        messages.error(request, _("This warning has no review in force."))
        return redirect("coordination:overlaps:warning", key)
    try:
        actions.withdraw_review(review_in_force, acting_user=request.user, seen_version=_posted_version(request))
    except ConcurrentEditError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The review was withdrawn: the warning shows as not reviewed again."))
    return redirect("coordination:overlaps:warning", key)


@login_required
@require_POST
def restore(request, key: str, pk: int):
    """A withdrawn review back in force (the warning's page lists the withdrawn ones)."""
    require(queries.may_review(request.user))
    withdrawn = get_object_or_404(OverlapReview.all_objects, pk=pk, key=key, deleted_at__isnull=False)
    try:
        actions.restore_review(withdrawn, acting_user=request.user, seen_version=_posted_version(request))
    except ConcurrentEditError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The review is in force again."))
    return redirect("coordination:overlaps:warning", key)


def _posted_version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None
