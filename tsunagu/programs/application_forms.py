"""Forms of applications: the application's facts, one status step, a document."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tsunagu.core.fiscal import FiscalYear, fiscal_year_choices
from tsunagu.portfolio.forms import YenField

from .applications import STEP_DATE_FIELD, Status, status_label
from .models import Application, ApplicationDocument, ApplicationWindow, Program

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class ProgramChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Program) -> str:
        return f"{obj.name}（{obj.provider.name}）"


class WindowChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ApplicationWindow) -> str:
        label = f"{obj.program.name} — {obj.fiscal_year_label}"
        if obj.label:
            label += f" {obj.label}"
        if obj.kind == ApplicationWindow.Kind.DATED and obj.closes_on:
            label += f"（〜{obj.closes_on.isoformat()}）"
        return label


class ApplicationForm(forms.ModelForm):
    """The facts of an application. The status is chosen only when recording a new one."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    program = ProgramChoiceField(queryset=Program.objects.none(), label=_("programme"))
    window = WindowChoiceField(queryset=ApplicationWindow.objects.none(), required=False, label=_("application window"))
    amount_requested_jpy = YenField(label=_("amount requested (yen)"), required=False)
    amount_granted_jpy = YenField(
        label=_("amount granted (yen)"), required=False, help_text=_("Required once the application is adopted.")
    )

    class Meta:
        model = Application
        fields = [
            "program",
            "window",
            "fiscal_year",
            "status",
            "due_on",
            "submitted_on",
            "decided_on",
            "report_due_on",
            "reported_on",
            "amount_requested_jpy",
            "amount_granted_jpy",
            "notes",
        ]
        widgets = {
            "due_on": forms.DateInput(**DATE_WIDGET),
            "submitted_on": forms.DateInput(**DATE_WIDGET),
            "decided_on": forms.DateInput(**DATE_WIDGET),
            "report_due_on": forms.DateInput(**DATE_WIDGET),
            "reported_on": forms.DateInput(**DATE_WIDGET),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, project, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.project = project
        self.instance.project = project
        programs = Program.objects.select_related("provider").order_by("provider__name_sort", "name_sort", "name_ja")
        if self.instance.pk and self.instance.program_id:
            # A programme deleted since stays selectable for its existing applications.
            programs = Program.all_objects.filter(pk=self.instance.program_id) | programs
            programs = programs.select_related("provider").order_by("provider__name_sort", "name_sort", "name_ja")
        self.fields["program"].queryset = programs
        self.fields["window"].queryset = ApplicationWindow.objects.select_related("program").filter(
            program__deleted_at__isnull=True
        ).order_by("program__name_sort", "-fiscal_year", "opens_on", "pk")
        first = project.first_fiscal_year.year
        last = (project.last_fiscal_year or FiscalYear.current().next()).year
        last = max(last, first)
        self.fields["fiscal_year"] = forms.TypedChoiceField(
            label=_("fiscal year"), coerce=int, choices=fiscal_year_choices(first, last),
            help_text=_("The 年度 of the project funded (within the project's period)."),
        )
        if self.instance.pk:
            del self.fields["status"]
            if not self.is_bound:
                self.fields["version"].initial = self.instance.version
        else:
            self.fields["status"].help_text = _(
                "For an application made before it was recorded here; afterwards the status moves step by step."
            )
            if not self.is_bound:
                self.initial.setdefault("fiscal_year", max(first, min(last, FiscalYear.current().next().year)))

    def clean(self):
        cleaned = super().clean()
        program, window = cleaned.get("program"), cleaned.get("window")
        if program and window and window.program_id != program.pk:
            self.add_error("window", _("This window belongs to another programme."))
        return cleaned

    @property
    def seen_version(self) -> int | None:
        return self.cleaned_data.get("version")


class TransitionForm(forms.Form):
    """One step of the status flow, with the date of the step and (adoption) the amount granted."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    on = forms.DateField(label=_("date"), required=False, widget=forms.DateInput(**DATE_WIDGET))
    amount_granted_jpy = YenField(label=_("amount granted (yen)"), required=False)

    def __init__(self, *args, application: Application, target: str | None = None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.application = application
        target = target or (self.data.get("status") if self.is_bound else None)
        self.target = target
        if not self.is_bound:
            self.fields["version"].initial = application.version
            self.fields["status"].initial = target
        if target not in STEP_DATE_FIELD:
            del self.fields["on"]
        else:
            labels = {
                Status.SUBMITTED: _("submitted on"),
                Status.ADOPTED: _("decided on"),
                Status.REJECTED: _("decided on"),
                Status.REPORTED: _("reported on"),
            }
            self.fields["on"].label = labels[target]
            self.fields["on"].help_text = _("Today when left empty.")
        if target != Status.ADOPTED:
            del self.fields["amount_granted_jpy"]
        elif not self.is_bound:
            self.fields["amount_granted_jpy"].initial = application.amount_granted_jpy or application.amount_requested_jpy
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_{target}_{name}")

    @property
    def target_label(self) -> str:
        return status_label(self.target or "")

    def clean(self):
        cleaned = super().clean()
        if self.target == Status.ADOPTED and cleaned.get("amount_granted_jpy") is None and (
            self.application.amount_granted_jpy is None
        ):
            raise ValidationError(
                {"amount_granted_jpy": _("Give the amount granted: it is required once the application is adopted.")}
            )
        return cleaned


class DocumentForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = ApplicationDocument
        fields = ["kind", "title", "dated_on", "url", "file_reference"]
        widgets = {"dated_on": forms.DateInput(**DATE_WIDGET)}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("prefix", "document")
        super().__init__(*args, **kwargs)

