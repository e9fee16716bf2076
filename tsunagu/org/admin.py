"""Admin for data stewards: the department tree and user accounts.

Administrators add and change both; coordinators (国際政策課) may look at them,
to see who edits for which department, but change nothing. The rules come from
tsunagu.org.permissions like everywhere else, not from Django's per-model
permission table: roles, not groups, decide what a person may do.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tsunagu.org.models import Department, User
from tsunagu.org.permissions import can_manage_accounts, can_view_accounts

# Permissions follow the role on each user (see User.save); groups would be a
# second, contradictory way to grant them.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


class AccountsPermissionMixin:
    """View for coordinators and administrators; add, change and delete for administrators."""

    def has_module_permission(self, request):
        return can_view_accounts(request.user)

    def has_view_permission(self, request, obj=None):
        return can_view_accounts(request.user)

    def has_add_permission(self, request):
        return can_manage_accounts(request.user)

    def has_change_permission(self, request, obj=None):
        return can_manage_accounts(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_manage_accounts(request.user)


def department_paths() -> dict[int, str]:
    """Every department's place in the tree, ``上下水道局 › 計画部 › 海外事業課`` (one query)."""
    nodes = {pk: (parent_id, name) for pk, parent_id, name in Department.objects.values_list("pk", "parent_id", "name_ja")}
    paths: dict[int, str] = {}
    for pk in nodes:
        names, seen, current = [], set(), pk
        while current is not None and current in nodes and current not in seen:
            seen.add(current)
            parent_id, name = nodes[current]
            names.append(name)
            current = parent_id
        paths[pk] = " › ".join(reversed(names))
    return paths


class _PathLabels:
    """Choice labels with the department's path, so two sections called 海外事業課 can be told apart."""

    def label_from_instance(self, obj):
        if not hasattr(self, "_paths"):
            self._paths = department_paths()
        return self._paths.get(obj.pk, str(obj))


class DepartmentChoiceField(_PathLabels, forms.ModelChoiceField):
    pass


class DepartmentMultipleChoiceField(_PathLabels, forms.ModelMultipleChoiceField):
    pass


class DepartmentTreeChangeList(ChangeList):
    """Lists departments as a tree (局, then its 部 and 課 indented beneath it).

    Unless a column header was clicked, the page is reordered depth-first with
    the same order as the tree everywhere else (sort_order, then code), and each
    row learns its depth and path for the indented name column.
    """

    def get_results(self, request):
        super().get_results(request)
        rows = Department.objects.values_list("pk", "parent_id", "sort_order", "code")
        nodes = {pk: (parent_id, sort_order, code) for pk, parent_id, sort_order, code in rows}

        def path(pk):
            keys, seen = [], set()
            while pk is not None and pk in nodes and pk not in seen:
                seen.add(pk)
                parent_id, sort_order, code = nodes[pk]
                keys.append((sort_order, code))
                pk = parent_id
            return list(reversed(keys))

        results = list(self.result_list)
        for department in results:
            department.tree_depth = len(path(department.pk)) - 1
            department.tree_key = path(department.pk)
        if ORDER_VAR not in self.params:
            results.sort(key=lambda department: department.tree_key)
        self.result_list = results


@admin.register(Department)
class DepartmentAdmin(AccountsPermissionMixin, SimpleHistoryAdmin):
    list_display = ("tree_name", "name_en", "code", "kind", "is_international_division", "sort_order")
    list_display_links = ("tree_name",)
    list_filter = ("kind", "is_international_division")
    search_fields = ("name_ja", "name_en", "code")
    list_select_related = ("parent",)
    # A city has tens of departments, a large one a few hundred: one page keeps the tree whole.
    list_per_page = 500
    fieldsets = (
        (None, {"fields": ("name_ja", "name_en", "code", "kind", "parent", "sort_order")}),
        (_("Role in international work"), {"fields": ("is_international_division",)}),
    )
    history_list_display = ["kind", "parent"]

    def get_changelist(self, request, **kwargs):
        return DepartmentTreeChangeList

    @admin.display(description=_("name (Japanese)"), ordering="name_ja")
    def tree_name(self, department):
        depth = getattr(department, "tree_depth", 0)
        return format_html('<span style="padding-left: {}em">{}{}</span>', depth * 1.5, "└ " if depth else "", department.name_ja)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Department.objects.order_by("sort_order", "code")
            kwargs["form_class"] = DepartmentChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(AccountsPermissionMixin, DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "last_name", "first_name", "email")}),
        (_("Role in tsunagu"), {"fields": ("role", "departments", "language", "is_active")}),
        (
            _("Derived from the role"),
            {"fields": ("is_staff", "is_superuser"), "classes": ("collapse",)},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("Role in tsunagu"), {"fields": ("full_name", "role", "departments", "language")}),
    )
    # is_staff and is_superuser follow the role (User.save): shown, never edited here.
    readonly_fields = ("is_staff", "is_superuser", "last_login", "date_joined")
    list_display = ("username", "full_name", "role", "department_list", "language", "is_active", "last_login")
    list_filter = ("role", "is_active", "language", "departments")
    search_fields = ("username", "full_name", "first_name", "last_name", "email")
    ordering = ("username",)
    filter_horizontal = ("departments",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("departments")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "departments":
            kwargs["form_class"] = DepartmentMultipleChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("departments"))
    def department_list(self, user):
        return "、".join(department.name_ja for department in user.departments.all()) or "—"
