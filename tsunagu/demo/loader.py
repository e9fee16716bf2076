"""Load the Kitakyushu demo (``kitakyushu.py``) into the database.

Idempotent and fast on a second run: every record has a natural key
(department code, username, place = country + English or Japanese name,
organisation and network = Japanese name, agreement = kind + Japanese title,
project = Japanese title). The loader reads the existing keys with one query
per model, creates only what is missing and leaves existing records alone —
so changes made while trying the demo survive the next ``make run``. Deleted
(soft-deleted) records count as existing: the loader never resurrects or
duplicates them.

Everything runs in one transaction: a failure leaves the database unchanged.

Records are written straight to the models (validated with ``full_clean``)
rather than through the apps' ``actions`` modules: loading is not a user
action, and it must not depend on forms and permission checks that change
more often than the data model. History records are still written, each
attributed to the demo user who would have entered the record.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from tsunagu.org.models import Department, User
from tsunagu.partners.models import (
    Agreement,
    Country,
    Network,
    NetworkMembership,
    Organisation,
    Place,
)
from tsunagu.portfolio.models import (
    ActivityType,
    BudgetLine,
    Field,
    Project,
    ProjectLink,
    ProjectPartner,
    SdgGoal,
    SdgTarget,
)

from . import kitakyushu as story
from .records import create_with_history, save_revision


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)

    @property
    def created_anything(self) -> bool:
        return sum(self.created.values()) > 0

    def summary(self) -> str:
        order = ["departments", "users", "places", "organisations", "networks", "memberships",
                 "agreements", "projects", "partners", "budget lines", "links", "applications",
                 "policy nodes", "policy links"]
        parts = []
        for name in order:
            created, existing = self.created[name], self.existing[name]
            if created or existing:
                parts.append(f"{name}: {created} created, {existing} already there")
        return "; ".join(parts)


def load_demo(*, reset_logins: bool = False) -> LoadReport:
    """Create whatever part of the demo is missing; see the module docstring."""
    with transaction.atomic():
        return _Loader(reset_logins=reset_logins).run()


class _Loader:
    def __init__(self, *, reset_logins: bool) -> None:
        self.reset_logins = reset_logins
        self.report = LoadReport()
        self.users: dict[str, User] = {}
        self.departments: dict[str, Department] = {}
        self.places: dict[str, Place] = {}
        self.organisations: dict[str, Organisation] = {}

    def run(self) -> LoadReport:
        self.load_users_and_departments()
        self.load_places()
        self.load_organisations()
        self.load_networks()
        self.load_agreements()
        self.load_projects()
        # The support-programme catalogue (tsunagu.programs), as the International Policy Division entered it.
        from tsunagu.programs.transfer.seed import load_programs

        programs = load_programs(acting_user=self.users["kokusai"])
        self.report.created["programmes"] += programs.created
        self.report.existing["programmes"] += programs.existing
        self.load_applications()
        from .coordination_policy import load_policy_framework

        load_policy_framework(self.users, self.report)
        from .coordination_circulars import load_circulars

        self.report.created["circulars"] += load_circulars()["created"]
        from .coordination_meetings import load_meetings

        load_meetings(self.users, self.report)
        return self.report

    # -- organisation of the city ------------------------------------------------

    def load_users_and_departments(self) -> None:
        existing_users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in story.USERS])}
        new_users: list = []
        for spec in story.USERS:
            user = existing_users.get(spec.username)
            if user is None:
                user = User(username=spec.username, role=spec.role, full_name=spec.full_name)
                user.set_password(story.DEMO_PASSWORD)
                user.save()
                new_users.append(spec)
                self.report.created["users"] += 1
            else:
                self.report.existing["users"] += 1
            self.users[spec.username] = user

        admin = self.users["admin"]
        codes = [spec.code for spec in story.DEPARTMENTS]
        self.departments = {d.code: d for d in Department.objects.filter(code__in=codes)}
        for order, spec in enumerate(story.DEPARTMENTS):
            if spec.code in self.departments:
                self.report.existing["departments"] += 1
                continue
            department = Department(
                code=spec.code, name_ja=spec.name_ja, name_en=spec.name_en, kind=spec.kind,
                parent=self.departments[spec.parent] if spec.parent else None,
                sort_order=(order + 1) * 10, is_international_division=spec.is_international_division,
            )
            _validate(department)
            department._history_user = admin
            department._change_reason = story.CHANGE_REASON
            department.save()
            self.departments[spec.code] = department
            self.report.created["departments"] += 1

        specs_to_set = story.USERS if self.reset_logins else new_users
        for spec in specs_to_set:
            user = self.users[spec.username]
            if self.reset_logins:
                user.role = spec.role
                user.full_name = spec.full_name
                user.is_active = True
                user.set_password(story.DEMO_PASSWORD)
                user.save()
            user.departments.set([self.departments[code] for code in spec.departments])

    # -- partners ------------------------------------------------------------------

    def load_places(self) -> None:
        codes = {spec.country for spec in story.PLACES}
        countries = {c.code: c for c in Country.objects.filter(code__in=codes)}
        by_en, by_ja = {}, {}
        for place in Place.all_objects.filter(country__code__in=codes).select_related("country"):
            by_en[(place.country.code, place.name_en.lower())] = place
            by_ja[(place.country.code, place.name_ja)] = place
        author = self.users["kokusai"]
        for spec in story.PLACES:
            place = by_en.get((spec.country, spec.name_en.lower())) or by_ja.get((spec.country, spec.name_ja))
            if place is None:
                place = Place(
                    country=countries[spec.country], kind=spec.kind, name_ja=spec.name_ja, name_en=spec.name_en,
                    name_local=spec.name_local, other_names=spec.other_names,
                    latitude=spec.latitude, longitude=spec.longitude, notes=spec.notes, is_sample=spec.is_sample,
                    is_home=spec.is_home,
                )
                _validate(place)
                self._save_new(place, author)
                self.report.created["places"] += 1
            else:
                self.report.existing["places"] += 1
                if spec.is_home and not place.is_home:
                    # A database loaded before places knew the city itself: mark it once.
                    place.is_home = True
                    place._history_user = author
                    place.save()
            self.places[spec.key] = place

    def load_organisations(self) -> None:
        names = [spec.name_ja for spec in story.ORGANISATIONS]
        existing = {o.name_ja: o for o in Organisation.all_objects.filter(name_ja__in=names)}
        countries = {c.code: c for c in Country.objects.filter(code__in={s.country for s in story.ORGANISATIONS if s.country})}
        author = self.users["kokusai"]
        for spec in story.ORGANISATIONS:
            organisation = existing.get(spec.name_ja)
            if organisation is None:
                organisation = Organisation(
                    kind=spec.kind, name_ja=spec.name_ja, name_en=spec.name_en, abbreviation=spec.abbreviation,
                    country=countries.get(spec.country) if spec.country else None,
                    place=self.places[spec.place] if spec.place else None,
                    website=spec.website, notes=spec.notes, is_sample=spec.is_sample,
                )
                _validate(organisation)
                self._save_new(organisation, author)
                self.report.created["organisations"] += 1
            else:
                self.report.existing["organisations"] += 1
            self.organisations[spec.key] = organisation

    def load_networks(self) -> None:
        names = [spec.name_ja for spec in story.NETWORKS]
        existing = {n.name_ja: n for n in Network.all_objects.filter(name_ja__in=names)}
        members = set(
            NetworkMembership.objects.filter(network__name_ja__in=names).values_list("network_id", "place_id")
        )
        author = self.users["kokusai"]
        for spec in story.NETWORKS:
            network = existing.get(spec.name_ja)
            if network is None:
                network = Network(
                    name_ja=spec.name_ja, name_en=spec.name_en, founded_on=spec.founded_on,
                    purpose=spec.purpose, website=spec.website, is_sample=spec.is_sample,
                )
                _validate(network)
                self._save_new(network, author)
                self.report.created["networks"] += 1
            else:
                self.report.existing["networks"] += 1
            for member in spec.members:
                place = self.places[member.place]
                if (network.pk, place.pk) in members:
                    self.report.existing["memberships"] += 1
                    continue
                membership = NetworkMembership(
                    network=network, place=place, role=member.role,
                    joined_on=member.joined_on, left_on=member.left_on,
                )
                _validate(membership)
                self._save_new(membership, author)
                self.report.created["memberships"] += 1

    def load_agreements(self) -> None:
        existing = set(
            Agreement.all_objects.filter(title_ja__in=[s.title_ja for s in story.AGREEMENTS]).values_list(
                "kind", "title_ja"
            )
        )
        author = self.users["kokusai"]
        for spec in story.AGREEMENTS:
            if (spec.kind, spec.title_ja) in existing:
                self.report.existing["agreements"] += 1
                continue
            agreement = Agreement(
                kind=spec.kind, title_ja=spec.title_ja, title_en=spec.title_en,
                place=self.places[spec.place] if spec.place else None,
                organisation=self.organisations[spec.organisation] if spec.organisation else None,
                signed_on=spec.signed_on, renewed_on=spec.renewed_on, ended_on=spec.ended_on,
                term_years=spec.term_years, signatory_city=spec.signatory_city,
                signatory_partner=spec.signatory_partner,
                assembly_approval_required=spec.assembly_approval_required,
                assembly_approved_on=spec.assembly_approved_on, letter_references=spec.letter_references,
                document_url=spec.document_url, notes=spec.notes, is_sample=spec.is_sample,
            )
            _validate(agreement)
            self._save_new(agreement, author)
            self.report.created["agreements"] += 1

    # -- portfolio -------------------------------------------------------------------

    def load_projects(self) -> None:
        existing = set(
            Project.all_objects.filter(title_ja__in=[s.title_ja for s in story.PROJECTS]).values_list(
                "title_ja", flat=True
            )
        )
        missing = [spec for spec in story.PROJECTS if spec.title_ja not in existing]
        self.report.existing["projects"] += len(story.PROJECTS) - len(missing)
        if not missing:
            return
        fields = {f.code: f.pk for f in Field.objects.all()}
        activities = {a.code: a.pk for a in ActivityType.objects.all()}
        goals = {g.number: g.pk for g in SdgGoal.objects.all()}
        targets = {t.code: t.pk for t in SdgTarget.objects.all()}

        # Projects are inserted per author (history names who entered them),
        # then their partners, budget lines and links.
        projects: dict[str, Project] = {}
        for author in dict.fromkeys(spec.author for spec in missing):
            batch, m2m = [], {"co_departments": [], "fields": [], "activity_types": [], "sdg_goals": [],
                              "sdg_targets": []}
            for spec in (s for s in missing if s.author == author):
                project = Project(
                    title_ja=spec.title_ja, title_en=spec.title_en, summary=spec.summary, results=spec.results,
                    lead_department=self.departments[spec.lead], status=spec.status,
                    start_date=spec.start, end_date=spec.end, is_sample=spec.is_sample,
                )
                for name, value in spec.initial.items():
                    setattr(project, name, value)
                _validate(project)
                m2m["co_departments"] += [(project, self.departments[code].pk) for code in spec.co]
                m2m["fields"] += [(project, fields[code]) for code in spec.fields]
                m2m["activity_types"] += [(project, activities[code]) for code in spec.activities]
                m2m["sdg_goals"] += [(project, goals[number]) for number in spec.sdgs]
                m2m["sdg_targets"] += [(project, targets[code]) for code in spec.targets]
                batch.append(project)
                projects[spec.title_ja] = project
            create_with_history(Project, batch, user=self.users[author], reason=story.CHANGE_REASON, m2m=m2m)
        self.report.created["projects"] += len(missing)

        for author in dict.fromkeys(spec.author for spec in missing):
            partners, lines, links = [], [], []
            for spec in (s for s in missing if s.author == author):
                project = projects[spec.title_ja]
                partners += [self._partner(project, partner) for partner in spec.partners]
                lines += [self._budget_line(project, budget) for budget in spec.budget]
                links += [
                    ProjectLink(project=project, title=link.title, url=link.url, file_reference=link.file_reference)
                    for link in spec.links
                ]
            for row in (*partners, *lines, *links):
                _validate(row)
            user = self.users[author]
            create_with_history(ProjectPartner, partners, user=user, reason=story.CHANGE_REASON)
            create_with_history(BudgetLine, lines, user=user, reason=story.CHANGE_REASON)
            create_with_history(ProjectLink, links, user=user, reason=story.CHANGE_REASON)
            self.report.created["partners"] += len(partners)
            self.report.created["budget lines"] += len(lines)
            self.report.created["links"] += len(links)

        for spec in missing:
            project = projects[spec.title_ja]
            for revision in spec.revisions:
                save_revision(project, user=self.users[revision.user], reason=revision.reason,
                              changes=revision.changes)
            if spec.deleted_by:
                save_revision(
                    project, user=self.users[spec.deleted_by], reason=spec.deleted_reason,
                    changes={"deleted_at": timezone.now()},
                )

    def load_applications(self) -> None:
        """Applications to support programmes (see ``demo/applications.py``)."""
        from .applications import load_applications

        counts = load_applications(self.users)
        self.report.created["applications"] += counts["created"]
        self.report.existing["applications"] += counts["existing"]

    def _partner(self, project: Project, spec) -> ProjectPartner:
        return ProjectPartner(
            project=project, role=spec.role,
            place=self.places[spec.place] if spec.place else None,
            organisation=self.organisations[spec.organisation] if spec.organisation else None,
        )

    def _budget_line(self, project: Project, spec) -> BudgetLine:
        return BudgetLine(
            project=project, fiscal_year=spec.fiscal_year, source=spec.source,
            funder=self.organisations[spec.funder] if spec.funder else None,
            source_name=spec.source_name, amount_jpy=spec.amount_jpy, currency=spec.currency,
            amount_foreign=spec.amount_foreign, exchange_rate=spec.exchange_rate,
            rate_date=spec.rate_date, note=spec.note,
        )

    # -- helpers -----------------------------------------------------------------------

    def _save_new(self, obj, user) -> None:
        obj._history_user = user
        obj._change_reason = story.CHANGE_REASON
        obj.save()


def _validate(obj) -> None:
    """Run the model's validation except the existence checks of foreign keys.

    The loader sets every foreign key to a record it has just read or
    created, so asking the database again for each one would only cost a
    query per field (hundreds in all).
    """
    foreign_keys = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    obj.full_clean(exclude=foreign_keys)


__all__ = ["LoadReport", "load_demo"]
