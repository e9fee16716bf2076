"""E-mail to a recipient department, sent by the background worker (django-tasks, as the digests).

``actions.send_circular`` and the reminders enqueue one ``send_circular_mail_task`` per department
after the transaction commits; the worker (``manage.py db_worker``) sends it. The mail goes to the
active members of the department (and of the sections below it) with an address, and to the
department's subscription address, in Japanese (the city's working language) with English below.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from tsunagu.org.models import Department, User

from .models import Recipient


def addresses(department: Department) -> list[str]:
    ids = Department.subtree_ids({department.pk})
    emails = set(
        User.objects.filter(is_active=True, departments__in=ids).exclude(email="").values_list("email", flat=True)
    )
    from tsunagu.programs.models import Subscription

    emails.update(
        Subscription.objects.filter(department=department).exclude(email="").values_list("email", flat=True)
    )
    return sorted(emails)


def site_url() -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def send_circular_mail(recipient_id: int, reason: str) -> int:
    recipient = Recipient.objects.select_related("circular", "department").filter(pk=recipient_id).first()
    if recipient is None or recipient.circular.is_deleted:
        return 0
    to = addresses(recipient.department)
    if not to:
        return 0
    context = {
        "recipient": recipient,
        "circular": recipient.circular,
        "reminder": reason == "reminder",
        "url": site_url() + recipient.circular.get_absolute_url(),
    }
    with translation.override("ja"):
        subject = render_to_string("coordination/circulars/mail_subject.txt", context).strip()
        body = render_to_string("coordination/circulars/mail_body.txt", context)
    return send_mail(subject, body, None, to)


@task()
def send_circular_mail_task(recipient_id: int, reason: str) -> int:
    return send_circular_mail(recipient_id, reason)
