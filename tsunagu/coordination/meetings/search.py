"""What meetings (kind 23) and decisions (kind 24) put in the search index.

A meeting is found by its title, council and group, and its agenda items' titles and minutes; a
decision by its text and the departments it concerns. Every signed-in member of staff may find
them (as they may read the pages). Saving an agenda item reindexes its meeting.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.search.registry import (
    Document,
    Refresh,
    SearchKind,
    join,
    names,
    reverse_or_blank,
    signed_in_staff,
)

from .models import AgendaItem, Decision, Meeting


class MeetingSearch(SearchKind):
    name = "meeting"
    number = 23  # part of every entry id: never change it
    label = _("Meetings")
    model = Meeting
    refresh = (Refresh(AgendaItem, lambda item: [item.meeting_id], on_delete=True),)

    def queryset(self):
        return Meeting.all_objects.select_related("council", "group").prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.all())
        )

    def live(self, meeting) -> bool:
        return not meeting.is_deleted and not meeting.council.is_deleted

    def document(self, meeting: Meeting, today: datetime.date) -> Document:
        day = timezone.localdate(meeting.starts_at).isoformat()
        group = f"・{meeting.group.name_ja}" if meeting.group_id else ""
        items = list(meeting.agenda_items.all())
        return Document(
            kind=self.name, object_id=meeting.pk, title_ja=meeting.title, title_en=meeting.title,
            detail_ja=f"{meeting.council.name_ja}{group}・{day}",
            detail_en=f"{meeting.council.name_en or meeting.council.name_ja}, {day}",
            title_text=join(meeting.title, meeting.council.name_ja, meeting.council.name_en),
            body_text=join([i.title for i in items], [i.minutes for i in items], [meeting.place, meeting.notes],
                           names([meeting.group] if meeting.group_id else [])),
        )

    def url(self, object_id, slug):
        return reverse_or_blank("coordination:meetings:meeting", object_id)

    def visible(self, user):
        return signed_in_staff(user)


class DecisionSearch(SearchKind):
    name = "decision"
    number = 24  # part of every entry id: never change it
    label = _("Council decisions")
    model = Decision
    many_to_many = ("departments",)

    def queryset(self):
        return Decision.all_objects.select_related("meeting__council").prefetch_related("departments")

    def live(self, decision) -> bool:
        return not decision.is_deleted and not decision.meeting.is_deleted

    def document(self, decision: Decision, today: datetime.date) -> Document:
        meeting = decision.meeting
        day = timezone.localdate(meeting.starts_at).isoformat()
        return Document(
            kind=self.name, object_id=decision.pk, title_ja=decision.text[:80], title_en=decision.text[:80],
            slug=str(meeting.pk),  # the hit's link without a query per hit (a decision stays on its meeting)
            detail_ja=f"{meeting.council.name_ja}・{meeting.title}・{day}",
            detail_en=f"{meeting.council.name_en or meeting.council.name_ja}, {meeting.title}, {day}",
            title_text=decision.text, body_text=join(names(decision.departments.all()), [meeting.title]),
        )

    def url(self, object_id, slug):
        if slug.isdigit():
            meeting_id = int(slug)
        else:  # indexed before the slug held the meeting
            meeting_id = Decision.objects.filter(pk=object_id).values_list("meeting_id", flat=True).first()
            if meeting_id is None:
                return ""
        return f"{reverse_or_blank('coordination:meetings:meeting', meeting_id)}#decision-{object_id}"

    def visible(self, user):
        return signed_in_staff(user)
