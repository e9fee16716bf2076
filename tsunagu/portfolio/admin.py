"""Django admin for data stewards (coordinators and administrators: the only staff users).

Every permission method asks the same rules as the views (``portfolio.queries``
on top of ``org.permissions``), not Django's per-model permissions; deleting
from the admin is a soft delete through ``actions.delete_project``.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tsunagu.core.concurrency import claim_version
from tsunagu.org.permissions import can_coordinate, require

from . import actions
from .models import (
    ActivityType,
    BudgetLine,
    Field,
    Project,
    ProjectLink,
    ProjectPartner,
    SdgGoal,
    SdgTarget,
)
from .queries import editable_departments, may_create_projects, may_delete_project, may_edit_project


def _is_staff(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff)


class ProjectAdminForm(forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = [
            "title_ja",
            "title_en",
            "summary",
            "lead_department",
            "co_departments",
            "status",
            "start_date",
            "end_date",
            "fields",
            "activity_types",
            "sdg_goals",
            "sdg_targets",
            "results",
            "is_sample",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen_version")
        if self.instance.pk and seen is not None:
            stored = Project.all_objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if stored != seen:
                raise ValidationError(
                    _(
                        "Someone else saved this project while you were editing it, so your changes "
                        "were NOT saved. Open the project again to see the other changes."
                    )
                )
        return cleaned


class ProjectRowInline(admin.TabularInline):
    """Rows of a project: allowed exactly when the project may be changed."""

    extra = 0

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return may_create_projects(request.user)
        return may_edit_project(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class ProjectPartnerInline(ProjectRowInline):
    model = ProjectPartner


class BudgetLineInline(ProjectRowInline):
    model = BudgetLine


class ProjectLinkInline(ProjectRowInline):
    model = ProjectLink

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    form = ProjectAdminForm
    inlines = [ProjectPartnerInline, BudgetLineInline, ProjectLinkInline]
    list_display = ["title_ja", "lead_department", "status", "start_date", "end_date", "is_sample"]
    list_filter = ["status", "is_sample", "lead_department", "fields"]
    search_fields = ["title_ja", "title_en", "summary"]
    list_select_related = ["lead_department"]
    filter_horizontal = ["co_departments", "fields", "activity_types", "sdg_goals", "sdg_targets"]
    date_hierarchy = "start_date"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_department":
            kwargs["queryset"] = editable_departments(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return _is_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request):
        return _is_staff(request) and may_create_projects(request.user)

    def has_change_permission(self, request, obj=None):
        if not _is_staff(request):
            return False
        if obj is None:
            return may_create_projects(request.user)
        return may_edit_project(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not _is_staff(request):
            return False
        if obj is None:
            return may_create_projects(request.user)
        return may_delete_project(request.user, obj)

    def revert_disabled(self, request, obj=None):
        # Reverting would bring back the project's own fields but not its rows,
        # and bypass the version check: use the project form instead.
        return True

    def save_model(self, request, obj, form, change):
        require(may_edit_project(request.user, obj))
        if change:
            stored = Project.all_objects.filter(pk=obj.pk).values_list("lead_department_id", flat=True)
            require(may_edit_project(request.user, Project(lead_department_id=stored[0])))
            claim_version(obj, form.cleaned_data.get("seen_version"))
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
        actions.delete_project(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for project in queryset:
            actions.delete_project(project, acting_user=request.user)


class ReferenceAdmin(admin.ModelAdmin):
    """Shared classifications: everyone with admin access reads them, coordinators change them."""

    list_display = ["name_ja", "name_en", "code", "sort_order"]
    search_fields = ["name_ja", "name_en", "code"]

    def has_module_permission(self, request):
        return _is_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request):
        return _is_staff(request) and can_coordinate(request.user)

    def has_change_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def has_delete_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)


@admin.register(Field)
class FieldAdmin(ReferenceAdmin):
    pass


@admin.register(ActivityType)
class ActivityTypeAdmin(ReferenceAdmin):
    pass


class SdgTargetInline(admin.TabularInline):
    model = SdgTarget
    extra = 0

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def has_change_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def has_delete_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)


@admin.register(SdgGoal)
class SdgGoalAdmin(ReferenceAdmin):
    list_display = ["number", "name_ja", "name_en"]
    search_fields = ["name_ja", "name_en"]
    inlines = [SdgTargetInline]

    def has_add_permission(self, request):
        # The 17 goals are loaded by a migration and their numbers (1–17) are unique: an added goal
        # could never be saved.
        return False
