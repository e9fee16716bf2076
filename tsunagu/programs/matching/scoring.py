"""The score of an eligible programme, as a list of reasons a reviewer can read.

Every point comes with its reason; the score is their sum:

======================================  ========
fact                                    points
======================================  ========
each field in common                    +3
plan and programme share no field       −2
each activity type in common            +2
no activity type in common              −1
text similarity (Okapi BM25)            0 … +4 (relative to the best eligible programme)
the city can apply itself               +1
the plan's country is a listed country  +1
a window for the plan's first 年度      +1 (a later 年度: +0.5)
funding terms: rate and/or cap          +1
the cap covers the money needed         +1
the cap is below the money needed       −1
the minimum is above the money needed   −1
no money (in-kind, staff) but needed    −1
an unconfirmed window probably closed   −3
======================================  ========

Facts that are missing or unconfirmed never add or remove points: they lower
the confidence (1.0 = every fact used is confirmed), see ``eligibility``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..models import ApplicationWindow, CityRole, FundingForm, ProgramTerms
from .eligibility import Verdict
from .facts import ProgramFacts
from .plan import Plan
from .reasons import Day, Names, Percent, Rate, Reason, Words, Year, Yen

FIELD_POINTS = 3.0
NO_COMMON_FIELD = -2.0
ACTIVITY_POINTS = 2.0
NO_COMMON_ACTIVITY = -1.0
TEXT_POINTS = 4.0
CITY_APPLIES = 1.0
WINDOW_FIRST_YEAR = 1.0
WINDOW_LATER_YEAR = 0.5
TERMS_KNOWN = 1.0
CAP_COVERS = 1.0
CAP_SHORT = -1.0
MINIMUM_ABOVE = -1.0
NO_MONEY = -1.0

TERMS_UNCONFIRMED = -0.1
TERMS_LOW_CONFIDENCE = -0.05
TERMS_UNKNOWN = -0.1

MONEY_FORMS = {FundingForm.GRANT, FundingForm.COMMISSION}


def _basis(terms: ProgramTerms):
    return terms.get_cap_basis_display() if terms.cap_basis else ""


def score_structure(plan: Plan, facts: ProgramFacts, verdict: Verdict, names: dict) -> None:
    """Add the reasons from fields, activity types, role, window and money to ``verdict``."""
    gains, losses, uncertainties = verdict.gains, verdict.losses, verdict.uncertainties
    field_names, activity_names = names["fields"], names["activities"]
    plan_field_ids = names["plan_field_ids"]
    plan_activity_ids = names["plan_activity_ids"]

    common = plan_field_ids & facts.field_ids
    if common:
        gains.append(Reason(
            "field_match", _("Field matches: %(names)s."),
            {"names": Names(tuple(field_names[i] for i in sorted(common)))}, points=FIELD_POINTS * len(common)))
    elif plan_field_ids and facts.field_ids:
        losses.append(Reason(
            "no_common_field", _("No field in common (the programme covers: %(names)s)."),
            {"names": Names(tuple(field_names[i] for i in sorted(facts.field_ids)))}, points=NO_COMMON_FIELD))

    common = plan_activity_ids & facts.activity_ids
    if common:
        gains.append(Reason(
            "activity_match", _("Activity type matches: %(names)s."),
            {"names": Names(tuple(activity_names[i] for i in sorted(common)))},
            points=ACTIVITY_POINTS * len(common)))
    elif plan_activity_ids and facts.activity_ids:
        losses.append(Reason(
            "no_common_activity", _("No activity type in common (the programme supports: %(names)s)."),
            {"names": Names(tuple(activity_names[i] for i in sorted(facts.activity_ids)))},
            points=NO_COMMON_ACTIVITY))

    if plan.is_city_plan and CityRole.APPLICANT in verdict.roles and CityRole.APPLICANT in facts.city_roles:
        gains.append(Reason("city_applies", _("The city can apply itself."), points=CITY_APPLIES))

    occurrence = verdict.occurrence
    if occurrence is not None and not any(r.code == "window_may_have_closed" for r in uncertainties):
        if occurrence.window.kind == ApplicationWindow.Kind.ROLLING and occurrence.window.closes_on is None:
            gains.append(Reason("window_rolling", _("Applications are taken at any time."), points=WINDOW_FIRST_YEAR))
        else:
            first = occurrence.fiscal_year <= plan.first_open_fiscal_year
            params = {"closes": Day(occurrence.closes), "year": Year(occurrence.fiscal_year)}
            if occurrence.opens and occurrence.opens > plan.today:
                params["opens"] = Day(occurrence.opens)
                message = (_("Window for %(year)s: opens on %(opens)s, closes on %(closes)s.") if first else
                           _("Window for %(year)s (a later year of the plan): opens on %(opens)s, closes on %(closes)s."))
            else:
                message = (_("Window for %(year)s: apply by %(closes)s.") if first else
                           _("Window for %(year)s (a later year of the plan): apply by %(closes)s."))
            gains.append(Reason("window", message, params, points=WINDOW_FIRST_YEAR if first else WINDOW_LATER_YEAR))

    score_money(plan, facts, verdict)


def score_money(plan: Plan, facts: ProgramFacts, verdict: Verdict) -> None:
    gains, losses, uncertainties = verdict.gains, verdict.losses, verdict.uncertainties
    need = plan.money_needed_jpy
    terms = facts.terms_for(plan.first_open_fiscal_year)
    forms = set(facts.funding_forms)
    gives_money = bool(forms & MONEY_FORMS)
    if need and forms and not gives_money:
        losses.append(Reason(
            "no_money", _("Gives no money to the project (%(forms)s)."),
            {"forms": Names(tuple(_form_labels(facts.funding_forms)))}, points=NO_MONEY))
    rate = terms.rate if terms else None
    cap = terms.cap_jpy if terms else None
    if terms and (rate is not None or cap is not None):
        params = {}
        if rate is not None and cap is not None:
            message = _("Covers up to %(rate)s of the costs, up to %(cap)s %(basis)s.")
            params = {"rate": Rate(rate), "cap": Yen(cap), "basis": _basis(terms)}
        elif cap is not None:
            message = _("Pays up to %(cap)s %(basis)s.")
            params = {"cap": Yen(cap), "basis": _basis(terms)}
        else:
            message = _("Covers up to %(rate)s of the costs.")
            params = {"rate": Rate(rate)}
        gains.append(Reason("terms", message, params, points=TERMS_KNOWN))
        if need and gives_money:
            covered = min(cap if cap is not None else need, int(need * rate) if rate is not None else need)
            if covered >= need:
                gains.append(Reason("cap_covers", _("Could cover the %(need)s needed."), {"need": Yen(need)},
                                    points=CAP_COVERS))
            else:
                losses.append(Reason(
                    "cap_short", _("Covers at most %(covered)s of the %(need)s needed (%(share)s)."),
                    {"covered": Yen(covered), "need": Yen(need), "share": Percent(100 * covered / need)},
                    points=CAP_SHORT))
    elif need and gives_money:
        uncertainties.append(Reason(
            "terms_unknown", _("The amount it pays is not recorded."), confidence=TERMS_UNKNOWN))
    if terms and need and terms.min_jpy and terms.min_jpy > need:
        losses.append(Reason(
            "minimum_above", _("The minimum amount %(minimum)s is above the %(need)s needed."),
            {"minimum": Yen(terms.min_jpy), "need": Yen(need)}, points=MINIMUM_ABOVE))
    if terms and terms.uncertain and (rate is not None or cap is not None):
        uncertainties.append(Reason(
            "terms_unconfirmed", _("The funding terms are unconfirmed."), confidence=TERMS_UNCONFIRMED))
    elif terms and terms.confidence == "low":
        uncertainties.append(Reason(
            "terms_low_confidence", _("The funding terms come from a third-party source."),
            confidence=TERMS_LOW_CONFIDENCE))


def _form_labels(values) -> list:
    labels = dict(FundingForm.choices)
    return [labels.get(v, v) for v in values]


def text_reason(points: float, words: list[str]) -> Reason:
    return Reason("text_similarity", _("Similar wording: %(words)s."), {"words": Words(tuple(words))}, points=points)
