"""What support programmes put in the search index (registered in ``ProgramsConfig.ready``).

Names, provider, purpose, fields, activity types, countries, applicants,
funding forms and conditions; never the contact or internal notes (they may
name people). Six facets narrow and count them: provider, field, activity
type, target region, eligible applicants and the window status today (which
changes on the day a window opens or closes: ``facets_valid_until``). Every
signed-in member of staff may find every live programme.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tsunagu.core.i18n import pick
from tsunagu.partners.models import Country, Organisation
from tsunagu.portfolio.models import ActivityType, Field
from tsunagu.search.registry import (
    Badge,
    Document,
    Facet,
    Refresh,
    SearchKind,
    both,
    join,
    names,
    reverse_or_blank,
    signed_in_staff,
)

from ..models import ApplicantType, ApplicationWindow, FundingForm, Program, WindowStatus


def window_facet(program: Program, today: datetime.date) -> tuple[str, datetime.date | None]:
    """The programme's window status today, and the first later day it may change."""
    status = program.window_status(today)
    horizon = today + datetime.timedelta(days=400)
    changes: list[datetime.date] = []
    for window in program.windows.all():
        closes_after = window.closes_on and window.closes_on + datetime.timedelta(days=1)
        changes.extend(day for day in (window.opens_on, closes_after) if day is not None and day > today)
        if window.kind == ApplicationWindow.Kind.RECURRING:
            for occurrence in window.occurrences_between(today, horizon):
                changes.append(occurrence.opens)
                if occurrence.closes is not None:
                    changes.append(occurrence.closes + datetime.timedelta(days=1))
    later = [day for day in changes if day > today]
    return status, (min(later) if later else None)


# -- facet labels (one small query per facet that names records) -------------------------------


def _provider_labels(values: set[str]) -> dict[str, str]:
    ids = [int(v) for v in values if v.isdigit()]
    labels = {}
    if ids:
        rows = Organisation.all_objects.filter(pk__in=ids).values_list("pk", "name_ja", "name_en", "abbreviation")
        for pk, name_ja, name_en, abbreviation in rows:
            name = pick(name_ja, name_en)
            labels[str(pk)] = f"{name}（{abbreviation}）" if abbreviation and abbreviation not in name else name
    return labels


def _code_labels(model):
    def labels(values: set[str]) -> dict[str, str]:
        rows = model.objects.filter(code__in=values).values_list("code", "name_ja", "name_en")
        return {code: pick(name_ja, name_en) for code, name_ja, name_en in rows}

    return labels


def _region_labels(values: set[str]) -> dict[str, str]:
    labels = {value: str(label) for value, label in Program.RegionScope.choices}
    countries = [v for v in values if v not in labels]
    if countries:
        for code, name_ja, name_en in Country.objects.filter(code__in=countries).values_list(
            "code", "name_ja", "name_en"
        ):
            labels[code] = pick(name_ja, name_en)
    return labels


def _choice_labels(choices):
    def labels(values: set[str]) -> dict[str, str]:
        return {value: str(label) for value, label in choices.choices}

    return labels


WINDOW_TONES = {WindowStatus.OPEN: "positive", WindowStatus.UPCOMING: "notice", WindowStatus.CLOSED: "muted"}


class ProgramSearch(SearchKind):
    name = "program"
    number = 1  # part of every entry id: never change it
    label = _("Support programmes")
    model = Program
    facets_label = _("Narrow the programmes")
    browse_label = _("Browse all support programmes by provider, field and window")
    facets = (
        Facet("provider", _("Provider"), _provider_labels),
        Facet("field", _("Field"), _code_labels(Field)),
        Facet("activity", _("Activity type"), _code_labels(ActivityType)),
        Facet("region", _("Target region"), _region_labels, leading=tuple(Program.RegionScope.values)),
        Facet("applicant", pgettext_lazy("search facet", "Eligible applicants"), _choice_labels(ApplicantType)),
        Facet(
            "window", pgettext_lazy("search facet", "Application window"), _choice_labels(WindowStatus),
            leading=tuple(WindowStatus.values), closed=True,
        ),
    )
    many_to_many = ("fields", "activity_types", "countries")
    refresh = (
        Refresh(ApplicationWindow, lambda window: [window.program_id], on_delete=True),
        Refresh(Organisation, lambda provider: Program.objects.filter(provider=provider).values_list("pk", flat=True)),
    )

    def queryset(self):
        return Program.all_objects.select_related("provider").prefetch_related(
            "fields", "activity_types", "countries", "windows"
        )

    def document(self, program: Program, today: datetime.date) -> Document:
        provider = program.provider
        applicant_labels = [both(label) for value, label in ApplicantType.choices if value in program.eligible_applicants]
        funding_labels = [both(label) for value, label in FundingForm.choices if value in program.funding_forms]
        scope_ja, scope_en = both(Program.RegionScope(program.region_scope).label)
        status, valid_until = window_facet(program, today)
        fields = list(program.fields.all())
        activities = list(program.activity_types.all())
        countries = list(program.countries.all())
        region = [program.region_scope] + [c.code for c in countries]
        return Document(
            kind=self.name,
            object_id=program.pk,
            slug=program.code,
            title_ja=program.name_ja,
            title_en=program.name_en,
            detail_ja=provider.name_ja,
            detail_en=provider.name_en or provider.name_ja,
            title_text=join(program.name_ja, program.name_en),
            body_text=join(
                program.code.replace("-", " "),
                [provider.name_ja, provider.name_en, provider.abbreviation, program.provider_note],
                [program.purpose, program.purpose_en],
                names(fields),
                names(activities),
                names(countries),
                [scope_ja, scope_en, program.region_note],
                [label for pair in applicant_labels for label in pair],
                [label for pair in funding_labels for label in pair],
                [program.applicants_note, program.activities_note, program.city_role_note],
                [program.requirements, program.exclusions, program.application_note],
            ),
            facets={
                "provider": [str(program.provider_id)],
                # A programme coded with no field is open to every field: it counts under each.
                "field": [f.code for f in fields] or list(Field.objects.values_list("code", flat=True)),
                "activity": [a.code for a in activities],
                "region": region,
                "applicant": list(program.eligible_applicants or []),
                "window": [status],
            },
            facets_valid_until=valid_until,
        )

    def url(self, object_id, slug):
        return reverse_or_blank("programs:detail", slug)

    def visible(self, user):
        return signed_in_staff(user)

    def badge(self, hit) -> Badge | None:
        """The window status the hit was indexed with ("Window: open")."""
        values = hit.facets.get("window") or []
        if not values or values[0] not in WindowStatus.values:
            return None
        status = values[0]
        return Badge(gettext("Window: %(status)s") % {"status": WindowStatus(status).label}, WINDOW_TONES.get(status, ""))
