from django import forms
from django.utils.translation import gettext_lazy as _

from . import registry


def _kind_choices():
    return [("", _("Everything")), *registry.choices()]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        strip=True,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "placeholder": _("e.g. 水道, ごみ, JICA, training")}
        ),
    )
    kind = forms.ChoiceField(label=_("Look in"), choices=_kind_choices, required=False)
    page = forms.IntegerField(min_value=1, max_value=1000, required=False)

    def clean_page(self):
        return self.cleaned_data.get("page") or 1
