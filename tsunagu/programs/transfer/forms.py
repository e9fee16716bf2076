"""Form of a catalogue import: the uploaded file."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .readers import MAX_FILE_BYTES


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Catalogue file"),
        help_text=gettext_lazy("A YAML file (.yaml) or an Excel workbook (.xlsx) in the catalogue format."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("The file is too large: %(size)s MB, at most %(max)s MB.")
                % {"size": f"{upload.size / 1024 / 1024:.1f}", "max": MAX_FILE_BYTES // 1024 // 1024}
            )
        return upload
