"""Subscription pages, the iCalendar feed (secret URL, no login) and the digest's unsubscribe link."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagu.org.models import Department

from ..models import Subscription
from . import ical
from . import subscriptions as actions
from .forms import SubscriptionForm
from .matching import Criteria, describe, matching_programs, windows_for

PREVIEW_PROGRAMS = 10  # programmes listed in the preview (the count says how many match)
PREVIEW_WINDOWS = 8  # next window dates listed
PREVIEW_DAYS = 365


def _feed_url(request, subscription: Subscription) -> str:
    return request.build_absolute_uri(reverse("programs:subscription_feed", args=[subscription.feed_token]))


@login_required
@require_GET
def subscription_list(request):
    user = request.user
    visible = actions.visible_subscriptions(user)
    rows = [
        {
            "subscription": subscription,
            "following": describe(subscription),
            "may_manage": actions.may_manage_subscription(user, subscription),
        }
        for subscription in visible
    ]
    own = next((r for r in rows if r["subscription"].user_id == user.pk), None)
    subscribed_departments = set(
        Subscription.objects.filter(department__isnull=False).values_list("department_id", flat=True)
    )
    addable = [d for d in actions.manageable_departments(user) if d.pk not in subscribed_departments]
    return render(
        request,
        "programs/deadlines/subscription_list.html",
        {
            "own": own,
            "department_rows": [r for r in rows if r["subscription"].department_id],
            "personal_rows": [r for r in rows if r["subscription"].user_id and r is not own],
            "addable_departments": addable,
        },
    )


def _criteria_of(form: SubscriptionForm) -> Criteria:
    """The criteria a form shows: what was typed (a bound form), else what is saved, else everything."""
    if not form.is_bound:
        return Criteria.of(form.instance) if form.instance.pk else Criteria()
    ids = {}
    for name in ("fields", "providers", "activity_types"):
        try:
            ids[name] = frozenset(item.pk for item in form.fields[name].clean(form.data.getlist(name)))
        except ValidationError:
            ids[name] = frozenset()  # the form shows the error; the preview ignores the bad value
    return Criteria(field_ids=ids["fields"], provider_ids=ids["providers"], activity_type_ids=ids["activity_types"])


def _preview(criteria: Criteria) -> dict:
    """What a subscription with these criteria follows now: programmes, and their next window dates."""
    today = timezone.localdate()
    programs = list(matching_programs(criteria))
    windows = [w for w in windows_for(criteria, today, today + datetime.timedelta(days=PREVIEW_DAYS)) if w.closes]
    return {
        "everything": criteria.is_everything,
        "program_count": len(programs),
        "programs": programs[:PREVIEW_PROGRAMS],
        "more_programs": max(0, len(programs) - PREVIEW_PROGRAMS),
        "windows": windows[:PREVIEW_WINDOWS],
        "days": PREVIEW_DAYS,
    }


def _render_form(request, form, subscription, status=200):
    return TemplateResponse(
        request,
        "programs/deadlines/subscription_form.html",
        {
            "form": form,
            "subscription": subscription,
            "feed_url": _feed_url(request, subscription) if subscription.pk else "",
            "preview": _preview(_criteria_of(form)),
        },
        status=status,
    )


@login_required
@require_GET
def subscription_preview(request):
    """The preview of the subscription form for the ticked boxes (htmx asks for it on every change)."""
    form = SubscriptionForm(request.GET)
    return render(request, "programs/deadlines/_subscription_preview.html", {"preview": _preview(_criteria_of(form))})


def _save(request, form, subscription):
    if form.is_valid():
        actions.save_subscription(form.instance, acting_user=request.user, m2m=form.m2m())
        messages.success(request, _("The subscription was saved."))
        return redirect("programs:subscription_edit", form.instance.pk)
    messages.error(request, _("The subscription was not saved. Please correct the errors below."))
    return _render_form(request, form, subscription, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def subscription_create(request):
    """Create the user's own subscription, or (``?department=``) a department's."""
    department_pk = request.GET.get("department") or request.POST.get("department")
    if department_pk:
        try:
            department = Department.objects.get(pk=int(department_pk))
        except (Department.DoesNotExist, ValueError):
            raise Http404(_("No such department.")) from None
        if not actions.may_manage_department_subscription(request.user, department):
            raise PermissionDenied
        existing = Subscription.objects.filter(department=department).first()
        subscription = Subscription(department=department)
    else:
        existing = Subscription.objects.filter(user=request.user).first()
        subscription = Subscription(user=request.user)
    if existing is not None:
        return redirect("programs:subscription_edit", existing.pk)
    form = SubscriptionForm(request.POST or None, instance=subscription)
    if request.method == "POST":
        return _save(request, form, subscription)
    return _render_form(request, form, subscription)


@login_required
@require_http_methods(["GET", "POST"])
def subscription_edit(request, pk: int):
    subscription = actions.get_subscription_for_user(request.user, pk)
    form = SubscriptionForm(request.POST or None, instance=subscription)
    if request.method == "POST":
        return _save(request, form, subscription)
    return _render_form(request, form, subscription)


@login_required
@require_POST
def subscription_regenerate(request, pk: int):
    subscription = actions.get_subscription_for_user(request.user, pk)
    actions.regenerate_feed_token(subscription, acting_user=request.user)
    messages.success(request, _("A new calendar address was made. The old one no longer works: update your calendar."))
    return redirect("programs:subscription_edit", subscription.pk)


@login_required
@require_http_methods(["GET", "POST"])
def subscription_delete(request, pk: int):
    subscription = actions.get_subscription_for_user(request.user, pk)
    if request.method == "POST":
        actions.delete_subscription(subscription, acting_user=request.user)
        messages.success(request, _("The subscription was removed."))
        return redirect("programs:subscriptions")
    return render(request, "programs/deadlines/subscription_confirm_delete.html", {"subscription": subscription})


@never_cache
@require_GET
def subscription_feed(request, token: str):
    """The calendar of the subscription with this secret token; unknown token → 404. No login."""
    subscription = get_object_or_404(
        Subscription.objects.select_related("department", "user").prefetch_related(
            "fields", "providers", "activity_types"
        ),
        feed_token=token,
    )
    body = ical.build_feed(subscription, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tsunagu-deadlines.ics"'
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@csrf_exempt  # the signed token is the proof; mail clients post here (RFC 8058) without a session
@never_cache
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token: str):
    """GET: a page with one button; POST (the button, or a mail client's one-click): unsubscribe."""
    subscription = actions.subscription_from_unsubscribe_token(token)
    if request.method == "POST":
        subscription = actions.unsubscribe_by_token(token)
        return render(request, "programs/deadlines/subscription_unsubscribed.html", {"subscription": subscription})
    return render(request, "programs/deadlines/subscription_unsubscribe.html", {"subscription": subscription, "token": token})
