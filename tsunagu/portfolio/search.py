"""What projects put in the search index (registered in ``PortfolioConfig.ready``).

Titles, summary and results, departments, fields, activity types, SDGs and
partners; never notes or people. Every signed-in member of staff may find
every live project. Renaming a department, place or organisation reindexes
the projects that show its name.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tsunagu.org.models import Department
from tsunagu.partners.models import Organisation, Place
from tsunagu.search.registry import (
    Document,
    Refresh,
    SearchKind,
    join,
    names,
    reverse_or_blank,
    signed_in_staff,
)

from .models import Project, ProjectPartner


def _led_or_joined(department: Department) -> list[int]:
    led = Project.objects.filter(lead_department=department).values_list("pk", flat=True)
    co = Project.co_departments.through.objects.filter(department=department).values_list("project_id", flat=True)
    return [*led, *co]


class ProjectSearch(SearchKind):
    name = "project"
    number = 2  # part of every entry id: never change it
    label = _("Projects")
    model = Project
    many_to_many = ("co_departments", "fields", "activity_types", "sdg_goals")
    refresh = (
        Refresh(ProjectPartner, lambda partner: [partner.project_id], on_delete=True),
        Refresh(Place, lambda place: ProjectPartner.objects.filter(place=place).values_list("project_id", flat=True)),
        Refresh(
            Organisation,
            lambda organisation: ProjectPartner.objects.filter(organisation=organisation).values_list(
                "project_id", flat=True
            ),
        ),
        Refresh(Department, _led_or_joined, on_create=False),
    )

    def queryset(self):
        return Project.all_objects.select_related("lead_department").prefetch_related(
            "co_departments",
            "fields",
            "activity_types",
            "sdg_goals",
            Prefetch(
                "partners",
                queryset=ProjectPartner.objects.select_related("place__country", "organisation"),
            ),
        )

    def document(self, project: Project, today: datetime.date) -> Document:
        places = [p.place for p in project.partners.all() if p.place_id]
        organisations = [p.organisation for p in project.partners.all() if p.organisation_id]
        department = project.lead_department
        with translation.override("ja"):
            span_ja = project.fiscal_year_span_label()
        with translation.override("en"):
            span_en = project.fiscal_year_span_label()
        return Document(
            kind=self.name,
            object_id=project.pk,
            title_ja=project.title_ja,
            title_en=project.title_en,
            detail_ja=f"{department.name_ja}・{span_ja}",
            detail_en=f"{department.name_en or department.name_ja}, {span_en}",
            title_text=join(project.title_ja, project.title_en),
            body_text=join(
                [project.summary, project.results],
                names([department, *project.co_departments.all()]),
                names(project.fields.all()),
                names(project.activity_types.all()),
                names(project.sdg_goals.all()),
                [n for place in places for n in (place.name_ja, place.name_en, place.name_local)],
                names(dict.fromkeys(place.country for place in places)),
                [n for org in organisations for n in (org.name_ja, org.name_en, org.abbreviation)],
            ),
        )

    def url(self, object_id, slug):
        return reverse_or_blank("portfolio:project", object_id)

    def visible(self, user):
        return signed_in_staff(user)
