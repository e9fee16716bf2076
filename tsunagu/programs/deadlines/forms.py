"""The subscription form: what to follow, the digest, where it goes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.partners.models import Organisation
from tsunagu.portfolio.models import ActivityType, Field

from ..models import Program, Subscription


class SubscriptionForm(forms.ModelForm):
    fields = forms.ModelMultipleChoiceField(
        queryset=Field.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("fields")
    )
    providers = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label=_("providers")
    )
    activity_types = forms.ModelMultipleChoiceField(
        queryset=ActivityType.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("activity types"),
    )

    class Meta:
        model = Subscription
        fields = ["fields", "providers", "activity_types", "digest_enabled", "email"]
        widgets = {"email": forms.EmailInput(attrs={"size": 40})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        provider_ids = Program.objects.values("provider_id")
        self.fields["providers"].queryset = Organisation.objects.filter(pk__in=provider_ids).order_by("name_sort", "name_ja")
        for name in ("fields", "providers", "activity_types"):
            self.fields[name].help_text = _("Leave all unticked to follow every programme.")
        self.fields["digest_enabled"].label = _("Send the weekly digest e-mail")
        self.fields["digest_enabled"].help_text = _(
            "Once a week: the application windows that open or close soon, and the deadlines of applications."
        )
        if self.instance.department_id:
            self.fields["email"].help_text = _(
                "Where the department's digest goes (e.g. the section's shared address). "
                "Empty: to every member of the department who has an e-mail address."
            )
        else:
            self.fields["email"].help_text = _("Empty: to the e-mail address of your account.")

    def m2m(self) -> dict[str, list]:
        return {name: list(self.cleaned_data[name]) for name in ("fields", "providers", "activity_types")}
