"""Reads of circulars and inquiries, and who may see or do what with them.

- coordinators (and administrators) write, send, remind and read everything;
- a member of a recipient department (or of a department above it) reads the circular;
  an editor of that department acknowledges it and answers for it — for it only;
- nobody else sees a circular, and nobody but the coordinator sees another department's answer.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tsunagu.org.models import Department, User
from tsunagu.org.permissions import can_coordinate, can_edit_department_records, require

from .models import Answer, AnswerRow, Circular, InquiryColumn, Reading, Recipient


def member_department_ids(user) -> set[int]:
    """The departments the user receives circulars for: their own, those below and those above them
    (a circular to a bureau reaches its sections)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    own = set(user.departments.values_list("pk", flat=True))
    if not own:
        return set()
    return Department.subtree_ids(own) | _with_ancestors(own, _parents())


def _parents() -> dict[int, int | None]:
    return dict(Department.objects.values_list("pk", "parent_id"))


def _with_ancestors(department_ids, parents: dict[int, int | None]) -> set[int]:
    """The given departments and every department above them."""
    result: set[int] = set()
    for pk in department_ids:
        while pk is not None and pk not in result:
            result.add(pk)
            pk = parents.get(pk)
    return result


def may_write_circulars(user) -> bool:
    return can_coordinate(user)


def may_act_for(user, department_id: int) -> bool:
    """Acknowledge or answer for this department: an editor of it (or above it), or a coordinator."""
    return can_edit_department_records(user, [department_id])


def visible_circulars(user) -> QuerySet[Circular]:
    if can_coordinate(user):
        return Circular.objects.all()
    ids = member_department_ids(user)
    return Circular.objects.filter(
        status=Circular.Status.SENT, pk__in=Recipient.objects.filter(department_id__in=ids).values("circular_id")
    )


def get_circular_for_user(user, pk: int, *, include_deleted: bool = False) -> Circular:
    queryset = visible_circulars(user)
    if include_deleted and can_coordinate(user):
        queryset = Circular.all_objects.all()
    circular = queryset.filter(pk=pk).first()
    if circular is None:
        raise Http404
    return circular


def get_writable_circular_for_user(user, pk: int) -> Circular:
    require(may_write_circulars(user))
    return get_circular_for_user(user, pk)


def own_recipients(user, circular: Circular) -> list[Recipient]:
    """The recipient departments of ``circular`` the user belongs to (the coordinator: none of their own)."""
    ids = member_department_ids(user)
    return list(circular.recipients.filter(department_id__in=ids).select_related("department", "acknowledged_by"))


def get_recipient_for_user(user, circular: Circular, department_id: int) -> Recipient:
    """The recipient the user may act for (acknowledge, answer); 404 for a department that is not one, 403 for
    a department the user may not act for."""
    recipient = circular.recipients.filter(department_id=department_id).select_related("department").first()
    if recipient is None or not circular.is_sent:
        raise Http404
    require(may_act_for(user, department_id))
    return recipient


def get_answer_for_user(user, circular: Circular, department_id: int) -> Answer | None:
    """A department's answer: readable by its own members and by the coordinator only."""
    if not can_coordinate(user) and department_id not in member_department_ids(user):
        require(False)
    return Answer.objects.filter(circular=circular, department_id=department_id).first()


def _received(department_ids: set[int]) -> QuerySet[Circular]:
    """Sent, not deleted circulars that went to one of ``department_ids``."""
    return Circular.objects.filter(
        status=Circular.Status.SENT,
        pk__in=Recipient.objects.filter(department_id__in=department_ids).values("circular_id"),
    )


def _pending(recipients: QuerySet[Recipient]) -> QuerySet[Recipient]:
    """The SQL form of ``Recipient.is_pending``."""
    return recipients.filter(
        Q(circular__kind=Circular.Kind.NOTICE, acknowledged_at__isnull=True)
        | Q(circular__kind=Circular.Kind.INQUIRY, answered_at__isnull=True)
    )


def inbox(user, *, limit: int | None = None, department_ids: set[int] | None = None) -> list[dict]:
    """Sent circulars for the user's departments, newest first, with what each department still owes.

    With ``limit``, only the newest ``limit`` circulars are read (three queries, however long the history).
    """
    ids = member_department_ids(user) if department_ids is None else department_ids
    if not ids:
        return []
    chosen = _received(ids).order_by("-sent_at", "-pk").values("pk")
    if limit:
        chosen = list(chosen.values_list("pk", flat=True)[:limit])
    recipients = (
        Recipient.objects.filter(department_id__in=ids, circular_id__in=chosen)
        .select_related("circular", "department")
        .order_by("-circular__sent_at", "-circular_id", "department__sort_order", "department__code")
    )
    read = set(Reading.objects.filter(user=user, circular_id__in=chosen).values_list("circular_id", flat=True))
    entries: dict[int, dict] = {}
    for recipient in recipients:
        entry = entries.setdefault(
            recipient.circular_id,
            {"circular": recipient.circular, "recipients": [], "read": recipient.circular_id in read},
        )
        entry["recipients"].append(recipient)
    result = list(entries.values())
    for entry in result:
        entry["pending"] = any(r.is_pending() for r in entry["recipients"])
    return result


def inbox_summary(user, *, limit: int) -> dict:
    """For the start page: the newest ``limit`` inbox entries, and how many circulars are unread and how
    many still wait for one of the user's departments, counted in the database (one query)."""
    ids = member_department_ids(user)
    if not ids:
        return {"inbox": [], "unread": 0, "open": 0}
    counts = _received(ids).aggregate(
        unread=Count("pk", filter=~Q(pk__in=Reading.objects.filter(user=user).values("circular_id"))),
        open=Count("pk", filter=Q(
            pk__in=_pending(Recipient.objects.filter(department_id__in=ids)).values("circular_id")
        )),
    )
    return {"inbox": inbox(user, limit=limit, department_ids=ids), **counts}


def status_table(circular: Circular) -> list[dict]:
    """Per recipient department: who read it first and when, acknowledgement, answer, last reminder.

    Four queries whatever the number of departments.
    """
    recipients = list(circular.recipients.select_related("department", "acknowledged_by"))
    readings = list(Reading.objects.filter(circular=circular).select_related("user"))
    memberships = defaultdict(set)
    through = User.departments.through
    for user_id, department_id in through.objects.filter(
        user_id__in=[r.user_id for r in readings]
    ).values_list("user_id", "department_id"):
        memberships[user_id].add(department_id)
    parents = _parents()
    # A reader counts for a recipient department they belong to, or are above or below.
    reach = {user_id: _with_ancestors(own, parents) for user_id, own in memberships.items()}
    answers = {a.department_id: a for a in Answer.objects.filter(circular=circular).select_related("submitted_by")}
    rows = []
    for recipient in recipients:
        above = _with_ancestors([recipient.department_id], parents)
        readers = [
            reading for reading in readings
            if recipient.department_id in reach.get(reading.user_id, ()) or memberships[reading.user_id] & above
        ]
        rows.append({"recipient": recipient, "readers": readers, "answer": answers.get(recipient.department_id)})
    return rows


def columns_of(circular: Circular) -> list[InquiryColumn]:
    return list(circular.columns.all())


def merged_rows(circular: Circular) -> list[AnswerRow]:
    """Every row of every submitted answer, department by department (two queries)."""
    return list(
        AnswerRow.objects.filter(answer__circular=circular, answer__submitted_at__isnull=False,
                                 answer__deleted_at__isnull=True)
        .select_related("answer__department", "project")
        .order_by("answer__department__sort_order", "answer__department__code", "position", "pk")
    )


def lookup_names(columns: list[InquiryColumn], rows: list[AnswerRow]) -> dict:
    """Names of the departments and fields the rows refer to, in two queries at most."""
    from tsunagu.portfolio.models import Field

    wanted = {"department": set(), "field": set()}
    for column in columns:
        if column.type in wanted:
            for row in rows:
                value = row.values.get(column.key)
                if value is not None:
                    wanted[column.type].add(value)
    names = {}
    if wanted["department"]:
        names["department"] = {d.pk: d.name for d in Department.objects.filter(pk__in=wanted["department"])}
    if wanted["field"]:
        names["field"] = {f.pk: f.name for f in Field.objects.filter(pk__in=wanted["field"])}
    return names


def with_recipients(queryset: QuerySet[Circular]) -> QuerySet[Circular]:
    return queryset.prefetch_related(
        Prefetch("recipients", queryset=Recipient.objects.select_related("department"))
    )


def pending_for_coordinator(limit: int = 8) -> list[Circular]:
    """Sent circulars that some department still owes an acknowledgement or an answer (start page)."""
    return list(
        with_recipients(Circular.objects.filter(
            status=Circular.Status.SENT, pk__in=_pending(Recipient.objects.all()).values("circular_id")
        ))
        .order_by("deadline", "-sent_at")[:limit]
    )
