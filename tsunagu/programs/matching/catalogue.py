"""The catalogue as the matcher reads it: an in-memory snapshot, rebuilt when the catalogue changes.

Matching a plan must stay fast with thousands of programmes (bench/match_speed.py),
so everything that does not depend on the plan is prepared once per catalogue
state and kept in the process:

- every live programme's facts (``ProgramFacts``), loaded with a fixed number
  of queries (programmes with their provider, one query per many-to-many, the
  terms, the windows);
- the periods of every window from 2000 to 2045, computed with the model's
  own ``occurrences_between`` the first time a programme's windows are checked;
- the analysed text of every programme and an inverted index for BM25;
- the names of fields, activity types and countries used in the reasons;
- sets of programmes by city role, applicant type, region, status and
  exclusion, so the hard-eligibility rules that do not need dates are a few
  set operations (``Snapshot.candidates``) before the rules run in Python.

Freshness: every call reads a *stamp* of the catalogue in one query (highest
ids of the programme tables and of their history, row counts of the
many-to-many tables); a different stamp rebuilds the snapshot. Saving or
deleting a programme, its terms, windows or provider in this process also
marks the snapshot stale at once (signals). Inside a transaction the snapshot
is built for the call and never kept, since it may see rows that are not
committed (or will be rolled back).
"""

from __future__ import annotations

import logging
import math
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import repeat
from operator import add, mul

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

from tsunagu.partners.models import Country, Organisation
from tsunagu.portfolio.models import ActivityType, Field

from ..models import ApplicationWindow, CityRole, Program, ProgramTerms
from .coding import matcher_facts
from .facts import (
    BASE_COLUMNS,
    OCCURRENCES_FROM,
    OCCURRENCES_UNTIL,
    TEXT_COLUMNS,
    ProgramFacts,
    program_text,
)
from .reasons import Bilingual
from .regions import HOME_COUNTRY, is_developing
from .text import document

logger = logging.getLogger(__name__)

HISTORICAL = {Program.Status.HISTORICAL, Program.Status.HISTORICAL_UNVERIFIED}

BM25_K1 = 1.2
BM25_B = 0.75
DENSE_MIN_POSTINGS = 64
DENSE_SHARE = 0.5  # terms in at least half of the programmes


@dataclass
class Snapshot:
    stamp: tuple | None
    programs: list[ProgramFacts]
    by_code: dict[str, ProgramFacts] = field(default_factory=dict)
    # Sets of programme positions (indices into ``programs``).
    live: set = field(default_factory=set)
    historical: set = field(default_factory=set)
    roles: dict = field(default_factory=lambda: defaultdict(set))
    roles_open: set = field(default_factory=set)  # no role recorded, or unconfirmed
    applicants: dict = field(default_factory=lambda: defaultdict(set))
    applicants_open: set = field(default_factory=set)
    scopes: dict = field(default_factory=lambda: defaultdict(set))
    region_unconfirmed: set = field(default_factory=set)
    listed_countries: dict = field(default_factory=lambda: defaultdict(set))
    double_funding: set = field(default_factory=set)
    new_only: set = field(default_factory=set)
    excluded_activities: dict = field(default_factory=lambda: defaultdict(set))  # activity code → positions
    exclusions_unconfirmed: set = field(default_factory=set)
    # BM25 over the whole catalogue: term → [(position, idf × saturated tf)]; frequent terms
    # as dense vectors (one weight per programme) instead.
    postings: dict = field(default_factory=dict)
    dense: dict = field(default_factory=dict)
    # Reference names shown in the reasons: field and activity type id → (code, name); country code → name.
    fields: dict = field(default_factory=dict)
    activity_types: dict = field(default_factory=dict)
    countries: dict = field(default_factory=dict)
    # For the score bounds of ``engine.match`` (``static_points``): each programme's set of fields and of
    # activity types as an index into the distinct sets, and the positions some plan-dependent points concern.
    codes: list = field(default_factory=list)  # position → programme code
    field_sets: list = field(default_factory=list)  # distinct frozensets of field ids
    field_set_of: list = field(default_factory=list)  # position → index into field_sets
    activity_sets: list = field(default_factory=list)
    activity_set_of: list = field(default_factory=list)
    city_applies: set = field(default_factory=set)
    with_people: set = field(default_factory=set)
    joint_preferred: set = field(default_factory=set)  # joint "preferred" or "required"
    with_windows: set = field(default_factory=set)
    pays_money: set = field(default_factory=set)

    def names_for(self, plan) -> dict:
        """The names and ids the scoring needs for this plan."""
        return {
            "fields": {pk: name for pk, (_code, name) in self.fields.items()},
            "activities": {pk: name for pk, (_code, name) in self.activity_types.items()},
            "plan_field_ids": {pk for pk, (code, _name) in self.fields.items() if code in plan.fields},
            "plan_activity_ids": {pk for pk, (code, _name) in self.activity_types.items()
                                  if code in plan.activity_types},
        }

    # -- the rules without dates, as set operations --------------------------------------------

    def candidates(self, plan) -> set[int]:
        """Positions of the programmes that pass status, role, applicant, region and exclusions.

        Mirrors ``eligibility.check`` without the windows (tests hold them in step);
        the rules still run on every candidate.
        """
        result = self.live - self.historical
        roles = set(self.roles_open)
        for role in plan.city_roles:
            roles |= self.roles[role]
        result &= roles

        applicants = self.applicants_open | self.applicants[plan.applicant_type]
        if plan.is_city_plan and CityRole.PARTNER in plan.city_roles:
            applicants |= self.roles[CityRole.PARTNER] | self.roles_open
        result &= applicants

        countries = set(plan.countries)
        region = self.scopes[Program.RegionScope.ANY] | self.region_unconfirmed
        if not countries or HOME_COUNTRY in countries:
            region |= self.scopes[Program.RegionScope.DOMESTIC]
        if not countries or any(is_developing(code) for code in countries):
            region |= self.scopes[Program.RegionScope.DEVELOPING]
        if not countries:
            region |= self.scopes[Program.RegionScope.COUNTRIES]
        else:
            for code in countries:
                region |= self.listed_countries[code]
        result &= region

        if plan.national_funding:
            result -= self.double_funding - self.exclusions_unconfirmed
        if plan.continuing:
            result -= self.new_only - self.exclusions_unconfirmed
        if plan.activity_types:
            # Refused where every activity type of the plan is one the programme does not fund.
            excluded = set.intersection(*(self.excluded_activities.get(code, set()) for code in set(plan.activity_types)))
            result -= excluded - self.exclusions_unconfirmed
        return result

    # -- text ---------------------------------------------------------------------------------------

    def bm25(self, query_terms: Counter) -> list[float]:
        """Okapi BM25 of every programme, by position (weights precomputed by ``build``).

        A frequent term adds its dense vector in one pass (C loop of ``map``); a rare one
        walks its postings.
        """
        scores = [0.0] * len(self.programs)
        dense, postings = self.dense, self.postings
        for term, weight in query_terms.items():
            vector = dense.get(term)
            if vector is not None:
                scores = list(map(add, scores, vector if weight == 1 else map(mul, vector, repeat(weight))))
                continue
            entries = postings.get(term)
            if entries is None:
                continue
            if weight == 1:  # 1 × w is w: the same sum
                for position, term_weight in entries:
                    scores[position] += term_weight
            else:
                for position, term_weight in entries:
                    scores[position] += weight * term_weight
        return scores

    def static_points(self, plan, names: dict, positions) -> dict[int, float]:
        """``scoring.static_scorer(plan, names)(item)`` for the programmes at ``positions``, by position:
        the points of each distinct set of fields (activity types) computed once, the rarer points
        added to the programmes they concern, in the same order as ``static_scorer`` adds them."""
        from . import scoring

        plan_fields, plan_activities = names["plan_field_ids"], names["plan_activity_ids"]
        points = dict.fromkeys(positions, 0.0)
        if plan_fields:
            set_of, sets = self.field_set_of, self.field_sets
            by_set = {i: scoring.set_points(scoring.FIELD_POINTS, scoring.NO_COMMON_FIELD, plan_fields, sets[i])
                      for i in {set_of[p] for p in points}}
            points = {p: by_set[set_of[p]] for p in points}
        if plan_activities:
            set_of, sets = self.activity_set_of, self.activity_sets
            by_set = {i: scoring.set_points(scoring.ACTIVITY_POINTS, scoring.NO_COMMON_ACTIVITY, plan_activities,
                                            sets[i])
                      for i in {set_of[p] for p in points}}
            points = {p: total + by_set[set_of[p]] for p, total in points.items()}
        if plan.is_city_plan and CityRole.APPLICANT in plan.city_roles:
            for p in self.city_applies.intersection(points):
                points[p] += scoring.CITY_APPLIES
        countries = set(plan.countries)
        if countries:
            listed = set().union(*(self.listed_countries.get(code, ()) for code in countries))
            for p in listed.intersection(points):
                points[p] += scoring.COUNTRY_LISTED
        moving = plan.people_moving
        if moving:
            for p in self.with_people.intersection(points):
                people = self.programs[p].people
                if moving & people:
                    points[p] += scoring.overlap_points(scoring.PEOPLE_POINTS, moving, people, 0)
        if plan.joint:
            for p in self.joint_preferred.intersection(points):
                points[p] += scoring.JOINT_PREFERRED
        return points


def build(stamp: tuple | None) -> Snapshot:
    queryset = Program.objects.all()
    rows = list(queryset.order_by("code").values(*BASE_COLUMNS, *TEXT_COLUMNS))
    programs: list[ProgramFacts] = []
    by_pk: dict[int, ProgramFacts] = {}
    for row in rows:
        item = ProgramFacts(
            pk=row["pk"], code=row["code"], name=Bilingual(row["name_ja"], row["name_en"]),
            provider=Bilingual(row["provider__name_ja"] or "", row["provider__name_en"] or ""),
            status=row["status"], funding_forms=list(row["funding_forms"] or []),
            city_roles=list(row["city_roles"] or []), eligible_applicants=list(row["eligible_applicants"] or []),
            region_scope=row["region_scope"], region_note=row["region_note"] or "",
            excludes_double_funding=row["excludes_double_funding"], new_projects_only=row["new_projects_only"],
            unconfirmed=frozenset(row["unconfirmed"] or []), document=document(program_text(row)),
        )
        programs.append(item)
        by_pk[item.pk] = item
    live_ids = queryset.order_by().values("pk")
    for through, column, target in (
        (Program.fields.through, "field_id", "field_ids"),
        (Program.activity_types.through, "activitytype_id", "activity_ids"),
    ):
        linked: dict[int, set] = defaultdict(set)
        for program_id, value in through.objects.filter(program_id__in=live_ids).values_list("program_id", column):
            linked[program_id].add(value)
        for program_id, values in linked.items():
            setattr(by_pk[program_id], target, frozenset(values))
    for program_id, code in Program.countries.through.objects.filter(program_id__in=live_ids).values_list(
        "program_id", "country__code"
    ):
        by_pk[program_id].country_codes.add(code)
    for terms in ProgramTerms.objects.filter(program_id__in=live_ids).order_by():
        by_pk[terms.program_id].terms.append(terms)
    for window in ApplicationWindow.objects.filter(program_id__in=live_ids).order_by("pk"):
        by_pk[window.program_id].windows.append(window)

    snapshot = Snapshot(stamp=stamp, programs=programs)
    snapshot.fields = {pk: (code, Bilingual(ja, en))
                       for pk, code, ja, en in Field.objects.values_list("pk", "code", "name_ja", "name_en")}
    snapshot.activity_types = {pk: (code, Bilingual(ja, en)) for pk, code, ja, en
                               in ActivityType.objects.values_list("pk", "code", "name_ja", "name_en")}
    for program_id, activity_id in Program.excluded_activity_types.through.objects.filter(
        program_id__in=live_ids
    ).values_list("program_id", "activitytype_id"):
        code, name = snapshot.activity_types[activity_id]
        by_pk[program_id].excluded_activities[code] = name
    snapshot.countries = {code: Bilingual(ja, en)
                          for code, ja, en in Country.objects.values_list("code", "name_ja", "name_en")}
    total_length = 0
    frequencies: Counter = Counter()
    coded = matcher_facts()
    field_count, activity_count = max(1, len(snapshot.fields)), max(1, len(snapshot.activity_types))
    field_set_index: dict[frozenset, int] = {}
    activity_set_index: dict[frozenset, int] = {}
    for position, item in enumerate(programs):
        item.position = position
        facts = coded.get(item.code)
        if facts is not None:
            item.people, item.experience, item.joint = facts.people, facts.experience, facts.joint
        # How specific it is (ties go to the more specific programme): none recorded counts as all.
        item.specificity = ((len(item.field_ids) or field_count) / field_count
                            + (len(item.activity_ids) or activity_count) / activity_count)
        item.city_applies = CityRole.APPLICANT in item.city_roles
        item.pays_money = bool(item.terms) and bool(set(item.funding_forms) & {"grant", "commission"})
        snapshot.field_set_of.append(field_set_index.setdefault(item.field_ids, len(field_set_index)))
        snapshot.activity_set_of.append(activity_set_index.setdefault(item.activity_ids, len(activity_set_index)))
        if item.city_applies:
            snapshot.city_applies.add(position)
        if item.people:
            snapshot.with_people.add(position)
        if item.joint in ("preferred", "required"):
            snapshot.joint_preferred.add(position)
        if item.windows:
            snapshot.with_windows.add(position)
        if item.pays_money:
            snapshot.pays_money.add(position)
        snapshot.by_code[item.code] = item
        snapshot.live.add(position)
        if item.status in HISTORICAL:
            snapshot.historical.add(position)
        if not item.city_roles or "city_roles" in item.unconfirmed:
            snapshot.roles_open.add(position)
        for role in item.city_roles:
            snapshot.roles[role].add(position)
        if not item.eligible_applicants or "eligible_applicants" in item.unconfirmed:
            snapshot.applicants_open.add(position)
        for applicant in item.eligible_applicants:
            snapshot.applicants[applicant].add(position)
        snapshot.scopes[item.region_scope].add(position)
        if "region" in item.unconfirmed:
            snapshot.region_unconfirmed.add(position)
        if item.region_scope == Program.RegionScope.COUNTRIES:
            for code in item.country_codes:
                snapshot.listed_countries[code].add(position)
        if item.excludes_double_funding:
            snapshot.double_funding.add(position)
        if item.new_projects_only:
            snapshot.new_only.add(position)
        for code in item.excluded_activities:
            snapshot.excluded_activities[code].add(position)
        if "exclusions" in item.unconfirmed:
            snapshot.exclusions_unconfirmed.add(position)
        total_length += item.document.length
        frequencies.update(item.document.terms.keys())
    snapshot.codes = [item.code for item in programs]
    snapshot.field_sets = list(field_set_index)
    snapshot.activity_sets = list(activity_set_index)
    count = len(programs)
    average = total_length / count if count else 0.0
    idf = {term: math.log(1 + (count - n + 0.5) / (n + 0.5)) for term, n in frequencies.items()}
    postings: dict[str, list] = defaultdict(list)
    for position, item in enumerate(programs):
        norm = BM25_K1 * (1 - BM25_B + BM25_B * item.document.length / average) if average else BM25_K1
        for term, tf in item.document.terms.items():
            postings[term].append((position, idf[term] * tf * (BM25_K1 + 1) / (tf + norm)))
    # A term found in many programmes is added as a whole vector (cheaper than its postings).
    dense_from = max(DENSE_MIN_POSTINGS, int(count * DENSE_SHARE))
    for term, entries in postings.items():
        if len(entries) >= dense_from:
            vector = [0.0] * count
            for position, weight in entries:
                vector[position] = weight
            snapshot.dense[term] = vector
        else:
            snapshot.postings[term] = entries
    return snapshot


# -- freshness ------------------------------------------------------------------------------------


def _scalar(function: str, column: str, table: str) -> str:
    quote = connection.ops.quote_name
    # Only names of our own tables and columns, quoted by the backend: no value is interpolated.
    return f"(SELECT {function}({quote(column)}) FROM {quote(table)})"  # noqa: S608


def _stamp_sql() -> str:
    """One statement of scalar subqueries over the catalogue tables and their history.

    Every save and delete of a programme, its terms, windows or provider adds a
    history row (soft deletion of a programme is a save); rows added in bulk
    raise the highest id; the many-to-many tables and the reference tables
    (fields, activity types, countries) have no history, so their row counts
    are read too (a renamed field shows after the next change, or at once in
    the process that renamed it).
    """
    parts = [_scalar("MAX", model._meta.pk.column, model._meta.db_table)
             for model in (Program, ProgramTerms, ApplicationWindow)]
    for model in (Program.fields.through, Program.activity_types.through, Program.excluded_activity_types.through,
                  Program.countries.through, Field, ActivityType, Country):
        parts += [_scalar("COUNT", model._meta.pk.column, model._meta.db_table),
                  _scalar("MAX", model._meta.pk.column, model._meta.db_table)]
    for model in (Program, ProgramTerms, ApplicationWindow, Organisation):
        history = model.history.model
        parts.append(_scalar("MAX", history._meta.pk.column, history._meta.db_table))
    return "SELECT " + ", ".join(parts)


_stamp_sql_by_vendor: dict[str, str] = {}


def read_stamp() -> tuple:
    sql = _stamp_sql_by_vendor.get(connection.vendor)
    if sql is None:  # building it reads every model's history manager: once per process and database
        sql = _stamp_sql_by_vendor[connection.vendor] = _stamp_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


_lock = threading.Lock()
_cached: Snapshot | None = None
_stale = False


def invalidate(*args, **kwargs) -> None:
    """Forget the snapshot (connected to the catalogue models' save, delete and m2m signals)."""
    global _stale  # noqa: PLW0603 (one process-wide cache)
    _stale = True


def snapshot() -> Snapshot:
    """The catalogue snapshot for this call: cached while the catalogue does not change."""
    global _cached, _stale  # noqa: PLW0603 (one process-wide cache)
    if connection.in_atomic_block:
        return build(None)
    stamp = read_stamp()
    current = _cached
    if current is not None and not _stale and current.stamp == stamp:
        return current
    with _lock:
        # Another thread (the start-up warm-up, another request) may have built it while this one waited.
        current = _cached
        if current is not None and not _stale and current.stamp == stamp:
            return current
        _stale = False
        current = build(stamp)
        _cached = current
    return current


def warm_up() -> threading.Thread:
    """Build the snapshot in a background thread, so that no user waits for the first match.

    A match arriving meanwhile waits for this build (the lock) instead of starting a second one.
    Started by ``ProgramsConfig.ready`` in the web server and the task worker (see ``apps.py``).
    """

    def run():
        from django.db import close_old_connections, connections

        try:
            close_old_connections()
            built = snapshot()
            # The kernel analyser's dictionary, loaded by the first match that quotes the plan's words.
            from tsunagu.text import morphemes

            morphemes("研修")
            # The window periods too (each programme's, kept in the snapshot), computed on first use otherwise.
            for item in built.programs:
                if item.occurrences is None:
                    item.occurrences = [o for window in item.windows
                                        for o in window.occurrences_between(OCCURRENCES_FROM, OCCURRENCES_UNTIL)]
        except Exception:  # a database not migrated yet, or not reachable: the first match builds it
            logger.warning("matcher: the catalogue snapshot could not be built at start-up", exc_info=True)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name="matcher-warm-up", daemon=True)
    thread.start()
    return thread


for _model in (Program, ProgramTerms, ApplicationWindow, Organisation, Field, ActivityType, Country):
    post_save.connect(invalidate, sender=_model, weak=False, dispatch_uid=f"matching-{_model.__name__}-save")
    post_delete.connect(invalidate, sender=_model, weak=False, dispatch_uid=f"matching-{_model.__name__}-delete")
for _through in (Program.fields.through, Program.activity_types.through, Program.excluded_activity_types.through,
                 Program.countries.through):
    m2m_changed.connect(invalidate, sender=_through, weak=False, dispatch_uid=f"matching-{_through.__name__}-m2m")
