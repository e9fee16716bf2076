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
    """Coordinators only (the admin is theirs); writes go through the actions, as on the pages."""

    list_display = ("node", "project", "note")
    list_select_related = ("node", "project")
    search_fields = ("node__name_ja", "project__title_ja")
    autocomplete_fields = ("project",)

    def get_readonly_fields(self, request, obj=None):
        return ("node", "project") if obj is not None else ()

    def has_module_permission(self, request):
        return _is_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def has_add_permission(self, request):
        return _is_staff(request) and can_coordinate(request.user)

    def has_change_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def has_delete_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def save_model(self, request, obj, form, change):
        if change:
            obj._history_user = request.user
            obj.save()
            return
        saved = actions.link_project(obj.node, obj.project, acting_user=request.user, note=obj.note)
        obj.pk = saved.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        actions.unlink_project(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("project"):
            actions.unlink_project(obj, acting_user=request.user)


def register() -> None:
    if not admin.site.is_registered(PolicyNode):
        admin.site.register(PolicyNode, PolicyNodeAdmin)
        admin.site.register(PolicyLink, PolicyLinkAdmin)
