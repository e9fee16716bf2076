"""The list's filters and the review form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.core.fiscal import FiscalYear, accepted_years, fiscal_year_choices
from tsunagu.org.models import Department

from .models import OverlapKind

STATUS_CHOICES = [
    ("open", _("Not reviewed (or back with something new)")),
    ("reviewed", _("Reviewed")),
    ("", _("All")),
]


class OverlapFilterForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year"), coerce=int, required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *OverlapKind.choices])
    status = forms.ChoiceField(label=_("Review"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, last = accepted_years()
        self.fields["fiscal_year"].choices = fiscal_year_choices(first, last)

    def year(self) -> int:
        return (self.is_valid() and self.cleaned_data.get("fiscal_year")) or FiscalYear.current().year


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("What was checked or agreed: e.g. both bureaus met on 1 June and share their schedules."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
