"""The weekly digest: sent by the background task through a real SMTP server, with a working unsubscribe link."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tsunagu.programs.deadlines import digest
from tsunagu.programs.models import Program, Subscription

from .smtp import start_server


@pytest.fixture
def smtp(settings):
    controller, inbox = start_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "tsunagu@city.example.jp"
    settings.SITE_URL = "https://tsunagu.city.example.jp"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    yield inbox
    controller.stop()


def body_lines(message) -> list[str]:
    return [line.strip() for line in message.get_body(preferencelist=("plain",)).get_content().splitlines()]


def test_the_digest_reaches_the_smtp_server_and_unsubscribing_stops_it(
    smtp, env_subscription, env_program, water_program, env_application_due, today
):
    call_command("send_digests")
    assert len(smtp.envelopes) == 1
    envelope, message = smtp.envelopes[0], smtp.messages[0]
    assert envelope.rcpt_tos == ["kankyo@city.example.jp"]
    assert envelope.mail_from == "tsunagu@city.example.jp"
    subject = str(message["Subject"]).strip()
    assert subject.startswith("【つなぐ】支援メニュー週報")
    assert "環境局" in subject and "締切間近 1件" in subject
    lines = body_lines(message)
    closes = (today + datetime.timedelta(days=10)).isoformat()
    assert any(line.startswith(f"・{closes} 締切：環境協力モデル事業（自治体国際化協会") for line in lines)
    assert any(line.startswith(f"・{env_application_due.due_on.isoformat()} 申請期限：環境協力モデル事業") for line in lines)
    assert not any("水道技術協力事業" in line for line in lines)  # not followed: another field
    assert message.get_body(preferencelist=("html",)) is not None
    unsubscribe = next(line for line in lines if line.startswith("配信停止"))
    url = re.search(r"https://tsunagu\.city\.example\.jp(/\S+)", unsubscribe).group(1)
    assert str(message["List-Unsubscribe"]).strip() == f"<https://tsunagu.city.example.jp{url}>"
    assert str(message["List-Unsubscribe-Post"]).strip() == "List-Unsubscribe=One-Click"

    # The link works without logging in: a page with one button, and the one-click POST of mail clients.
    anonymous = Client()
    assert anonymous.get(url).status_code == 200
    response = anonymous.post(url)
    assert response.status_code == 200
    env_subscription.refresh_from_db()
    assert env_subscription.digest_enabled is False

    call_command("send_digests", "--force")
    assert len(smtp.envelopes) == 1  # nothing more


def test_a_second_run_in_the_same_week_sends_nothing_more(smtp, env_subscription, env_program):
    call_command("send_digests")
    call_command("send_digests")
    assert len(smtp.envelopes) == 1


def test_new_programmes_since_the_last_digest_are_listed(smtp, env_subscription, env_program, clair, environment):
    Subscription.objects.filter(pk=env_subscription.pk).update(
        last_digest_sent_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    fresh = Program.objects.create(code="clair-new", provider=clair, name_ja="新しい環境事業")
    fresh.fields.set([environment])
    call_command("send_digests")
    lines = body_lines(smtp.messages[0])
    assert any(line.startswith("・新しい環境事業（自治体国際化協会）") for line in lines)


def test_a_department_digest_without_address_goes_to_its_members(smtp, env_subscription, env_editor, env_program):
    env_editor.email = "env.editor@city.example.jp"
    env_editor.save()
    Subscription.objects.filter(pk=env_subscription.pk).update(email="")
    call_command("send_digests")
    assert smtp.envelopes[0].rcpt_tos == ["env.editor@city.example.jp"]


def test_nothing_to_tell_sends_nothing(smtp, db, env_bureau, today):
    Subscription.objects.create(department=env_bureau, email="kankyo@city.example.jp")
    assert digest.send_digest(Subscription.objects.get().pk) == "empty"
    assert smtp.envelopes == []


def test_a_forged_unsubscribe_token_is_404(db, env_subscription):
    url = reverse("programs:digest_unsubscribe", args=["eyJzIjoxfQ:forged:signature"])
    assert Client().post(url).status_code == 404
    env_subscription.refresh_from_db()
    assert env_subscription.digest_enabled is True


def test_the_command_only_enqueues_a_worker_does_the_sending(settings, env_subscription, env_program, mailoutbox):
    """With a queueing backend nothing is sent by the command itself; the task's arguments are JSON for the database."""
    from django_tasks import default_task_backend

    from tsunagu.programs.deadlines.tasks import enqueue_digests, send_digest_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    results = enqueue_digests(today=datetime.date(2026, 4, 6))
    assert [r.status for r in results] == ["READY"]
    assert results[0].args == [env_subscription.pk, "2026-04-06", False]
    assert mailoutbox == []
    assert send_digest_task.call(*results[0].args) == "sent"  # what the worker runs
    assert len(mailoutbox) == 1
    default_task_backend.clear()
