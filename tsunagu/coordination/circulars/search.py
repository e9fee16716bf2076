"""What circulars put in the search index: title and text of sent circulars (and drafts, for coordinators).

A circular is found only by those who may read it: coordinators, and members of a department it was
sent to (``visible``), the same rule as ``queries.visible_circulars``.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tsunagu.org.permissions import can_coordinate
from tsunagu.search.registry import (
    Document,
    Refresh,
    SearchKind,
    join,
    reverse_or_blank,
    signed_in_staff,
)

from .models import Circular, Recipient
from .queries import member_department_ids


class CircularSearch(SearchKind):
    name = "circular"
    number = 21  # part of every entry id: never change it
    label = _("Circulars and inquiries")
    model = Circular
    refresh = (Refresh(Recipient, lambda recipient: [recipient.circular_id]),)

    def queryset(self):
        return Circular.all_objects.all()

    def document(self, circular: Circular, today: datetime.date) -> Document:
        kind_ja = "照会" if circular.is_inquiry else "情報提供"
        kind_en = "Inquiry" if circular.is_inquiry else "Circular"
        return Document(
            kind=self.name,
            object_id=circular.pk,
            title_ja=circular.title,
            detail_ja=kind_ja + (f"・回答期限 {circular.deadline:%Y-%m-%d}" if circular.deadline else ""),
            detail_en=kind_en + (f", deadline {circular.deadline:%Y-%m-%d}" if circular.deadline else ""),
            title_text=circular.title,
            body_text=join(circular.body),
        )

    def url(self, object_id, slug):
        return reverse_or_blank("coordination:circulars:detail", object_id)

    def visible(self, user):
        if not signed_in_staff(user):
            return False
        if can_coordinate(user):
            return True
        ids = member_department_ids(user)
        if not ids:
            return False
        return Q(status=Circular.Status.SENT) & Q(
            pk__in=Recipient.objects.filter(department_id__in=ids).values("circular_id")
        )
