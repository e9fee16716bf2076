"""Forms for partners records. Validation lives on the models; these declare the input."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.core.i18n import ui_is_japanese
from tsunagu.partners.actions import MembershipChange
from tsunagu.partners.models import (
    Agreement,
    Country,
    Network,
    NetworkMembership,
    Organisation,
    Place,
    partner_places,
)


def formfield(model_field, **kwargs):
    """Model fields as form fields; a web address typed without a scheme is taken as https."""
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_field.formfield(**kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PlaceChoiceField(forms.ModelChoiceField):
    """Places labelled with their country, so two cities of the same name stay apart."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Place.objects.select_related("country"))
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Place) -> str:
        return f"{obj.name}（{obj.country.name}）"


class CountryChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Country.objects.all())
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Country) -> str:
        return f"{obj.name}（{obj.code}）"


def sort_by_ui_name(field: forms.ModelChoiceField, *prefix: str) -> None:
    """Order a choice field's records by their name in the UI language."""
    name = "name_sort" if ui_is_japanese() else "name_en"
    field.queryset = field.queryset.order_by(*[f"{p}__{name}" for p in prefix], name)


class VersionedForm(forms.ModelForm):
    """Carries the record's version as it was when the form was rendered (optimistic locking)."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def model_values(self) -> dict:
        """The cleaned values of the model's fields, for the actions layer."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class PlaceForm(VersionedForm):
    country = CountryChoiceField(label=_("country"))
    parent = PlaceChoiceField(label=_("part of"), required=False)

    class Meta:
        model = Place
        fields = [
            "country", "kind", "name_ja", "name_en", "name_local", "other_names", "parent",
            "latitude", "longitude", "notes", "is_sample",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "parent": _("The province or state the place belongs to, in the same country."),
            "latitude": _("Decimal degrees, e.g. 20.8449 (with the longitude)."),
            "longitude": _("Decimal degrees, e.g. 106.6881 (with the latitude)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sort_by_ui_name(self.fields["country"])
        sort_by_ui_name(self.fields["parent"], "country")
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)


class OrganisationForm(VersionedForm):
    country = CountryChoiceField(label=_("country"), required=False)
    place = PlaceChoiceField(label=_("located in"), required=False)

    class Meta:
        model = Organisation
        formfield_callback = formfield
        fields = [
            "kind", "name_ja", "name_en", "abbreviation", "country", "place",
            "website", "notes", "is_sample",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sort_by_ui_name(self.fields["country"])
        sort_by_ui_name(self.fields["place"], "country")


class AgreementForm(VersionedForm):
    place = PlaceChoiceField(
        label=_("partner place"), required=False, queryset=partner_places(Place.objects.select_related("country"))
    )

    class Meta:
        model = Agreement
        formfield_callback = formfield
        fields = [
            "kind", "title_ja", "title_en", "place", "organisation",
            "signed_on", "renewed_on", "ended_on", "term_years",
            "signatory_city", "signatory_partner",
            "assembly_approval_required", "assembly_approved_on",
            "letter_references", "document_url", "notes", "is_sample",
        ]
        widgets = {
            "signed_on": DateInput(),
            "renewed_on": DateInput(),
            "ended_on": DateInput(),
            "assembly_approved_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "place": _("Choose the partner place, the partner organisation, or both."),
            "letter_references": _("e.g. 北九国政第123号; separate several with commas."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sort_by_ui_name(self.fields["place"], "country")


class NetworkForm(VersionedForm):
    class Meta:
        model = Network
        formfield_callback = formfield
        fields = ["name_ja", "name_en", "founded_on", "purpose", "website", "is_sample"]
        widgets = {"founded_on": DateInput(), "purpose": forms.Textarea(attrs={"rows": 3})}


class MembershipForm(forms.ModelForm):
    place = PlaceChoiceField(label=_("member place"))

    class Meta:
        model = NetworkMembership
        fields = ["place", "role", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sort_by_ui_name(self.fields["place"], "country")


class BaseMembershipFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the place choices shared by every row, not one per row.
        if self.forms:
            choices = list(self.forms[0].fields["place"].choices)
            for form in self.forms:
                form.fields["place"].choices = choices

    def get_queryset(self):
        return super().get_queryset().select_related("place", "place__country")

    def changes(self) -> list[MembershipChange]:
        """The edited rows as instructions for ``actions.update_network``."""
        result = []
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            data = form.cleaned_data
            if not data:
                continue
            result.append(
                MembershipChange(
                    place=data.get("place"),
                    role=data.get("role") or NetworkMembership.Role.MEMBER,
                    joined_on=data.get("joined_on"),
                    left_on=data.get("left_on"),
                    membership_id=form.instance.pk,
                    remove=bool(data.get("DELETE")),
                )
            )
        return result


MembershipFormSet = forms.inlineformset_factory(
    Network,
    NetworkMembership,
    form=MembershipForm,
    formset=BaseMembershipFormSet,
    extra=3,
    can_delete=True,
)


class ConfirmForm(forms.Form):
    """Delete and restore confirmations carry the version that was shown."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
