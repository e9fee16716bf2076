"""Forms of applications: the application's facts, one status step, a document."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.core.fiscal import FiscalYear, fiscal_year_choices
from tsunagu.portfolio.forms import YenField

from ..models import Application, ApplicationDocument, ApplicationWindow, Program
from .actions import Status, plan_step, status_label

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}

# A window that closed within this many days is still offered: an application is often
# recorded after the deadline (the decision comes months later). Older ones are not.
RECENT_WINDOW_DAYS = 365


def offered_windows(program_id, *, keep=None, today: datetime.date | None = None) -> QuerySet[ApplicationWindow]:
    """The windows of a programme an application can name: open, upcoming, or closed within
    ``RECENT_WINDOW_DAYS`` (yearly windows always come round again); ``keep``, the window an
    application already names, stays offered."""
    today = today or timezone.localdate()
    recent = today - datetime.timedelta(days=RECENT_WINDOW_DAYS)
    if not program_id:
        return ApplicationWindow.objects.none()
    still = Q(kind=ApplicationWindow.Kind.RECURRING) | Q(closes_on__isnull=True) | Q(closes_on__gte=recent)
    if keep:
        still |= Q(pk=keep)
    return (
        ApplicationWindow.objects.select_related("program")
        .filter(program_id=program_id, program__deleted_at__isnull=True)
        .filter(still)
        .order_by("-fiscal_year", "opens_on", "closes_on", "pk")
    )


class ProgramChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Program) -> str:
        return f"{obj.name}（{obj.provider.name}）"


class WindowChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("This window is not offered for the chosen programme: choose one from the list."),
    }

    def label_from_instance(self, obj: ApplicationWindow) -> str:
        label = obj.fiscal_year_label
        if obj.label:
            label += f" {obj.label}"
        if obj.kind != ApplicationWindow.Kind.RECURRING and (obj.opens_on or obj.closes_on):
            opens = obj.opens_on.isoformat() if obj.opens_on else ""
            closes = obj.closes_on.isoformat() if obj.closes_on else ""
            label += f"（{opens}〜{closes}）"
        else:
            label += f"（{obj.get_kind_display()}）"
        return f"{label} — {obj.get_status_display()}"


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
        # The window field lists the windows of the chosen programme only; choosing another
        # programme reloads it (htmx; without JavaScript, the "show its windows" button).
        window_url = reverse("programs:application_window_field", args=[project.pk])
        if self.instance.pk:
            window_url += f"?application={self.instance.pk}"
        self.fields["program"].widget.attrs.update({
            "hx-get": window_url, "hx-trigger": "change", "hx-target": "#window-field",
            "hx-swap": "outerHTML", "hx-include": "[name='window']",
        })
        self.fields["window"].queryset = offered_windows(
            self.chosen_program_id(), keep=self.instance.window_id if self.instance.pk else None
        )
        self.fields["window"].help_text = _(
            "Windows of the chosen programme that are open, upcoming or closed within the last year."
        )
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

    def chosen_program_id(self):
        """The programme chosen in the submitted data, else the initial one, else the application's."""
        if self.is_bound:
            value = self.data.get(self.add_prefix("program"))
        else:
            value = self.initial.get("program") or self.instance.program_id
        value = getattr(value, "pk", value)
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def clean(self):
        cleaned = super().clean()
        program, window = cleaned.get("program"), cleaned.get("window")
        if program and window and window.program_id != program.pk:
            self.add_error("window", _("This window belongs to another programme."))
        return cleaned

    @property
    def seen_version(self) -> int | None:
        return self.cleaned_data.get("version")


DATE_LABELS = {
    "submitted_on": _("submitted on"),
    "decided_on": _("decided on"),
    "reported_on": _("reported on"),
}


class StepForm(forms.Form):
    """A move of the status: the next step, or a jump (``plan.is_jump``) confirmed by the user.

    Asks for the date of each step it records (the date of the step itself is
    required, those of skipped steps are optional) and, when it passes adoption,
    the amount granted. Nothing is filled in for the user: no today, no amount
    requested (which is shown beside the field for reference).
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)

    def __init__(self, *args, application: Application, target: str | None = None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.application = application
        target = target or (self.data.get("status") if self.is_bound else None)
        if target not in Status.values:
            target = None
        self.target = target
        self.plan = plan_step(application, target) if target else None
        if not self.is_bound:
            self.fields["version"].initial = application.version
            self.fields["status"].initial = target
        if self.plan is None:
            return
        for name in self.plan.date_fields:
            own = name == self.plan.target_date_field
            self.fields[name] = forms.DateField(
                label=DATE_LABELS[name], widget=forms.DateInput(**DATE_WIDGET),
                required=own and getattr(application, name) is None,
                initial=getattr(application, name),
                help_text=None if own else _("Optional: the date of a skipped step, if known."),
                error_messages={"required": _("Give the date of this step: it is not filled in for you.")},
            )
        if self.plan.needs_amount:
            help_text = _("Required.")
            if application.amount_requested_jpy is not None:
                help_text = _("Required. Amount requested: ¥%(amount)s.") % {
                    "amount": f"{application.amount_requested_jpy:,}"
                }
            self.fields["amount_granted_jpy"] = YenField(
                label=_("amount granted (yen)"), required=application.amount_granted_jpy is None,
                initial=application.amount_granted_jpy, help_text=help_text,
            )
        if self.plan.is_jump:
            self.fields["confirm"] = forms.BooleanField(
                label=_("I confirm: skip %(skipped)s and record “%(status)s”.") % {
                    "skipped": "、".join(self.plan.skipped_labels()), "status": status_label(target)
                } if self.plan.skipped else _("I confirm."),
                required=True,
                error_messages={"required": _("Tick the box to confirm the skipped steps.")},
            )
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_{target}_{name}")

    @property
    def target_label(self) -> str:
        return status_label(self.target or "")

    @property
    def dates(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in (self.plan.date_fields if self.plan else ())}


class JumpChoiceForm(forms.Form):
    """Which status to jump to (the confirmation page follows)."""

    status = forms.ChoiceField(label=_("skip to"))

    def __init__(self, *args, application: Application, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, status_label(s)) for s in application.jump_targets()]


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

