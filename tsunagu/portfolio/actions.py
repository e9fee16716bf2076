"""Every write to a project goes through here: checked, atomic, recorded in the history.

- ``create_project`` / ``update_project`` save the project, its many-to-many
  classifications and its rows (partners, budget lines, links) together, and
  write one history record for the project (see ``portfolio.history``);
- ``update_project`` refuses to overwrite a change made since the editor
  opened the form (optimistic locking on ``Project.version``);
- ``delete_project`` hides the project (soft delete, rows kept);
  ``restore_project`` brings it back with everything that hangs off it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from tsunagu.core.concurrency import ConcurrentEditError, claim_version
from tsunagu.org.permissions import require

from .history import history_paused, record_history
from .models import BudgetLine, Project, ProjectLink, ProjectPartner
from .queries import may_delete_project, may_edit_project, may_restore_project

ROW_MODELS = (ProjectPartner, BudgetLine, ProjectLink)
M2M_FIELDS = ("co_departments", "fields", "activity_types", "sdg_goals", "sdg_targets")


@dataclass
class ProjectChanges:
    """What changes besides the project's own fields."""

    m2m: dict[str, list] = field(default_factory=dict)  # field name → the complete new set
    save: list[models.Model] = field(default_factory=list)  # partner / budget / link rows, new or changed
    delete: list[models.Model] = field(default_factory=list)  # rows of this project to remove


def _apply(project: Project, changes: ProjectChanges, acting_user) -> None:
    for name, values in changes.m2m.items():
        if name not in M2M_FIELDS:
            raise ValueError(f"not a many-to-many field of a project: {name}")
        getattr(project, name).set(values)
    for row in changes.delete:
        if not isinstance(row, ROW_MODELS) or row.project_id != project.pk:
            raise PermissionDenied
        row._history_user = acting_user
        row.delete()
    for row in changes.save:
        if not isinstance(row, ROW_MODELS) or (row.pk and row.project_id != project.pk):
            raise PermissionDenied
        row.project = project
        row.full_clean()
        row._history_user = acting_user
        row.save()


def create_project(*, acting_user, project: Project, changes: ProjectChanges | None = None) -> Project:
    """Save a new project with its classifications and rows; the acting user must own its department."""
    require(may_edit_project(acting_user, project))
    changes = changes or ProjectChanges()
    started = timezone.now()
    with transaction.atomic():
        project.full_clean()
        with history_paused(project):
            project.save()
            _apply(project, changes, acting_user)
        record_history(project, "+", acting_user, when=started)
    return project


def update_project(
    project: Project,
    *,
    acting_user,
    seen_version: int | None,
    changes: ProjectChanges | None = None,
) -> Project:
    """Save new values of a project, unless someone else saved it since ``seen_version``.

    Both the stored lead department and the new one must be the acting user's:
    an editor can neither edit another department's project nor hand their
    own to a department they do not belong to.
    """
    changes = changes or ProjectChanges()
    started = timezone.now()
    with transaction.atomic():
        stored = Project.objects.filter(pk=project.pk).values_list("lead_department_id", flat=True)
        if not stored:
            raise ConcurrentEditError()  # deleted meanwhile
        require(may_edit_project(acting_user, Project(lead_department_id=stored[0])))
        require(may_edit_project(acting_user, project))
        claim_version(project, seen_version)
        project.full_clean()
        with history_paused(project):
            project.save()
            _apply(project, changes, acting_user)
        record_history(project, "~", acting_user, when=started)
    return project


def delete_project(project: Project, *, acting_user) -> None:
    """Hide a project (its rows stay, ready for a restore). Owner editor or coordinator."""
    require(may_delete_project(acting_user, project))
    with transaction.atomic():
        # Taking a new version makes any edit form still open on it fail cleanly.
        claim_version(project, project.version)
        project.mark_deleted()
        project._history_user = acting_user
        project.save(update_fields=["deleted_at", "version"])


def restore_project(project: Project, *, acting_user) -> None:
    """Bring a deleted project back with its partners, budget lines and links. Coordinator only."""
    require(may_restore_project(acting_user))
    with transaction.atomic():
        claim_version(project, project.version)
        project.mark_restored()
        project._history_user = acting_user
        project.save(update_fields=["deleted_at", "version"])
