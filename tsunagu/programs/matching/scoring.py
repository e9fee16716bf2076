"""The score of an eligible programme, as a list of reasons a reviewer can read.

Every point comes with its reason; the score is their sum:

======================================  ========
fact                                    points
======================================  ========
fields in common                        up to +4 (4 × cosine of the two sets)
plan and programme share no field       −2
activity types in common                up to +3 (3 × cosine of the two sets)
no activity type in common              −1
(a programme without fields or activity types recorded is open to all of them: 35 % of the points)
people move the way the plan moves them up to +2 (2 × cosine: trainees from abroad, own staff
                                        trained, experts sent)
joint plan, joint projects prioritised  +1
text similarity (Okapi BM25)            0 … +4 (relative to the best eligible programme)
the city can apply itself               +1
the plan's country is a listed country  +1
a window for the plan's first 年度      +1 (a later 年度: +0.5; of a plan without end date: 0,
                                        it only breaks ties)
money needed, and the terms are known   +1
the cap covers the money needed         +1
the cap is below the money needed       −1
the minimum is above the money needed   −1
money needed, but it pays none          −2
an unconfirmed window probably closed   −3
======================================  ========

The cosine (|A ∩ B| / √(|A|·|B|)) gives full points when plan and programme
name the same fields, and fewer when either names many: a programme tagged
with every field is not a better match for each of them.

Money counts only when the plan says how much it needs, and only when the
money would reach the plan's applicant: when the city joins only as a named
partner, the contract goes to someone else, which is said in a note.
Notes (no points) also give the terms of a programme when the plan needs no money.

Facts that are missing or unconfirmed never add or remove points: they lower
the confidence (1.0 = every fact used is confirmed), see ``eligibility``.

What the programme is for weighs more than wording: the fields, activity
types and people of the reviewed coding (``coding``) give up to 9 points,
similar wording at most 4.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext_lazy as _

from ..models import ApplicationWindow, CityRole, FundingForm, ProgramTerms
from .eligibility import COUNTRY_LISTED, Verdict
from .facts import ProgramFacts
from .plan import Plan
from .reasons import Day, Names, Percent, Rate, Reason, Words, Year, Yen

FIELD_POINTS = 4.0
NO_COMMON_FIELD = -2.0
ACTIVITY_POINTS = 3.0
NO_COMMON_ACTIVITY = -1.0
OPEN_SHARE = 0.35  # a programme open to every field (activity type) gets this share of the points
PEOPLE_POINTS = 2.0
JOINT_PREFERRED = 1.0
TEXT_POINTS = 4.0
CITY_APPLIES = 1.0
WINDOW_FIRST_YEAR = 1.0
WINDOW_LATER_YEAR = 0.5
TERMS_KNOWN = 1.0
CAP_COVERS = 1.0
CAP_SHORT = -1.0
MINIMUM_ABOVE = -1.0
NO_MONEY = -2.0

TERMS_UNCONFIRMED = -0.1
TERMS_LOW_CONFIDENCE = -0.05
TERMS_UNKNOWN = -0.1

MONEY_FORMS = {FundingForm.GRANT, FundingForm.COMMISSION}


_CAP_BASIS = dict(ProgramTerms.CapBasis.choices)

def most_from_window_and_money(plan: Plan, facts: ProgramFacts) -> float:
    """The most the window and the money can add to the programme's score: with the static
    points it bounds the score before the windows are checked (``engine.match``)."""
    most = WINDOW_FIRST_YEAR if facts.windows else 0.0
    if plan.money_needed_jpy and facts.pays_money:
        most += TERMS_KNOWN + CAP_COVERS
    return most


def _basis(terms: ProgramTerms):
    return _CAP_BASIS.get(terms.cap_basis, "") if terms.cap_basis else ""


def overlap_points(weight: float, plan_ids: set, programme_ids: set, vocabulary_size: int) -> float:
    """``weight`` × cosine of the two sets; a programme with none recorded counts as having them all."""
    if not plan_ids:
        return 0.0
    if not programme_ids:
        return round(weight * OPEN_SHARE, 1)
    common = len(plan_ids & programme_ids)
    if not common:
        return 0.0
    return round(weight * common / math.sqrt(len(plan_ids) * len(programme_ids)), 1)


def people_points(plan: Plan, facts: ProgramFacts) -> float:
    """``PEOPLE_POINTS`` × cosine of the plan's and the programme's movements of people."""
    moving = plan.people_moving
    if not moving or not facts.people:
        return 0.0
    return overlap_points(PEOPLE_POINTS, moving, facts.people, 0)


def joint_points(plan: Plan, facts: ProgramFacts) -> float:
    return JOINT_PREFERRED if plan.joint and facts.joint in ("preferred", "required") else 0.0


def city_applies(plan: Plan, roles, facts: ProgramFacts) -> bool:
    return plan.is_city_plan and CityRole.APPLICANT in roles and CityRole.APPLICANT in facts.city_roles


def set_points(weight: float, penalty: float, plan_ids: set, programme_ids: frozenset) -> float:
    """The points of a programme's fields (activity types) for the plan's: ``penalty`` when none is shared."""
    if programme_ids and not plan_ids & programme_ids:
        return penalty
    return overlap_points(weight, plan_ids, programme_ids, 0)


def static_scorer(plan: Plan, names: dict):
    """A function giving a programme the points that need no dates: fields, activity types,
    the city applying, a listed country — the same numbers ``score_structure`` and
    ``eligibility.check_region`` give as reasons. It runs for every candidate, so the
    points of each distinct set of fields or activity types are computed once."""
    plan_fields, plan_activities = names["plan_field_ids"], names["plan_activity_ids"]
    field_count, activity_count = len(names["fields"]), len(names["activities"])
    applies = plan.is_city_plan and CityRole.APPLICANT in plan.city_roles
    countries = set(plan.countries)
    moving, joint = plan.people_moving, plan.joint

    def memo_points(weight, penalty, plan_ids, count):
        memo: dict[frozenset, float] = {}

        def points(programme_ids: frozenset) -> float:
            found = memo.get(programme_ids)
            if found is None:
                found = memo[programme_ids] = set_points(weight, penalty, plan_ids, programme_ids)
            return found

        return points

    field_points = memo_points(FIELD_POINTS, NO_COMMON_FIELD, plan_fields, field_count)
    activity_points = memo_points(ACTIVITY_POINTS, NO_COMMON_ACTIVITY, plan_activities, activity_count)

    def points(facts: ProgramFacts) -> float:
        total = field_points(facts.field_ids) if plan_fields else 0.0
        if plan_activities:
            total += activity_points(facts.activity_ids)
        if applies and facts.city_applies:
            total += CITY_APPLIES
        if countries and facts.country_codes and facts.region_scope == "countries" and countries & facts.country_codes:
            total += COUNTRY_LISTED
        if moving and facts.people and moving & facts.people:
            total += overlap_points(PEOPLE_POINTS, moving, facts.people, 0)
        if joint and facts.joint in ("preferred", "required"):
            total += JOINT_PREFERRED
        return total

    return points


def score_structure(plan: Plan, facts: ProgramFacts, verdict: Verdict, names: dict) -> None:
    """Add the reasons from fields, activity types, role, window and money to ``verdict``."""
    gains, losses, uncertainties, notes = verdict.gains, verdict.losses, verdict.uncertainties, verdict.notes
    field_names, activity_names = names["fields"], names["activities"]
    plan_field_ids = names["plan_field_ids"]
    plan_activity_ids = names["plan_activity_ids"]

    points = overlap_points(FIELD_POINTS, plan_field_ids, facts.field_ids, len(field_names))
    common = plan_field_ids & facts.field_ids
    if plan_field_ids and not facts.field_ids:
        gains.append(Reason(
            "field_open", _("No field restriction recorded: counted as open to every field."), points=points))
    elif common:
        gains.append(Reason(
            "field_match", _("Field matches: %(names)s."),
            {"names": Names(tuple(field_names[i] for i in sorted(common)))}, points=points))
    elif plan_field_ids:
        losses.append(Reason(
            "no_common_field", _("No field in common (the programme covers: %(names)s)."),
            {"names": Names(tuple(field_names[i] for i in sorted(facts.field_ids)))}, points=NO_COMMON_FIELD))

    points = overlap_points(ACTIVITY_POINTS, plan_activity_ids, facts.activity_ids, len(activity_names))
    common = plan_activity_ids & facts.activity_ids
    if plan_activity_ids and not facts.activity_ids:
        gains.append(Reason(
            "activity_open", _("No activity type restriction recorded: counted as open to every activity type."),
            points=points))
    elif common:
        gains.append(Reason(
            "activity_match", _("Activity type matches: %(names)s."),
            {"names": Names(tuple(activity_names[i] for i in sorted(common)))}, points=points))
    elif plan_activity_ids:
        losses.append(Reason(
            "no_common_activity", _("No activity type in common (the programme supports: %(names)s)."),
            {"names": Names(tuple(activity_names[i] for i in sorted(facts.activity_ids)))},
            points=NO_COMMON_ACTIVITY))

    points = people_points(plan, facts)
    if points:
        from .eligibility import _people_labels

        gains.append(Reason(
            "people_match", _("Made for what the plan does with people: %(names)s."),
            {"names": _people_labels(plan.people_moving & facts.people)}, points=points))
    if joint_points(plan, facts):
        gains.append(Reason(
            "joint_preferred", _("Joint projects of several local governments are given priority."),
            points=JOINT_PREFERRED))

    if city_applies(plan, verdict.roles, facts):
        gains.append(Reason("city_applies", _("The city can apply itself."), points=CITY_APPLIES))

    occurrence = verdict.occurrence
    if occurrence is not None and not any(r.code == "window_may_have_closed" for r in uncertainties):
        if occurrence.window.kind == ApplicationWindow.Kind.ROLLING and occurrence.window.closes_on is None:
            gains.append(Reason("window_rolling", _("Applications are taken at any time."), points=WINDOW_FIRST_YEAR))
        else:
            first = occurrence.fiscal_year <= plan.first_open_fiscal_year
            params = {"closes": Day(occurrence.closes), "year": Year(occurrence.fiscal_year)}
            opens = occurrence.opens and occurrence.closes and plan.today < occurrence.opens < occurrence.closes
            if opens:
                params["opens"] = Day(occurrence.opens)
            if first:
                message = (_("Window for %(year)s: opens on %(opens)s, closes on %(closes)s.") if opens else
                           _("Window for %(year)s: apply by %(closes)s."))
                gains.append(Reason("window", message, params, points=WINDOW_FIRST_YEAR))
            elif plan.end_date is None:
                # A plan without end date: its first 年度 decides; a later one only breaks ties.
                message = (_("Window for %(year)s, a later year of the plan (no points: it only breaks ties): "
                             "opens on %(opens)s, closes on %(closes)s.") if opens else
                           _("Window for %(year)s, a later year of the plan (no points: it only breaks ties): "
                             "apply by %(closes)s."))
                notes.append(Reason("window_later_year", message, params))
            else:
                message = (_("Window for %(year)s (a later year of the plan): opens on %(opens)s, closes on %(closes)s.")
                           if opens else _("Window for %(year)s (a later year of the plan): apply by %(closes)s."))
                gains.append(Reason("window", message, params, points=WINDOW_LATER_YEAR))

    score_money(plan, facts, verdict)


def _terms_reason(terms: ProgramTerms, points: float) -> Reason:
    rate, cap = terms.rate, terms.cap_jpy
    if rate is not None and cap is not None:
        return Reason("terms", _("Covers up to %(rate)s of the costs, up to %(cap)s %(basis)s."),
                      {"rate": Rate(rate), "cap": Yen(cap), "basis": _basis(terms)}, points=points)
    if cap is not None:
        return Reason("terms", _("Pays up to %(cap)s %(basis)s."), {"cap": Yen(cap), "basis": _basis(terms)},
                      points=points)
    return Reason("terms", _("Covers up to %(rate)s of the costs."), {"rate": Rate(rate)}, points=points)


def score_money(plan: Plan, facts: ProgramFacts, verdict: Verdict) -> None:
    gains, losses, uncertainties, notes = verdict.gains, verdict.losses, verdict.uncertainties, verdict.notes
    need = plan.money_needed_jpy
    terms = facts.terms_for(plan.first_open_fiscal_year)
    known = terms is not None and (terms.rate is not None or terms.cap_jpy is not None)
    forms = set(facts.funding_forms)
    gives_money = bool(forms & MONEY_FORMS)
    partner_only = plan.is_city_plan and verdict.roles == {CityRole.PARTNER}

    if partner_only:
        notes.append(Reason(
            "paid_to_others",
            _("The city joins as a named partner: the contract or grant goes to the applicant the programme names."),
        ))
        if known:
            notes.append(_terms_reason(terms, 0.0))
    elif need and forms and not gives_money:
        losses.append(Reason(
            "no_money", _("Pays no money to the project (%(forms)s)."),
            {"forms": Names(tuple(_form_labels(facts.funding_forms)))}, points=NO_MONEY))
    elif need and known:
        gains.append(_terms_reason(terms, TERMS_KNOWN))
        rate, cap = terms.rate, terms.cap_jpy
        covered = min(cap if cap is not None else need, int(need * rate) if rate is not None else need)
        if covered >= need:
            gains.append(Reason("cap_covers", _("Could cover the %(need)s needed."), {"need": Yen(need)},
                                points=CAP_COVERS))
        else:
            losses.append(Reason(
                "cap_short", _("Covers at most %(covered)s of the %(need)s needed (%(share)s)."),
                {"covered": Yen(covered), "need": Yen(need), "share": Percent(100 * covered / need)},
                points=CAP_SHORT))
        if terms.min_jpy and terms.min_jpy > need:
            losses.append(Reason(
                "minimum_above", _("The minimum amount %(minimum)s is above the %(need)s needed."),
                {"minimum": Yen(terms.min_jpy), "need": Yen(need)}, points=MINIMUM_ABOVE))
    elif need and gives_money:
        uncertainties.append(Reason(
            "terms_unknown", _("The amount it pays is not recorded."), confidence=TERMS_UNKNOWN))
    elif known:
        notes.append(_terms_reason(terms, 0.0))

    if need and known and not partner_only and gives_money:
        if terms.uncertain:
            uncertainties.append(Reason(
                "terms_unconfirmed", _("The funding terms are unconfirmed."), confidence=TERMS_UNCONFIRMED))
        elif terms.confidence == "low":
            uncertainties.append(Reason(
                "terms_low_confidence", _("The funding terms come from a third-party source."),
                confidence=TERMS_LOW_CONFIDENCE))


def _form_labels(values) -> list:
    labels = dict(FundingForm.choices)
    return [labels.get(v, v) for v in values]


def text_reason(points: float, words: list[str]) -> Reason:
    return Reason("text_similarity", _("Similar wording: %(words)s."), {"words": Words(tuple(words))}, points=points)
