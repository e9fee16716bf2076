"""The iCalendar feed of a subscription (RFC 5545, built with the ``icalendar`` package).

One all-day event (``DTSTART;VALUE=DATE`` with the following day as the
exclusive ``DTEND``) for each date worth a reminder, from a month ago to
about 18 months ahead:

- a window of a followed programme opens (募集開始) — when the catalogue
  gives the opening date;
- a window closes (募集締切);
- an application of the subscription's departments is due (申請期限), for
  applications in preparation;
- a report of an adopted application is due (実績報告期限).

UIDs are stable across downloads (the same window period or application
deadline keeps its UID, so calendar apps update instead of duplicating):
``window-<window id>-<opening or closing date>-<open|close>@<host>`` and
``application-<id>-<due|report>@<host>``. ``DTSTAMP`` is the time the feed
was generated, in UTC. Summaries and descriptions are in Japanese whatever
the UI language.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from tsunagu.core.fiscal import FiscalYear

from ..models import Subscription
from .matching import (
    FEED_MONTHS,
    ApplicationDeadline,
    Criteria,
    WindowDates,
    application_deadlines,
    subscription_department_ids,
    windows_for,
)

PAST_DAYS = 31
PRODID = "-//tsunagu//support programme deadlines//JA"


def feed_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today - datetime.timedelta(days=PAST_DAYS), today + datetime.timedelta(days=FEED_MONTHS * 31)


def calendar_name(subscription: Subscription) -> str:
    owner = subscription.department.name_ja if subscription.department_id else str(subscription.user)
    return _("tsunagu: programme deadlines for %(owner)s") % {"owner": owner}


def _all_day(event: Event, day: datetime.date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))


def _window_event(dates: WindowDates, kind: str, day: datetime.date, *, host: str, base_url: str, stamp) -> Event:
    program = dates.program
    year = FiscalYear(dates.fiscal_year).label_ja
    values = {"program": program.name_ja, "provider": program.provider.name_ja, "year": year}
    if kind == "open":
        summary = _("Applications open: %(program)s (%(provider)s, for %(year)s)") % values
    else:
        summary = _("Deadline: %(program)s (%(provider)s, for %(year)s)") % values
    event = Event()
    event.add("uid", f"window-{dates.window.pk}-{day.isoformat()}-{kind}@{host}")
    event.add("dtstamp", stamp)
    _all_day(event, day)
    event.add("summary", summary)
    lines = []
    if dates.opens and dates.closes:
        lines.append(_("Application period: %(opens)s to %(closes)s") % {
            "opens": dates.opens.isoformat(), "closes": dates.closes.isoformat()
        })
    if dates.window.recurring:
        lines.append(_("A yearly window: the dates of this year are derived from the usual months; check the call."))
    if dates.window.uncertain:
        lines.append(_("Unconfirmed: check the dates with the provider."))
    if dates.window.as_written:
        lines.append(dates.window.as_written)
    url = base_url + program.get_absolute_url() if _has_program_page() else ""
    if url:
        lines.append(url)
        event.add("url", url)
    event.add("description", "\n".join(lines))
    event.add("categories", [_("Support programmes")])
    event.add("transp", "TRANSPARENT")
    return event


def _application_event(deadline: ApplicationDeadline, *, host: str, base_url: str, stamp) -> Event:
    application = deadline.application
    values = {"program": application.program.name_ja, "project": application.project.title_ja}
    if deadline.kind == "due":
        summary = _("Application due: %(program)s — %(project)s") % values
    else:
        summary = _("Report due: %(program)s — %(project)s") % values
    event = Event()
    event.add("uid", f"application-{application.pk}-{deadline.kind}@{host}")
    event.add("dtstamp", stamp)
    _all_day(event, deadline.on)
    event.add("summary", summary)
    url = base_url + reverse("programs:application", args=[application.pk])
    event.add("url", url)
    event.add("description", "\n".join([
        _("Department: %(department)s") % {"department": application.project.lead_department.name_ja},
        _("Status: %(status)s") % {"status": application.get_status_display()},
        url,
    ]))
    event.add("categories", [_("Applications")])
    event.add("transp", "TRANSPARENT")
    return event


def _has_program_page() -> bool:
    """The catalogue's programme page, when the catalogue UI is installed."""
    from django.urls import NoReverseMatch

    try:
        reverse("programs:detail", args=["x"])
    except NoReverseMatch:
        return False
    return True


def build_feed(subscription: Subscription, *, base_url: str, today: datetime.date | None = None) -> bytes:
    """The subscription's calendar as bytes (text/calendar; charset=utf-8)."""
    today = today or timezone.localdate()
    start, end = feed_period(today)
    host = base_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "tsunagu"
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    with translation.override("ja"):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", calendar_name(subscription))
        calendar.add("x-wr-timezone", "Asia/Tokyo")
        calendar.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT12H")  # the same for Outlook
        for dates in windows_for(Criteria.of(subscription), start, end):
            for kind, day in (("open", dates.opens), ("close", dates.closes)):
                if day and start <= day <= end:
                    calendar.add_component(
                        _window_event(dates, kind, day, host=host, base_url=base_url, stamp=stamp)
                    )
        for deadline in application_deadlines(subscription_department_ids(subscription), start, end):
            calendar.add_component(_application_event(deadline, host=host, base_url=base_url, stamp=stamp))
    return calendar.to_ical()
