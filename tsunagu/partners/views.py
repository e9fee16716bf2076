"""Pages of the partners app: lists, record pages and the dossier, forms.

Views stay thin: records come from ``queries`` (404 for unknown or hidden ids),
changes go through ``actions`` (permission, validation, history, version),
and permission is checked here too before a form is even shown (403).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.core.history import history_entries
from tsunagu.core.i18n import ui_is_japanese
from tsunagu.org.permissions import (
    can_coordinate,
    can_edit_reference_data,
    require,
    require_deleted_records_access,
)
from tsunagu.partners import actions, filters, forms, queries
from tsunagu.partners.models import Agreement, Network, Organisation, Place

PAGE_SIZE = 50


@dataclass(frozen=True)
class RecordType:
    """What the generic create/edit/delete/restore views need to know about one model."""

    key: str  # URL name prefix: "place" → partners:place, partners:place_edit …
    model: type[models.Model]
    form_class: type[forms.VersionedForm]
    get: Callable[..., Any]
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    restore: Callable[..., Any]
    can_edit: Callable[[Any], bool]
    new_title: Any
    edit_title: Any
    blockers: Callable[[Any], list[str]] | None = None
    has_members: bool = False

    def url(self, suffix: str = "", *args) -> str:
        return reverse(f"partners:{self.key}{suffix}", args=args)


PLACE = RecordType(
    key="place", model=Place, form_class=forms.PlaceForm, get=queries.get_place_for_user,
    create=actions.create_place, update=actions.update_place,
    delete=actions.delete_place, restore=actions.restore_place,
    can_edit=can_edit_reference_data, blockers=actions.place_blockers,
    new_title=gettext_lazy("New partner place"), edit_title=gettext_lazy("Edit partner place"),
)
ORGANISATION = RecordType(
    key="organisation", model=Organisation, form_class=forms.OrganisationForm,
    get=queries.get_organisation_for_user,
    create=actions.create_organisation, update=actions.update_organisation,
    delete=actions.delete_organisation, restore=actions.restore_organisation,
    can_edit=can_edit_reference_data, blockers=actions.organisation_blockers,
    new_title=gettext_lazy("New organisation"), edit_title=gettext_lazy("Edit organisation"),
)
AGREEMENT = RecordType(
    key="agreement", model=Agreement, form_class=forms.AgreementForm, get=queries.get_agreement_for_user,
    create=actions.create_agreement, update=actions.update_agreement,
    delete=actions.delete_agreement, restore=actions.restore_agreement,
    can_edit=can_coordinate,
    new_title=gettext_lazy("New agreement"), edit_title=gettext_lazy("Edit agreement"),
)
NETWORK = RecordType(
    key="network", model=Network, form_class=forms.NetworkForm, get=queries.get_network_for_user,
    create=actions.create_network, update=actions.update_network,
    delete=actions.delete_network, restore=actions.restore_network,
    can_edit=can_coordinate, has_members=True,
    new_title=gettext_lazy("New network"), edit_title=gettext_lazy("Edit network"),
)


def _permissions(request, kind: RecordType) -> dict[str, bool]:
    return {
        "can_edit": kind.can_edit(request.user),
        "can_delete": can_coordinate(request.user),
        "can_restore": can_coordinate(request.user),
    }


def _paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _ui_order(*prefixes: str) -> list[str]:
    """Japanese names in 五十音 order of their reading (``name_sort``), English ones alphabetically."""
    name = "name_sort" if ui_is_japanese() else "name_en"
    return [f"{p}__{name}" if p else name for p in prefixes]


def _list(request, kind: RecordType, filterset_class, queryset, template: str, default_order: list[str], **extra):
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    records = filterset.qs if filterset.is_bound else queryset
    if not request.GET.get("o"):
        records = records.order_by(*default_order)
    page = _paginate(request, records)
    context = {"filter": filterset, "page": page, "kind": kind.key, **_permissions(request, kind), **extra}
    return render(request, template, context)


# Lists ------------------------------------------------------------------------------


@login_required
def place_list(request):
    return _list(
        request, PLACE, filters.PlaceFilterSet, queries.place_list(), "partners/place_list.html",
        _ui_order("country", "") + ["pk"],
    )


@login_required
def organisation_list(request):
    return _list(
        request, ORGANISATION, filters.OrganisationFilterSet, queries.organisation_list(),
        "partners/organisation_list.html", _ui_order("") + ["pk"],
    )


@login_required
def agreement_list(request):
    return _list(
        request, AGREEMENT, filters.AgreementFilterSet, queries.agreement_list(),
        "partners/agreement_list.html", ["-signed_on", "pk"],
    )


@login_required
def network_list(request):
    return _list(
        request, NETWORK, filters.NetworkFilterSet, queries.network_list(),
        "partners/network_list.html", _ui_order("") + ["pk"],
    )


@login_required
def country_list(request):
    return render(request, "partners/country_list.html", {"countries": queries.countries_with_partners()})


# Record pages ---------------------------------------------------------------------------


def _render_sections(request, dossier: queries.Dossier) -> list[dict[str, Any]]:
    rendered = []
    for content in dossier.sections:
        section = content.section
        html = render_to_string(
            section.template,
            {**content.context, "section": section, "place_ids": dossier.place_ids},
            request=request,
        )
        rendered.append({"key": section.key, "title": section.title, "html": html})
    return rendered


@login_required
def place(request, pk):
    record = queries.get_place_for_user(request.user, pk)
    dossier = queries.place_dossier(record, request.user)
    children = list(Place.objects.filter(parent=record).order_by(*_ui_order("")))
    return render(
        request,
        "partners/place_detail.html",
        {
            "place": record,
            "children": children,
            "dossier": dossier,
            "sections": _render_sections(request, dossier),
            "history": history_entries(record),
            **_permissions(request, PLACE),
            "can_add_agreement": can_coordinate(request.user),
        },
    )


@login_required
def country(request, code):
    record = queries.get_country_for_user(request.user, code)
    places = list(queries.country_places(record))
    dossier = queries.country_dossier(record, request.user)
    return render(
        request,
        "partners/country_detail.html",
        {
            "country": record,
            "places": places,
            "dossier": dossier,
            "sections": _render_sections(request, dossier),
            "can_add_place": can_edit_reference_data(request.user),
        },
    )


@login_required
def organisation(request, pk):
    record = queries.get_organisation_for_user(request.user, pk)
    agreements = record.agreements.select_related("place").order_by("-signed_on")
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": record,
            "agreements": agreements,
            "history": history_entries(record),
            **_permissions(request, ORGANISATION),
        },
    )


@login_required
def agreement(request, pk):
    record = queries.get_agreement_for_user(request.user, pk)
    return render(
        request,
        "partners/agreement_detail.html",
        {"agreement": record, "history": history_entries(record), **_permissions(request, AGREEMENT)},
    )


@login_required
def network(request, pk):
    record = queries.get_network_for_user(request.user, pk)
    memberships = record.memberships.select_related("place", "place__country").order_by(
        *_ui_order("place__country", "place")
    )
    return render(
        request,
        "partners/network_detail.html",
        {
            "network": record,
            "memberships": memberships,
            "history": history_entries(record),
            "membership_history": queries.membership_history(record),
            **_permissions(request, NETWORK),
        },
    )


# Forms ----------------------------------------------------------------------------------


def _add_validation_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field_name, errors in error.error_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _display(instance, name: str) -> str:
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    return str(value)


def _conflicts(mine, theirs, field_names) -> list[dict[str, str]]:
    """The fields where the record saved meanwhile differs from what the user submitted."""
    rows = []
    for name in field_names:
        saved, entered = _display(theirs, name), _display(mine, name)
        if saved != entered:
            label = str(mine._meta.get_field(name).verbose_name)
            rows.append({"label": label, "saved": saved, "entered": entered})
    return rows


def _members_formset(kind: RecordType, instance, data=None):
    if not kind.has_members:
        return None
    return forms.MembershipFormSet(data, instance=instance, prefix="members")


def _save(request, kind: RecordType, form, formset, instance):
    extra = {"memberships": formset.changes()} if formset is not None else {}
    if instance.pk:
        return kind.update(
            instance, form.model_values(), acting_user=request.user,
            seen_version=form.cleaned_data.get("seen_version"), **extra,
        )
    return kind.create(form.model_values(), acting_user=request.user, **extra)


def _edit(request, kind: RecordType, instance, initial: dict | None = None):
    require(kind.can_edit(request.user))
    conflicts: list[dict[str, str]] = []
    if request.method == "POST":
        form = kind.form_class(request.POST, instance=instance)
        formset = _members_formset(kind, instance, request.POST)
        if form.is_valid() and (formset is None or formset.is_valid()):
            try:
                record = _save(request, kind, form, formset, instance)
            except ConcurrentEditError as error:
                # Keep the user's entries; show what was saved meanwhile; the next
                # save is against the current version, so it is a deliberate overwrite.
                fresh = kind.model.all_objects.get(pk=instance.pk)
                conflicts = _conflicts(form.instance, fresh, form._meta.fields)
                data = request.POST.copy()
                data["seen_version"] = str(fresh.version)
                form = kind.form_class(data, instance=fresh)
                formset = _members_formset(kind, fresh, data)
                form.is_valid()
                form.add_error(None, str(error))
                form.add_error(
                    None,
                    _("Your entries are kept below. Compare them with the values saved meanwhile, "
                      "then save again to replace those values with yours."),
                )
            except ValidationError as error:
                _add_validation_error(form, error)
            else:
                if instance.pk:
                    messages.success(request, _("Saved “%(name)s”.") % {"name": record})
                else:
                    messages.success(request, _("Created “%(name)s”.") % {"name": record})
                return redirect(record)
    else:
        form = kind.form_class(instance=instance, initial=initial)
        formset = _members_formset(kind, instance)
    return render(
        request,
        "partners/form.html",
        {
            "form": form,
            "formset": formset,
            "record": instance if instance.pk else None,
            "title": kind.edit_title if instance.pk else kind.new_title,
            "cancel_url": instance.get_absolute_url() if instance.pk else kind.url("_list"),
            "conflicts": conflicts,
        },
    )


def _initial_from_query(request, names: list[str]) -> dict[str, str]:
    return {name: request.GET[name] for name in names if request.GET.get(name)}


@login_required
@require_http_methods(["GET", "POST"])
def place_create(request):
    initial = _initial_from_query(request, ["country"])
    parent_id = request.GET.get("parent", "")
    parent = Place.objects.filter(pk=parent_id).first() if parent_id.isdigit() else None
    if parent is not None:
        initial.update(parent=parent.pk, country=parent.country_id, kind=Place.Kind.CITY)
    return _edit(request, PLACE, Place(), initial)


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request, pk):
    require(PLACE.can_edit(request.user))
    return _edit(request, PLACE, queries.get_place_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    return _edit(request, ORGANISATION, Organisation(), _initial_from_query(request, ["country", "place"]))


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    require(ORGANISATION.can_edit(request.user))
    return _edit(request, ORGANISATION, queries.get_organisation_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request):
    return _edit(request, AGREEMENT, Agreement(), _initial_from_query(request, ["place", "organisation"]))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk):
    require(AGREEMENT.can_edit(request.user))
    return _edit(request, AGREEMENT, queries.get_agreement_for_user(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request):
    return _edit(request, NETWORK, Network())


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request, pk):
    require(NETWORK.can_edit(request.user))
    return _edit(request, NETWORK, queries.get_network_for_user(request.user, pk))


# Delete, restore, deleted records ------------------------------------------------------------


def _delete(request, kind: RecordType, pk):
    require(can_coordinate(request.user))
    record = kind.get(request.user, pk)
    form = forms.ConfirmForm(request.POST if request.method == "POST" else None, initial={"seen_version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            kind.delete(record, acting_user=request.user, seen_version=form.cleaned_data["seen_version"])
        except (ValidationError, ConcurrentEditError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                _("Deleted “%(name)s”. A coordinator can restore it from the deleted records.") % {"name": record},
            )
            return redirect(kind.url("_list"))
    return render(
        request,
        "partners/confirm_delete.html",
        {
            "record": record,
            "kind": kind.key,
            "form": form,
            "blockers": kind.blockers(record) if kind.blockers else [],
            "verbose_name": kind.model._meta.verbose_name,
        },
    )


def _restore(request, kind: RecordType, pk):
    require(can_coordinate(request.user))
    record = kind.get(request.user, pk, deleted=True)
    form = forms.ConfirmForm(request.POST if request.method == "POST" else None, initial={"seen_version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            kind.restore(record, acting_user=request.user, seen_version=form.cleaned_data["seen_version"])
        except (ValidationError, ConcurrentEditError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Restored “%(name)s”.") % {"name": record})
            return redirect(record)
    return render(
        request,
        "partners/confirm_restore.html",
        {
            "record": record,
            "kind": kind.key,
            "form": form,
            "history": history_entries(record),
            "verbose_name": kind.model._meta.verbose_name,
        },
    )


def _deleted_list(request, kind: RecordType):
    require_deleted_records_access(request.user)
    page = _paginate(request, queries.deleted_records(kind.model))
    return render(
        request,
        "partners/deleted_list.html",
        {
            "page": page,
            "kind": kind.key,
            "verbose_name_plural": kind.model._meta.verbose_name_plural,
            "list_url": kind.url("_list"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_delete(request, pk):
    return _delete(request, PLACE, pk)


@login_required
@require_http_methods(["GET", "POST"])
def place_restore(request, pk):
    return _restore(request, PLACE, pk)


@login_required
def place_deleted_list(request):
    return _deleted_list(request, PLACE)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_delete(request, pk):
    return _delete(request, ORGANISATION, pk)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_restore(request, pk):
    return _restore(request, ORGANISATION, pk)


@login_required
def organisation_deleted_list(request):
    return _deleted_list(request, ORGANISATION)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_delete(request, pk):
    return _delete(request, AGREEMENT, pk)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_restore(request, pk):
    return _restore(request, AGREEMENT, pk)


@login_required
def agreement_deleted_list(request):
    return _deleted_list(request, AGREEMENT)


@login_required
@require_http_methods(["GET", "POST"])
def network_delete(request, pk):
    return _delete(request, NETWORK, pk)


@login_required
@require_http_methods(["GET", "POST"])
def network_restore(request, pk):
    return _restore(request, NETWORK, pk)


@login_required
def network_deleted_list(request):
    return _deleted_list(request, NETWORK)
