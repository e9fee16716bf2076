"""Forms of circulars and inquiries: the circular with its columns, and a department's answer rows."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from tsunagu.org.models import Department
from tsunagu.portfolio.models import Field, Project
from tsunagu.programs.models import Program

from .models import Circular, InquiryColumn

YES, NO = "yes", "no"


class CircularForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Circular
        fields = [
            "kind", "title", "body", "deadline", "answer_format", "targeting", "departments", "fields",
            "programs", "projects",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "targeting": forms.RadioSelect,
            "answer_format": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 8}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "departments": forms.CheckboxSelectMultiple,
            "fields": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(is_international_division=False)
        self.fields["programs"].queryset = Program.objects.order_by("name_sort", "pk")
        self.fields["projects"].queryset = Project.objects.select_related(None).order_by("name_sort", "pk")
        self.fields["programs"].widget.attrs["size"] = 6
        self.fields["projects"].widget.attrs["size"] = 6
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Circular.Kind.INQUIRY and not cleaned.get("deadline"):
            self.add_error("deadline", _("An inquiry needs an answer deadline."))
        targeting = cleaned.get("targeting")
        if targeting == Circular.Targeting.PICKED and not cleaned.get("departments"):
            self.add_error("departments", _("Pick at least one department."))
        if targeting == Circular.Targeting.FIELDS and not cleaned.get("fields"):
            self.add_error("fields", _("Choose at least one field."))
        return cleaned


class ColumnForm(forms.ModelForm):
    class Meta:
        model = InquiryColumn
        fields = ["label", "type", "choices", "required", "project_field"]
        widgets = {"choices": forms.Textarea(attrs={"rows": 2, "cols": 20})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("type") == InquiryColumn.Type.CHOICE and not [
            line for line in (cleaned.get("choices") or "").splitlines() if line.strip()
        ]:
            self.add_error("choices", _("Give the choices, one a line."))
        return cleaned


ColumnFormSet = inlineformset_factory(
    Circular, InquiryColumn, form=ColumnForm, extra=3, can_delete=True
)


def column_form_field(column: InquiryColumn) -> forms.Field:
    common = {"label": column.label, "required": column.required}
    kind = InquiryColumn.Type
    if column.type == kind.NUMBER:
        return forms.DecimalField(max_digits=18, decimal_places=4, **common)
    if column.type == kind.MONEY:
        return forms.IntegerField(min_value=0, **common)
    if column.type == kind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common)
    if column.type == kind.CHOICE:
        return forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in column.choice_list()], **common)
    if column.type == kind.YESNO:
        return forms.TypedChoiceField(
            choices=[("", "—"), (YES, _("Yes")), (NO, _("No"))], coerce=lambda v: v == YES,
            empty_value=None, **common,
        )
    if column.type == kind.DEPARTMENT:
        return forms.ModelChoiceField(queryset=Department.objects.all(), **common)
    if column.type == kind.FIELD:
        return forms.ModelChoiceField(queryset=Field.objects.all(), **common)
    return forms.CharField(max_length=2000, widget=forms.TextInput(attrs={"size": 24}), **common)


def answer_formset_class(columns: list[InquiryColumn], *, table: bool, extra: int):
    attrs = {f"c{column.pk}": column_form_field(column) for column in columns}
    row_form = type("AnswerRowForm", (forms.Form,), attrs)
    if table:
        return formset_factory(row_form, extra=extra, can_delete=True)
    return formset_factory(row_form, extra=0, min_num=1, max_num=1, validate_min=True)


def row_initial(columns: list[InquiryColumn], row) -> dict:
    initial = {}
    for column in columns:
        value = row.typed(column)
        if column.type == InquiryColumn.Type.YESNO and value is not None:
            value = YES if value else NO
        initial[f"c{column.pk}"] = value
    return initial


def rows_from_formset(formset, columns: list[InquiryColumn]) -> list[dict]:
    """The cleaned rows (by column pk), without the empty and the deleted ones."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        row = {column.pk: data.get(f"c{column.pk}") for column in columns}
        if all(value in (None, "") for value in row.values()):
            continue
        rows.append(row)
    return rows


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
