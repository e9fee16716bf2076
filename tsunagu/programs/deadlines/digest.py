"""The weekly digest e-mail of a subscription.

What it tells (for the programmes the subscription follows):

- new programmes: added to the catalogue since the last digest (the
  creation records of the catalogue's history), or in the last 7 days for a
  first digest;
- windows opening in the next 14 days;
- windows closing in the next 14 days (today included);
- applications of the subscription's departments due in the next 14 days
  (application and report deadlines).

A digest with nothing to tell is not sent. Recipients: the subscription's
own address; else, for a user, the user's address; for a department, every
active member of the department who has one. The e-mail is in Japanese
(plain text and HTML), with a one-click unsubscribe link (a signed token,
no login) in the body and in the ``List-Unsubscribe`` headers (RFC 8058).

``send_digest`` is what the background task runs; it records the time of
sending, and skips a subscription that already had its digest in the last
6 days unless ``force`` is given (so a repeated run does not mail twice).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tsunagu.core.env import env_str

from ..models import Program, Subscription
from .matching import (
    CLOSING_SOON_DAYS,
    ApplicationDeadline,
    Criteria,
    WindowDates,
    application_deadlines,
    closing_between,
    describe,
    matching_programs,
    opening_between,
    subscription_department_ids,
    windows_for,
)
from .subscriptions import unsubscribe_token

FIRST_DIGEST_DAYS = 7
MIN_DAYS_BETWEEN_DIGESTS = 6


def site_url() -> str:
    """The address of tsunagu for links in e-mails (``SITE_URL`` setting or ``TSUNAGU_SITE_URL``)."""
    url = getattr(settings, "SITE_URL", "") or env_str("TSUNAGU_SITE_URL", "http://127.0.0.1:8000")
    return url.rstrip("/")


@dataclass
class Digest:
    subscription: Subscription
    today: datetime.date
    since: datetime.datetime
    recipients: list[str]
    new_programs: list[Program] = field(default_factory=list)
    opening: list[WindowDates] = field(default_factory=list)
    closing: list[WindowDates] = field(default_factory=list)
    applications_due: list[ApplicationDeadline] = field(default_factory=list)
    following: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.new_programs or self.opening or self.closing or self.applications_due)


def recipients(subscription: Subscription) -> list[str]:
    if subscription.email:
        return [subscription.email]
    if subscription.user_id:
        user = subscription.user
        return [user.email] if user.is_active and user.email else []
    members = subscription.department.members.filter(is_active=True).exclude(email="").order_by("email")
    return list(dict.fromkeys(members.values_list("email", flat=True)))


def build_digest(subscription: Subscription, *, today: datetime.date | None = None) -> Digest:
    today = today or timezone.localdate()
    since = subscription.last_digest_sent_at or (timezone.now() - datetime.timedelta(days=FIRST_DIGEST_DAYS))
    criteria = Criteria.of(subscription)
    horizon = today + datetime.timedelta(days=CLOSING_SOON_DAYS)
    dates = windows_for(criteria, today, horizon)
    created = set(
        Program.history.filter(history_type="+", history_date__gt=since).values_list("id", flat=True)
    )
    new_programs = [p for p in matching_programs(criteria).filter(pk__in=created)] if created else []
    return Digest(
        subscription=subscription,
        today=today,
        since=since,
        recipients=recipients(subscription),
        new_programs=new_programs,
        opening=[d for d in opening_between(dates, today + datetime.timedelta(days=1), horizon)],
        closing=closing_between(dates, today, horizon),
        applications_due=application_deadlines(subscription_department_ids(subscription), today, horizon),
        following=describe(subscription),
    )


def render_digest(digest: Digest, *, base_url: str | None = None) -> EmailMultiAlternatives:
    base_url = base_url or site_url()
    subscription = digest.subscription
    unsubscribe_url = base_url + reverse("programs:digest_unsubscribe", args=[unsubscribe_token(subscription)])
    with translation.override("ja"):
        owner = subscription.department.name_ja if subscription.department_id else str(subscription.user)
        context = {
            "digest": digest,
            "owner": owner,
            "base_url": base_url,
            "unsubscribe_url": unsubscribe_url,
            "subscriptions_url": base_url + reverse("programs:subscriptions"),
            "days": CLOSING_SOON_DAYS,
        }
        subject = _("[tsunagu] Programme digest for %(owner)s (%(date)s): %(closing)s closing soon, %(new)s new") % {
            "owner": owner,
            "date": digest.today.isoformat(),
            "closing": len(digest.closing),
            "new": len(digest.new_programs),
        }
        text = render_to_string("programs/deadlines/subscription_digest_email.txt", context)
        html = render_to_string("programs/deadlines/subscription_digest_email.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=digest.recipients,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_digest(subscription_id: int, *, today: datetime.date | None = None, force: bool = False) -> str:
    """Build and send one subscription's digest. Returns what happened: sent, empty, skipped…"""
    subscription = (
        Subscription.objects.select_related("department", "user")
        .prefetch_related("fields", "providers", "activity_types")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return "missing"
    if not subscription.digest_enabled:
        return "unsubscribed"
    now = timezone.now()
    if (
        not force
        and subscription.last_digest_sent_at
        and now - subscription.last_digest_sent_at < datetime.timedelta(days=MIN_DAYS_BETWEEN_DIGESTS)
    ):
        return "recent"
    digest = build_digest(subscription, today=today)
    if not digest.recipients:
        return "no-recipient"
    if digest.is_empty:
        return "empty"
    render_digest(digest).send()
    Subscription.objects.filter(pk=subscription.pk).update(last_digest_sent_at=now)
    return "sent"
