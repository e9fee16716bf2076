"""The one way every form field is drawn: label (with a required marker), help, errors, widget.

``FORM_RENDERER`` points here, so ``{{ form }}`` and ``{{ field.as_field_group }}``
in any template draw a field with ``templates/forms/field.html``: a required
field says so next to its label, a single checkbox stands before its label,
and a group of checkboxes or radio buttons is a fieldset with a legend.
Templates loop over fields and call ``as_field_group`` instead of writing the
label by hand, so the marker cannot be forgotten on one page.
"""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Form templates from the project's template settings (so ``templates/forms/`` can override them)."""

    field_template_name = "forms/field.html"
