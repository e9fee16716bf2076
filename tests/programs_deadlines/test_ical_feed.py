"""The iCalendar feed of a subscription: RFC 5545 that parses back, the expected events, a secret URL."""

import datetime

from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from tsunagu.programs.deadlines import subscriptions as actions
from tsunagu.programs.models import Subscription


def fetch(subscription) -> Calendar:
    response = Client().get(reverse("programs:subscription_feed", args=[subscription.feed_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_parses_back_with_the_windows_and_the_departments_deadlines(
    env_subscription, env_program, water_program, env_application_due, water_application_due, today
):
    calendar = fetch(env_subscription)
    assert str(calendar["VERSION"]) == "2.0"
    assert "tsunagu" in str(calendar["PRODID"])
    found = events(calendar)
    dated = env_program.windows.get(kind="dated")
    closes = today + datetime.timedelta(days=10)
    close_uid = f"window-{dated.pk}-{closes.isoformat()}-close@testserver"
    assert close_uid in found
    event = found[close_uid]
    assert event.decoded("DTSTART") == closes
    assert event.decoded("DTEND") == closes + datetime.timedelta(days=1)
    assert "VALUE=DATE" in event.to_ical().decode() or event["DTSTART"].params.get("VALUE") == "DATE"
    assert str(event["SUMMARY"]).startswith("締切：環境協力モデル事業")
    stamp = event.decoded("DTSTAMP")
    assert isinstance(stamp, datetime.datetime) and stamp.utcoffset() == datetime.timedelta(0)
    # The opening of the dated window (20 days ago) is within the month of the past the feed keeps.
    assert f"window-{dated.pk}-{(today - datetime.timedelta(days=20)).isoformat()}-open@testserver" in found
    # The yearly window (June–July) appears for each year of the next ~18 months.
    recurring = env_program.windows.get(kind="recurring")
    yearly = sorted(uid for uid in found if uid.startswith(f"window-{recurring.pk}-") and uid.endswith("-close@testserver"))
    assert len(yearly) >= 1
    assert all("-07-31-" in uid for uid in yearly)
    # The department's own application deadline, not the water bureau's, nor the water programme.
    assert f"application-{env_application_due.pk}-due@testserver" in found
    assert str(found[f"application-{env_application_due.pk}-due@testserver"]["SUMMARY"]).startswith("申請期限：")
    assert f"application-{water_application_due.pk}-due@testserver" not in found
    assert not any(str(e["SUMMARY"]).find("水道技術協力事業") >= 0 for e in found.values())


def test_uids_are_stable_between_downloads(env_subscription, env_program, env_application_due):
    assert set(events(fetch(env_subscription))) == set(events(fetch(env_subscription)))


def test_an_empty_subscription_follows_every_programme(db, env_editor, env_program, water_program):
    subscription = Subscription.objects.create(user=env_editor)
    summaries = [str(e["SUMMARY"]) for e in fetch(subscription).walk("VEVENT")]
    assert any("水道技術協力事業" in s for s in summaries)
    assert any("環境協力モデル事業" in s for s in summaries)


def test_a_provider_subscription_follows_only_that_provider(db, env_editor, env_program, water_program, jica):
    subscription = Subscription.objects.create(user=env_editor)
    subscription.providers.set([jica])
    summaries = [str(e["SUMMARY"]) for e in fetch(subscription).walk("VEVENT")]
    assert summaries and all("国際協力機構" in s for s in summaries)


def test_a_wrong_token_is_404(db, env_subscription):
    assert Client().get(reverse("programs:subscription_feed", args=["not-the-token"])).status_code == 404
    assert Client().get(reverse("programs:subscription_feed", args=[env_subscription.feed_token[:-1]])).status_code == 404


def test_a_regenerated_token_replaces_the_old_address(env_subscription, env_editor):
    old = env_subscription.feed_token
    new = actions.regenerate_feed_token(env_subscription, acting_user=env_editor)
    assert new != old and len(new) >= 40
    assert Client().get(reverse("programs:subscription_feed", args=[old])).status_code == 404
    assert Client().get(reverse("programs:subscription_feed", args=[new])).status_code == 200
