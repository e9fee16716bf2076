"""Django admin for the policy framework: the partners admin's rules (roles, soft delete, versions)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tsunagu.org.permissions import can_coordinate
from tsunagu.partners.admin import DeletedFilter, PartnersRecordAdmin, _is_staff

from . import actions
from .models import PolicyLink, PolicyNode


class PolicyNodeAdmin(PartnersRecordAdmin):
    list_display = ("name_ja", "level", "parent", "sort_order", "is_sample", "deleted_at")
    list_filter = (DeletedFilter, "level", "is_sample")
    search_fields = ("name_ja", "name_en", "description")
    list_select_related = ("parent",)
    do_create = staticmethod(actions.create_node)
    do_update = staticmethod(actions.update_node)
    do_delete = staticmethod(actions.delete_node)
    do_restore = staticmethod(actions.restore_node)
    blockers = staticmethod(actions.node_blockers)


class PolicyLinkAdmin(SimpleHistoryAdmin):
    """Read-only here: links are added and removed on the node and project pages, where ownership is checked."""

    list_display = ("node", "project", "note")
    list_select_related = ("node", "project")
    search_fields = ("node__name_ja", "project__title_ja")

    def has_module_permission(self, request):
        return _is_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def register() -> None:
    if not admin.site.is_registered(PolicyNode):
        admin.site.register(PolicyNode, PolicyNodeAdmin)
        admin.site.register(PolicyLink, PolicyLinkAdmin)
