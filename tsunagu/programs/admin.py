"""Django admin for data stewards (coordinators and administrators: the only staff users).

The catalogue is the coordinators' work (``org.permissions.can_coordinate``);
applications belong to the department of their project
(``org.permissions.can_edit_department_records``). Deleting a programme or an
application from the admin is a soft delete.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models, transaction
from simple_history.admin import SimpleHistoryAdmin

from tsunagu.core.concurrency import claim_version
from tsunagu.org.permissions import can_coordinate, can_edit_department_records, require

from .catalogue.forms import ActivityTypesCheck
from .models import (
    Application,
    ApplicationDocument,
    ApplicationWindow,
    Program,
    ProgramTerms,
    Subscription,
)


def _is_staff(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff)


def _coordinates(request) -> bool:
    return _is_staff(request) and can_coordinate(request.user)


class CoordinatorInline(admin.TabularInline):
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request, obj=None):
        return _coordinates(request)

    def has_change_permission(self, request, obj=None):
        return _coordinates(request)

    def has_delete_permission(self, request, obj=None):
        return _coordinates(request)


class ProgramTermsInline(CoordinatorInline):
    model = ProgramTerms


class ApplicationWindowInline(CoordinatorInline):
    model = ApplicationWindow


class ProgramAdminForm(ActivityTypesCheck, forms.ModelForm):
    pass


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    form = ProgramAdminForm
    inlines = [ProgramTermsInline, ApplicationWindowInline]
    list_display = ["code", "name_ja", "provider", "status", "is_sample"]
    list_filter = ["status", "region_scope", "is_sample", "fields"]
    search_fields = ["code", "name_ja", "name_en", "purpose"]
    list_select_related = ["provider"]
    filter_horizontal = ["fields", "activity_types", "excluded_activity_types", "countries"]
    autocomplete_fields = []

    def has_module_permission(self, request):
        return _is_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request):
        return _coordinates(request)

    def has_change_permission(self, request, obj=None):
        return _coordinates(request)

    def has_delete_permission(self, request, obj=None):
        return _coordinates(request)

    def revert_disabled(self, request, obj=None):
        # Reverting bypasses the version check and the terms and windows: edit instead.
        return True

    def save_model(self, request, obj, form, change):
        require(can_coordinate(request.user))
        if change:
            claim_version(obj, obj.version)
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            row._history_user = request.user
            row.save()
        for row in formset.deleted_objects:
            row._history_user = request.user
            row.delete()
        formset.save_m2m()

    def delete_model(self, request, obj):
        require(can_coordinate(request.user))
        with transaction.atomic():
            claim_version(obj, obj.version)
            obj.mark_deleted()
            obj._history_user = request.user
            obj.save(update_fields=["deleted_at", "version"])

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ApplicationDocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return _coordinates(request)
        return _is_staff(request) and can_edit_department_records(request.user, obj.owning_department_ids())

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    inlines = [ApplicationDocumentInline]
    list_display = ["project", "program", "fiscal_year", "status", "amount_requested_jpy", "amount_granted_jpy"]
    list_filter = ["status", "fiscal_year", "is_sample"]
    search_fields = ["project__title_ja", "program__name_ja", "program__code"]
    list_select_related = ["project", "program"]
    raw_id_fields = ["project", "program", "window"]

    def has_module_permission(self, request):
        return _is_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request):
        return _coordinates(request)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return _coordinates(request)
        return _is_staff(request) and can_edit_department_records(request.user, obj.owning_department_ids())

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def revert_disabled(self, request, obj=None):
        return True

    def save_model(self, request, obj, form, change):
        require(can_edit_department_records(request.user, obj.owning_department_ids()))
        if change:
            claim_version(obj, obj.version)
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        require(can_edit_department_records(request.user, obj.owning_department_ids()))
        with transaction.atomic():
            claim_version(obj, obj.version)
            obj.mark_deleted()
            obj._history_user = request.user
            obj.save(update_fields=["deleted_at", "version"])

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Subscription)
class SubscriptionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "digest_enabled", "last_digest_sent_at"]
    list_select_related = ["department", "user"]
    filter_horizontal = ["fields", "providers", "activity_types"]

    def has_module_permission(self, request):
        return _is_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request):
        return _coordinates(request)

    def has_change_permission(self, request, obj=None):
        return _coordinates(request)

    def has_delete_permission(self, request, obj=None):
        return _coordinates(request)
