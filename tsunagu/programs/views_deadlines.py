"""Subscription pages, the iCalendar feed (secret URL, no login) and the digest's unsubscribe link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tsunagu.org.models import Department

from .deadlines import ical
from .deadlines import subscriptions as actions
from .deadlines.forms import SubscriptionForm
from .deadlines.matching import describe
from .models import Subscription


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
        "programs/subscription_list.html",
        {
            "own": own,
            "department_rows": [r for r in rows if r["subscription"].department_id],
            "personal_rows": [r for r in rows if r["subscription"].user_id and r is not own],
            "addable_departments": addable,
        },
    )


def _render_form(request, form, subscription, status=200):
    return TemplateResponse(
        request,
        "programs/subscription_form.html",
        {
            "form": form,
            "subscription": subscription,
            "feed_url": _feed_url(request, subscription) if subscription.pk else "",
        },
        status=status,
    )


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
    return render(request, "programs/subscription_confirm_delete.html", {"subscription": subscription})


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
        return render(request, "programs/subscription_unsubscribed.html", {"subscription": subscription})
    return render(request, "programs/subscription_unsubscribe.html", {"subscription": subscription, "token": token})
