"""What nodes of the policy framework put in the search index (kind number 22)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from tsunagu.search.registry import (
    Document,
    SearchKind,
    both,
    join,
    reverse_or_blank,
    signed_in_staff,
)

from .models import PolicyNode


class PolicyNodeSearch(SearchKind):
    name = "policynode"
    number = 22  # part of every entry id: never change it
    label = _("Policy framework")
    model = PolicyNode

    def queryset(self):
        return PolicyNode.all_objects.select_related("parent")

    def document(self, node: PolicyNode, today: datetime.date) -> Document:
        level_ja, level_en = both(PolicyNode.Level(node.level).label)
        parent = node.parent
        return Document(
            kind=self.name,
            object_id=node.pk,
            title_ja=node.name_ja,
            title_en=node.name_en,
            detail_ja=join(level_ja, parent.name_ja if parent else "").replace("\n", "・"),
            detail_en=join(level_en, (parent.name_en or parent.name_ja) if parent else "").replace("\n", ", "),
            title_text=join(node.name_ja, node.name_en),
            body_text=join(node.description, [level_ja, level_en], [parent.name_ja, parent.name_en] if parent else []),
        )

    def url(self, object_id, slug):
        return reverse_or_blank("coordination:policy:node", object_id)

    def visible(self, user):
        return signed_in_staff(user)
