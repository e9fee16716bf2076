"""Forms of the policy framework: a node, attaching a project to a node (from either side)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagu.core.fiscal import fiscal_year_choices
from tsunagu.partners.forms import VersionedForm

from .models import PolicyLink, PolicyNode


def tree_choices(exclude_pk: int | None = None) -> list[tuple[int, str]]:
    """Live nodes in tree order, indented by depth (one query)."""
    nodes = list(PolicyNode.objects.order_by("sort_order", "pk").only("pk", "parent_id", "name_ja", "name_en"))
    children: dict[int | None, list[PolicyNode]] = {}
    ids = {node.pk for node in nodes}
    for node in nodes:
        children.setdefault(node.parent_id if node.parent_id in ids else None, []).append(node)
    result: list[tuple[int, str]] = []

    def walk(parent_id, depth):
        for node in children.get(parent_id, []):
            if node.pk != exclude_pk:
                result.append((node.pk, "　" * depth + ("└ " if depth else "") + node.name))
            walk(node.pk, depth + 1)

    walk(None, 0)
    return result


class TreeNodeChoiceField(forms.ModelChoiceField):
    """A node chosen from the tree, drawn indented."""

    def __init__(self, *, exclude_pk: int | None = None, **kwargs):
        kwargs.setdefault("queryset", PolicyNode.objects.all())
        super().__init__(**kwargs)
        self.choices = [("", self.empty_label or "---------"), *tree_choices(exclude_pk)]


class NodeForm(VersionedForm):
    class Meta:
        model = PolicyNode
        fields = ["level", "name_ja", "name_en", "parent", "description", "adopted_on", "sort_order"]
        widgets = {"adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"] = TreeNodeChoiceField(
            exclude_pk=self.instance.pk,
            required=False,
            label=PolicyNode._meta.get_field("parent").verbose_name,
            help_text=PolicyNode._meta.get_field("parent").help_text,
            empty_label=_("(none: a top-level plan)"),
        )


class LinkProjectForm(forms.Form):
    """On a node page: attach one of the projects the user may edit."""

    project = forms.ModelChoiceField(label=_("project"), queryset=None)
    note = forms.CharField(
        label=PolicyLink._meta.get_field("note").verbose_name, max_length=200, required=False,
        help_text=PolicyLink._meta.get_field("note").help_text,
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["project"].label_from_instance = lambda p: f"{p.title}（{p.lead_department}）"


class LinkNodeForm(forms.Form):
    """On a project page: attach the project to a node."""

    note = forms.CharField(
        label=PolicyLink._meta.get_field("note").verbose_name, max_length=200, required=False,
        help_text=PolicyLink._meta.get_field("note").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The tree is read when the form is made (not when the module is imported), node first.
        self.fields = {"node": TreeNodeChoiceField(label=_("policy framework node")), **self.fields}


class YearFilterForm(forms.Form):
    fy = forms.TypedChoiceField(label=_("Fiscal year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = fiscal_year_choices(years[0], years[-1]) if years else []
        self.fields["fy"].choices = [("", _("All fiscal years")), *choices]
