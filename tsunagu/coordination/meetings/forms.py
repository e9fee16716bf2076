"""Forms of councils and meetings. Each edit form carries the version the editor saw (optimistic locking)."""

from __future__ import annotations

import os

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.org.models import Department, User

from .models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Council,
    CouncilGroup,
    Decision,
    Meeting,
    MeetingSeries,
    Membership,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})


class VersionedForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    @property
    def seen_version(self) -> int | None:
        return self.cleaned_data.get("version")


class CouncilForm(VersionedForm):
    class Meta:
        model = Council
        fields = ["name_ja", "name_en", "kind", "purpose", "secretariat"]
        widgets = {"purpose": TEXT}


class GroupForm(VersionedForm):
    class Meta:
        model = CouncilGroup
        fields = ["name_ja", "name_en", "sort_order"]


class MembershipForm(VersionedForm):
    class Meta:
        model = Membership
        fields = ["user", "person_name", "department", "post", "group", "chair", "from_date", "to_date"]
        widgets = {"from_date": DATE, "to_date": DATE}

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["group"].queryset = council.groups.all()
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("username")


class MeetingForm(VersionedForm):
    class Meta:
        model = Meeting
        fields = ["title", "group", "starts_at", "ends_at", "place", "online_url", "other_attendees", "notes"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "other_attendees": TEXT, "notes": TEXT}

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["group"].queryset = council.groups.all()


class SeriesForm(VersionedForm):
    class Meta:
        model = MeetingSeries
        fields = ["title", "group", "every", "unit", "first_starts_at", "duration_minutes", "place", "online_url"]
        widgets = {"first_starts_at": DATETIME}

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["group"].queryset = council.groups.all()


class ExtendSeriesForm(forms.Form):
    count = forms.IntegerField(label=_("How many meetings"), min_value=1, max_value=24, initial=3)


class AttendanceForm(VersionedForm):
    class Meta:
        model = Attendance
        fields = ["membership", "status", "substitute"]

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        members = Membership.objects.filter(council=meeting.council_id).select_related("user", "department")
        taken = Attendance.objects.filter(meeting=meeting).exclude(pk=self.instance.pk).values("membership")
        self.fields["membership"].queryset = members.exclude(pk__in=taken)

    def clean_membership(self):
        membership = self.cleaned_data["membership"]
        if membership and not membership.is_current(self.instance.meeting.starts_at.date()):
            raise forms.ValidationError(_("This person was not a member on the day of the meeting."))
        return membership


class AgendaItemForm(VersionedForm):
    class Meta:
        model = AgendaItem
        fields = [
            "order", "title", "kind", "presenter", "presenter_department", "project", "program", "place", "status",
            "minutes",
        ]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        if not self.instance.pk:
            self.fields["order"].initial = (
                max(meeting.agenda_items.values_list("order", flat=True), default=0) + 1
            )
        self.fields["project"].queryset = self.fields["project"].queryset.order_by("title_ja")
        self.fields["place"].queryset = self.fields["place"].queryset.select_related("country")


class DecisionForm(VersionedForm):
    class Meta:
        model = Decision
        fields = ["agenda_item", "text", "departments"]
        widgets = {"text": TEXT, "departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["departments"].queryset = Department.objects.all()


class ActionItemForm(VersionedForm):
    class Meta:
        model = ActionItem
        fields = ["agenda_item", "decision", "text", "assignee_department", "assignee_user", "due_on"]
        widgets = {"text": TEXT, "due_on": DATE}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["decision"].queryset = meeting.decisions.all()
        self.fields["assignee_user"].queryset = User.objects.filter(is_active=True).order_by("username")


class MarkActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    done_note = forms.CharField(label=_("What was done"), required=False, widget=TEXT)


# Documents attached to agenda items: what the division exchanges (PDF, Office, images), at most 20 MB.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = {
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp",
    ".png", ".jpg", ".jpeg", ".gif", ".webp",
}
# The first bytes of each kind of file, so a renamed executable is refused.
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    # Office Open XML and OpenDocument are zip files; the old Office formats are OLE compound files.
    **{ext: (b"PK\x03\x04",) for ext in (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")},
    **{ext: (b"\xd0\xcf\x11\xe0",) for ext in (".doc", ".xls", ".ppt")},
}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word, Excel, PowerPoint or an image, at most 20 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = os.path.splitext(upload.name)[1].lower()
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("“%(name)s” is not a document tsunagu keeps: attach a PDF, Word, Excel, PowerPoint or image file."),
                code="type", params={"name": upload.name},
            )
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                _("“%(name)s” is %(size)s MB; a document may be at most 20 MB."),
                code="size", params={"name": upload.name, "size": f"{upload.size / 1024 / 1024:.1f}"},
            )
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(SIGNATURES[extension]):
            raise forms.ValidationError(
                _("“%(name)s” is not really a %(kind)s file (its contents do not match its name)."),
                code="content", params={"name": upload.name, "kind": extension.lstrip(".").upper()},
            )
        return upload
