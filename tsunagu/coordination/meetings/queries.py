"""Read paths of councils and meetings, and who may do what with them.

- reading: every signed-in member of staff (councils are the city's own business, no personal data);
- changing councils, meetings, agendas, minutes, decisions, action items: coordinators;
- marking an action item done (or open again): coordinators, the assigned person, and editors
  of the assigned department (or a department above it).

Views fetch records through the ``get_*_for_user`` helpers: missing or deleted → 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tsunagu.org.models import Department
from tsunagu.org.permissions import can_coordinate

from .models import (
    ActionItem,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    Decision,
    Meeting,
    Membership,
)


def may_read(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def may_manage(user) -> bool:
    """Councils, meetings, agendas, minutes, decisions and action items are the coordinator's."""
    return can_coordinate(user)


def may_mark_action(user, item: ActionItem) -> bool:
    if not may_read(user):
        return False
    if may_manage(user):
        return True
    if item.assignee_user_id and item.assignee_user_id == user.pk:
        return True
    return bool(item.assignee_department_id) and item.assignee_department_id in user.editable_department_ids


def get_council_for_user(user, pk: int, *, include_deleted: bool = False) -> Council:
    manager = Council.all_objects if include_deleted and may_manage(user) else Council.objects
    return get_object_or_404(manager, pk=pk)


def get_meeting_for_user(user, pk: int, *, include_deleted: bool = False) -> Meeting:
    manager = Meeting.all_objects if include_deleted and may_manage(user) else Meeting.objects
    meeting = get_object_or_404(manager.select_related("council", "group", "series"), pk=pk)
    if meeting.council.is_deleted and not include_deleted:
        raise Http404
    return meeting


def council_list() -> list[Council]:
    return list(Council.objects.select_related("secretariat").prefetch_related("groups"))


@dataclass
class CouncilPage:
    council: Council
    groups: list
    current_members: list
    past_members: list
    upcoming: list
    past: list
    series: list


def council_page(council: Council, today: datetime.date | None = None) -> CouncilPage:
    today = today or timezone.localdate()
    members = list(
        Membership.objects.filter(council=council).select_related("user", "department", "group")
    )
    current = [m for m in members if m.is_current(today)]
    former = [m for m in members if not m.is_current(today) and m.from_date <= today]
    future = [m for m in members if m.from_date > today]
    meetings = list(Meeting.objects.filter(council=council).select_related("group").order_by("starts_at"))
    now = timezone.now()
    return CouncilPage(
        council=council,
        groups=list(council.groups.all()),
        current_members=current + future,
        past_members=sorted(former, key=lambda m: m.to_date or today, reverse=True),
        upcoming=[m for m in meetings if m.starts_at >= now],
        past=[m for m in meetings if m.starts_at < now][::-1],
        series=list(council.series.all()),
    )


def meeting_page(meeting: Meeting) -> dict:
    """Everything the meeting page and its print sheets show, in a fixed number of queries."""
    live_documents = Prefetch("documents", queryset=AgendaDocument.objects.all())
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter_department", "project", "program", "place", "carried_from__meeting")
        .prefetch_related(live_documents, Prefetch("carried_to", queryset=AgendaItem.objects.select_related("meeting")))
    )
    decisions = list(
        Decision.objects.filter(meeting=meeting).select_related("agenda_item").prefetch_related("departments")
    )
    actions = list(
        ActionItem.objects.filter(meeting=meeting).select_related(
            "assignee_department", "assignee_user", "agenda_item", "decision"
        )
    )
    attendances = list(
        Attendance.objects.filter(meeting=meeting).select_related(
            "membership__user", "membership__department", "membership__group"
        )
    )
    decisions_by_item: dict[int | None, list] = {}
    for decision in decisions:
        decisions_by_item.setdefault(decision.agenda_item_id, []).append(decision)
    actions_by_item: dict[int | None, list] = {}
    for action in actions:
        actions_by_item.setdefault(action.agenda_item_id, []).append(action)
    for item in items:
        item.item_decisions = decisions_by_item.get(item.pk, [])
        item.item_actions = actions_by_item.get(item.pk, [])
    return {
        "items": items,
        "decisions": decisions,
        "actions": actions,
        "general_decisions": decisions_by_item.get(None, []),
        "general_actions": actions_by_item.get(None, []),
        "present": [a for a in attendances if a.status == Attendance.Status.PRESENT],
        "apologies": [a for a in attendances if a.status == Attendance.Status.APOLOGIES],
    }


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The next meeting of the same council and group (the one unreached items carry over to)."""
    return (
        Meeting.objects.filter(council=meeting.council_id, group=meeting.group_id, starts_at__gt=meeting.starts_at)
        .order_by("starts_at", "pk")
        .first()
    )


def open_actions_for(user, limit: int = 10, departments=None) -> tuple[list[ActionItem], int]:
    """The open action items assigned to ``user`` or to their departments (and those below), soonest due first.

    ``departments``: the user's departments when the caller already has them (saves a query).
    """
    if departments is None:
        departments = user.departments.all()
    department_ids = Department.subtree_ids({d.pk for d in departments}) if departments else set()
    condition = Q(assignee_user=user) | Q(assignee_department__in=department_ids)
    queryset = (
        ActionItem.objects.filter(condition, status=ActionItem.Status.OPEN, meeting__deleted_at__isnull=True)
        .select_related("meeting__council", "assignee_department", "assignee_user")
        .order_by("due_on", "pk")
    )
    items = list(queryset[: limit + 1])
    total = queryset.count() if len(items) > limit else len(items)
    return items[:limit], total


@dataclass
class DepartmentConcerns:
    department: Department
    decisions: list
    open_actions: list
    done_actions: list


def department_concerns(department: Department) -> DepartmentConcerns:
    """What councils decided that concerns a department (or a department below it), across meetings."""
    ids = Department.subtree_ids({department.pk})
    decisions = list(
        Decision.objects.filter(departments__in=ids, meeting__deleted_at__isnull=True)
        .distinct()
        .select_related("meeting__council", "agenda_item")
        .prefetch_related("departments")
        .order_by("-meeting__starts_at", "pk")
    )
    actions = list(
        ActionItem.objects.filter(assignee_department__in=ids, meeting__deleted_at__isnull=True)
        .select_related("meeting__council", "assignee_department", "assignee_user")
        .order_by("due_on", "pk")
    )
    return DepartmentConcerns(
        department=department,
        decisions=decisions,
        open_actions=[a for a in actions if a.status == ActionItem.Status.OPEN],
        done_actions=[a for a in actions if a.status == ActionItem.Status.DONE],
    )


def deleted_children(meeting: Meeting) -> list[dict]:
    """Deleted agenda items, documents, decisions, action items and attendances of a meeting, for a restore."""
    rows: list[dict] = []
    for kind, queryset in (
        ("item", AgendaItem.all_objects.filter(meeting=meeting)),
        ("document", AgendaDocument.all_objects.filter(agenda_item__meeting=meeting)),
        ("decision", Decision.all_objects.filter(meeting=meeting)),
        ("action", ActionItem.all_objects.filter(meeting=meeting)),
        ("attendance", Attendance.all_objects.filter(meeting=meeting).select_related("membership__user")),
    ):
        rows.extend(
            {"kind": kind, "record": record, "label": record._meta.verbose_name}
            for record in queryset.filter(deleted_at__isnull=False)
        )
    return rows


def meetings_queryset() -> QuerySet[Meeting]:
    return Meeting.objects.filter(council__deleted_at__isnull=True).select_related("council", "group")
