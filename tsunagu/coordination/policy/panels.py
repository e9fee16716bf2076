"""The project page's panel: the nodes of the policy framework the project serves."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tsunagu.portfolio.panels import ProjectPanel
from tsunagu.portfolio.queries import may_edit_project

from . import queries
from .forms import LinkNodeForm


class PolicyPanel(ProjectPanel):
    key = "policy"
    title = _("Policy framework")
    template = "coordination/policy/_panel.html"
    order = 40

    def context(self, project, user):
        links = queries.project_links(project)
        may_edit = not project.is_deleted and may_edit_project(user, project)
        form = LinkNodeForm() if may_edit else None
        if form is not None:
            linked = {link.node_id for link in links}
            field = form.fields["node"]
            field.choices = [(value, label) for value, label in field.choices if value == "" or value not in linked]
        return {"links": links, "may_edit": may_edit, "form": form}
