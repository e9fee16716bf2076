"""Django admin for data stewards. The same permission rules as the web pages apply.

Every ``has_*_permission`` asks ``tsunagu.org.permissions``; saving, deleting
and restoring go through ``partners.actions`` (validation, history user,
version check), and deleting is soft, as everywhere else.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.org.permissions import can_coordinate, can_edit_reference_data
from tsunagu.partners import actions as writes
from tsunagu.partners.models import (
    Agreement,
    Country,
    Network,
    NetworkMembership,
    Organisation,
    Place,
)


def _is_staff(request) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_staff)


class DeletedFilter(admin.SimpleListFilter):
    title = _("deletion")
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("no", _("Live records")), ("yes", _("Deleted records"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


class VersionedAdminForm(forms.ModelForm):
    """Carries the version shown, so a concurrent change is refused rather than overwritten."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen_version")
        if self.instance.pk and seen is not None:
            stored = type(self.instance).all_objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if stored != seen:
                # Refused here so that the form keeps what the user typed.
                raise ValidationError(str(ConcurrentEditError()))
        return cleaned


class PartnersRecordAdmin(SimpleHistoryAdmin):
    """Shared rules for the soft-deletable, versioned partners records."""

    form = VersionedAdminForm
    list_filter: tuple = (DeletedFilter,)
    actions = ["restore_selected"]
    # Set by each subclass: the write functions of partners.actions for the model.
    do_create = do_update = do_delete = do_restore = None
    blockers = None

    def can_edit(self, user) -> bool:
        return can_coordinate(user)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Permissions: the same functions as the views.
    def has_module_permission(self, request):
        return _is_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request):
        return _is_staff(request) and self.can_edit(request.user)

    def has_change_permission(self, request, obj=None):
        return _is_staff(request) and self.can_edit(request.user)

    def has_delete_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    # Deleted records stay visible here (filter "deletion") so they can be restored.
    def get_queryset(self, request):
        if request.path.endswith("/autocomplete/"):
            # Choosing a related record: only live ones may be chosen.
            return super().get_queryset(request)
        queryset = self.model.all_objects.get_queryset()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        # The hidden version goes last, out of the way.
        if "seen_version" in fields:
            fields.remove("seen_version")
            fields.append("seen_version")
        return fields

    def save_model(self, request, obj, form, change):
        values = {name: getattr(obj, name) for name in writes.editable_fields(self.model)}
        if change:
            self.do_update(obj, values, acting_user=request.user, seen_version=form.cleaned_data.get("seen_version"))
        else:
            saved = self.do_create(values, acting_user=request.user)
            # The admin goes on with its own instance (inlines, log entry, redirect).
            obj.pk = saved.pk
            obj.version = saved.version
            obj._state.adding = False
            obj._state.db = saved._state.db

    def get_deleted_objects(self, objs, request):
        # Deletion is soft: nothing cascades. What blocks it is listed as "protected".
        names = [str(obj) for obj in objs]
        protected = []
        if self.blockers is not None:
            for obj in objs:
                protected.extend(f"{obj}: {reason}" for reason in self.blockers(obj))
        return names, {}, set(), protected

    def delete_model(self, request, obj):
        try:
            self.do_delete(obj, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))

    def delete_queryset(self, request, queryset):
        for obj in queryset.filter(deleted_at__isnull=True):
            self.delete_model(request, obj)

    @admin.action(description=_("Restore selected deleted records"))
    def restore_selected(self, request, queryset):
        restored = 0
        for obj in queryset.filter(deleted_at__isnull=False):
            try:
                self.do_restore(obj, acting_user=request.user)
            except (ValidationError, ConcurrentEditError) as error:
                messages.error(request, f"{obj}: {' '.join(getattr(error, 'messages', [str(error)]))}")
            else:
                restored += 1
        self.message_user(request, gettext("Restored %(count)d records.") % {"count": restored})

    def get_actions(self, request):
        found = super().get_actions(request)
        if not can_coordinate(request.user):
            found.pop("restore_selected", None)
        return found


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    """ISO 3166 reference data from pycountry: coordinators may correct names, nobody adds or deletes.

    Countries keep no history (they are reloaded from pycountry), hence the plain ModelAdmin.
    """

    list_display = ("code", "alpha3", "name_ja", "name_en")
    search_fields = ("code", "alpha3", "name_ja", "name_en")
    readonly_fields = ("code", "alpha3")

    def has_module_permission(self, request):
        return _is_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Place)
class PlaceAdmin(PartnersRecordAdmin):
    list_display = ("name_ja", "name_en", "name_local", "country", "kind", "is_home", "is_sample", "deleted_at")
    list_filter = (DeletedFilter, "kind", "is_home", "is_sample", "country")
    search_fields = ("name_ja", "name_en", "name_local", "country__name_ja", "country__name_en")
    list_select_related = ("country",)
    autocomplete_fields = ("country", "parent")
    do_create = staticmethod(writes.create_place)
    do_update = staticmethod(writes.update_place)
    do_delete = staticmethod(writes.delete_place)
    do_restore = staticmethod(writes.restore_place)
    blockers = staticmethod(writes.place_blockers)

    def can_edit(self, user) -> bool:
        return can_edit_reference_data(user)

    def get_readonly_fields(self, request, obj=None):
        # Which place is the city itself is the coordinator's to say, not every editor's.
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if can_coordinate(request.user) else (*fields, "is_home")


@admin.register(Organisation)
class OrganisationAdmin(PartnersRecordAdmin):
    list_display = ("name_ja", "abbreviation", "kind", "country", "place", "is_sample", "deleted_at")
    list_filter = (DeletedFilter, "kind", "is_sample")
    search_fields = ("name_ja", "name_en", "abbreviation")
    list_select_related = ("country", "place")
    autocomplete_fields = ("country", "place")
    do_create = staticmethod(writes.create_organisation)
    do_update = staticmethod(writes.update_organisation)
    do_delete = staticmethod(writes.delete_organisation)
    do_restore = staticmethod(writes.restore_organisation)
    blockers = staticmethod(writes.organisation_blockers)

    def can_edit(self, user) -> bool:
        return can_edit_reference_data(user)


@admin.register(Agreement)
class AgreementAdmin(PartnersRecordAdmin):
    list_display = ("title_ja", "kind", "place", "organisation", "signed_on", "ended_on", "is_sample", "deleted_at")
    list_filter = (DeletedFilter, "kind", "is_sample")
    search_fields = ("title_ja", "title_en", "place__name_ja", "place__name_en", "organisation__name_ja")
    list_select_related = ("place", "organisation")
    autocomplete_fields = ("place", "organisation")
    date_hierarchy = "signed_on"
    do_create = staticmethod(writes.create_agreement)
    do_update = staticmethod(writes.update_agreement)
    do_delete = staticmethod(writes.delete_agreement)
    do_restore = staticmethod(writes.restore_agreement)


class MembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 1
    autocomplete_fields = ("place",)

    def has_view_permission(self, request, obj=None):
        return _is_staff(request)

    def has_add_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def has_change_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)

    def has_delete_permission(self, request, obj=None):
        return _is_staff(request) and can_coordinate(request.user)


@admin.register(Network)
class NetworkAdmin(PartnersRecordAdmin):
    list_display = ("name_ja", "name_en", "founded_on", "is_sample", "deleted_at")
    list_filter = (DeletedFilter, "is_sample")
    search_fields = ("name_ja", "name_en")
    inlines = [MembershipInline]
    do_create = staticmethod(writes.create_network)
    do_update = staticmethod(writes.update_network)
    do_delete = staticmethod(writes.delete_network)
    do_restore = staticmethod(writes.restore_network)

    def save_formset(self, request, form, formset, change):
        # Memberships are saved by the admin's inline formset; record who did it.
        instances = formset.save(commit=False)
        for membership in formset.deleted_objects:
            membership._history_user = request.user
            membership.delete()
        for membership in instances:
            membership._history_user = request.user
            membership.save()


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(SimpleHistoryAdmin):
    list_display = ("network", "place", "role", "joined_on", "left_on")
    list_filter = ("role",)
    list_select_related = ("network", "place")
    search_fields = ("network__name_ja", "place__name_ja", "place__name_en")
    autocomplete_fields = ("network", "place")

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
