"""Hard eligibility: who may apply, how the city takes part, region, windows, exclusions, status.

Each rule returns what it found as reasons: a *refusal* makes the programme
ineligible (it is reported apart, with every refusal, never ranked); an
*uncertainty* (a fact that is unknown or marked unconfirmed in the catalogue)
lowers the confidence instead of refusing. A rule never refuses on an
unconfirmed fact.

``catalogue.Snapshot.candidates(plan)`` is the same set of rules without the
windows, written as set operations on the catalogue snapshot, so the rules
run only on the programmes that can pass; tests hold the two in step.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from tsunagu.core.fiscal import FiscalYear

from ..models import ApplicantType, ApplicationWindow, CityRole, Program, WindowOccurrence
from .facts import OCCURRENCES_FROM, OCCURRENCES_UNTIL, ProgramFacts
from .plan import Plan
from .reasons import Day, Label, Names, Reason, Year
from .regions import HOME_COUNTRY, is_developing

HISTORICAL = (Program.Status.HISTORICAL, Program.Status.HISTORICAL_UNVERIFIED)

# An unconfirmed deadline ("around 31 October") may have moved by this much.
GRACE_DAYS = 14

# How much confidence each kind of unknown fact costs.
UNKNOWN_STATUS = -0.15
UNKNOWN_ROLE = -0.15
UNKNOWN_APPLICANTS = -0.15
UNCONFIRMED_REFUSAL = -0.25  # a rule would refuse, but on an unconfirmed fact
UNKNOWN_COUNTRY = -0.1
NO_WINDOW_KNOWN = -0.2
NEXT_WINDOW_UNKNOWN = -0.2
WINDOW_UNCONFIRMED = -0.1
WINDOW_MAY_HAVE_CLOSED = -0.3

# Points (not confidence) for a plan country among the countries a programme lists.
COUNTRY_LISTED = 1.0


def _role_labels(values) -> Names:
    labels = dict(CityRole.choices)
    return Names(tuple(Label(labels.get(v, v)) for v in values))


def _applicant_labels(values) -> Names:
    labels = dict(ApplicantType.choices)
    return Names(tuple(Label(labels.get(v, v)) for v in values))


def _country_names(codes, names: dict[str, object]) -> Names:
    return Names(tuple(names.get(code, code) for code in sorted(codes)))


@dataclass
class Verdict:
    refusals: list[Reason] = field(default_factory=list)
    uncertainties: list[Reason] = field(default_factory=list)
    gains: list[Reason] = field(default_factory=list)
    losses: list[Reason] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)  # worth knowing, no points
    # Why the programme does not fit the plan's purpose (an unconfirmed fact that would refuse it,
    # people moving the other way, the wrong kind of applicant): ranked below every programme that fits.
    conflicts: list[Reason] = field(default_factory=list)
    roles: set = field(default_factory=set)  # how the city can take part
    occurrence: WindowOccurrence | None = None  # the window to apply in

    @property
    def eligible(self) -> bool:
        return not self.refusals


# -- the rules ---------------------------------------------------------------------------------


def check_status(plan: Plan, facts: ProgramFacts, verdict: Verdict) -> None:
    if facts.status == Program.Status.HISTORICAL:
        verdict.refusals.append(Reason("historical", _("No longer offered (a historical programme).")))
    elif facts.status == Program.Status.HISTORICAL_UNVERIFIED:
        verdict.refusals.append(Reason(
            "historical",
            _("Kept for its history only: not known to be offered now, so it is not proposed."),
        ))
    elif facts.status == Program.Status.ACTIVE_UNVERIFIED:
        verdict.uncertainties.append(Reason(
            "status_unverified", _("Whether the programme is still offered is not verified."),
            confidence=UNKNOWN_STATUS,
        ))


def check_role(plan: Plan, facts: ProgramFacts, verdict: Verdict) -> None:
    wanted = set(plan.city_roles)
    roles = set(facts.city_roles)
    if not roles:
        verdict.roles = wanted
        verdict.uncertainties.append(Reason(
            "role_unknown", _("How the city takes part is not recorded."), confidence=UNKNOWN_ROLE))
        return
    matched = roles & wanted
    unconfirmed = "city_roles" in facts.unconfirmed
    if matched:
        # Unconfirmed roles: the city might take part in any role the plan accepts.
        verdict.roles = wanted if unconfirmed else matched
        if unconfirmed:
            verdict.uncertainties.append(Reason(
                "role_unconfirmed", _("How the city takes part is not confirmed."), confidence=UNKNOWN_ROLE))
        return
    params = {"roles": _role_labels(facts.city_roles), "wanted": _role_labels(plan.city_roles)}
    if unconfirmed:
        verdict.roles = wanted
        verdict.conflicts.append(Reason(
            "role_unconfirmed",
            _("The city may only take part as: %(roles)s (unconfirmed); the plan accepts: %(wanted)s."),
            params, confidence=UNCONFIRMED_REFUSAL))
        return
    verdict.refusals.append(Reason(
        "city_role", _("The city can only take part as: %(roles)s; the plan accepts: %(wanted)s."), params))


def applicant_check_applies(plan: Plan, roles: set) -> bool:
    """The plan's applicant must be an eligible applicant, unless the city joins as a named partner
    (then someone else applies: the company, university or body abroad the programme names)."""
    return not (plan.is_city_plan and CityRole.PARTNER in roles)


def check_applicant(plan: Plan, facts: ProgramFacts, verdict: Verdict) -> None:
    if not applicant_check_applies(plan, verdict.roles or set(facts.city_roles)):
        return
    allowed = facts.eligible_applicants
    if not allowed:
        verdict.uncertainties.append(Reason(
            "applicants_unknown", _("Who may apply is not recorded."), confidence=UNKNOWN_APPLICANTS))
        return
    unconfirmed = "eligible_applicants" in facts.unconfirmed
    if plan.applicant_type in allowed:
        if unconfirmed:
            verdict.uncertainties.append(Reason(
                "applicants_unconfirmed", _("Who may apply is not confirmed."), confidence=UNKNOWN_APPLICANTS))
        return
    params = {"allowed": _applicant_labels(allowed), "applicant": _applicant_labels([plan.applicant_type])}
    if unconfirmed:
        verdict.conflicts.append(Reason(
            "applicants_unconfirmed",
            _("Only %(allowed)s may apply (unconfirmed); the plan's applicant is: %(applicant)s."),
            params, confidence=UNCONFIRMED_REFUSAL))
        return
    verdict.refusals.append(Reason(
        "applicant_type", _("Only %(allowed)s may apply; the plan's applicant is: %(applicant)s."), params))


def check_region(plan: Plan, facts: ProgramFacts, verdict: Verdict, country_names: dict) -> None:
    scope = facts.region_scope
    countries = set(plan.countries)
    if scope == Program.RegionScope.ANY:
        return
    unconfirmed = "region" in facts.unconfirmed
    named = {"countries": _country_names(countries, country_names)}
    refusal: Reason | None = None
    if scope == Program.RegionScope.DOMESTIC:
        if countries and HOME_COUNTRY not in countries:
            refusal = Reason("region", _("Only for activities in Japan; the plan is in %(countries)s."), named)
    elif not countries:
        verdict.uncertainties.append(Reason(
            "country_unknown",
            _("The plan names no country, and the programme covers only some countries: check the region."),
            confidence=UNKNOWN_COUNTRY))
        return
    elif scope == Program.RegionScope.DEVELOPING:
        if not any(is_developing(code) for code in countries):
            refusal = Reason(
                "region",
                _("Only for developing countries (OECD-DAC list of ODA recipients); %(countries)s is not one."),
                named)
    elif scope == Program.RegionScope.COUNTRIES:
        covered = countries & facts.country_codes
        if covered:
            verdict.gains.append(Reason(
                "country_listed", _("Covers %(countries)s (one of its listed countries)."),
                {"countries": _country_names(covered, country_names)}, points=COUNTRY_LISTED))
        else:
            refusal = Reason(
                "region", _("Only for %(listed)s; the plan is in %(countries)s."),
                {**named, "listed": _country_names(facts.country_codes, country_names)})
    if refusal is None:
        return
    if unconfirmed:
        verdict.conflicts.append(Reason(
            "region_unconfirmed",
            _("The programme's region is unconfirmed and may not cover %(countries)s."),
            named, confidence=UNCONFIRMED_REFUSAL))
    else:
        verdict.refusals.append(refusal)


def check_exclusions(plan: Plan, facts: ProgramFacts, verdict: Verdict) -> None:
    unconfirmed = "exclusions" in facts.unconfirmed
    found = []
    if plan.national_funding and facts.excludes_double_funding:
        found.append(Reason(
            "double_funding",
            _("No double funding: projects already funded by the state or a similar body are excluded, "
              "and the plan already has such funding.")))
    if plan.continuing and facts.new_projects_only:
        found.append(Reason(
            "new_projects_only",
            _("New (or expanded) projects only; the plan continues an existing project.")))
    excluded = set(facts.excluded_activities)
    wanted = set(plan.activity_types)
    if wanted and excluded & wanted:
        params = {"names": Names(tuple(facts.excluded_activities[code] for code in sorted(excluded & wanted)))}
        if wanted <= excluded:
            found.append(Reason(
                "excluded_activity",
                _("The programme does not fund %(names)s on its own, and the plan is made only of that."), params))
        else:
            verdict.notes.append(Reason(
                "excluded_activity_part",
                _("The programme does not fund %(names)s on its own: the plan's other activity types must carry "
                  "the application."), params))
    for reason in found:
        if unconfirmed:
            verdict.conflicts.append(Reason(
                reason.code + "_unconfirmed", reason.message, reason.params, confidence=UNCONFIRMED_REFUSAL))
        else:
            verdict.refusals.append(reason)


def _occurrences(facts: ProgramFacts, start: datetime.date, end: datetime.date):
    """The window periods overlapping ``start``–``end`` (from the programme's periods 2000–2045)."""
    if OCCURRENCES_FROM <= start and end <= OCCURRENCES_UNTIL:
        if facts.occurrences is None:  # computed once per programme and catalogue snapshot
            facts.occurrences = [o for window in facts.windows
                                 for o in window.occurrences_between(OCCURRENCES_FROM, OCCURRENCES_UNTIL)]
        for occurrence in facts.occurrences:
            if occurrence.opens <= end and (occurrence.closes is None or occurrence.closes >= start):
                yield occurrence
    else:
        for window in facts.windows:
            yield from window.occurrences_between(start, end)


def check_windows(plan: Plan, facts: ProgramFacts, verdict: Verdict) -> None:
    """A window must take applications for one of the plan's 年度, and not have closed.

    - a window for a 年度 of the plan that is open or still to come: usable;
    - the plan's windows are known and have all closed: refused (if the window
      is unconfirmed and closed less than two weeks ago: kept, with less confidence);
    - no window of the plan's 年度 is known yet (only older rounds, or none at all):
      kept, with less confidence (the next call is not published).
    """
    today = plan.today
    years = set(plan.fiscal_years)
    windows = facts.windows
    programme_unconfirmed = "windows" in facts.unconfirmed
    if not windows:
        verdict.uncertainties.append(Reason(
            "no_window", _("No application window is recorded: ask the provider when to apply."),
            confidence=NO_WINDOW_KNOWN))
        return
    last_year = max(max(years), FiscalYear.of(today).year)
    occurrences = list(_occurrences(facts, today - datetime.timedelta(days=800), FiscalYear(last_year).end))
    rolling = [o for o in occurrences if o.window.kind == ApplicationWindow.Kind.ROLLING]
    for_plan = [o for o in occurrences if o.window.kind != ApplicationWindow.Kind.ROLLING and o.fiscal_year in years]
    usable = [o for o in rolling + for_plan if o.closes is None or o.closes >= today]

    def uncertain(o: WindowOccurrence) -> bool:
        return o.window.uncertain or programme_unconfirmed

    if usable:
        # A window for the plan's first 年度 first (it decides), then confirmed before unconfirmed.
        first_year = plan.first_open_fiscal_year
        usable.sort(key=lambda o: (o.window.kind != "rolling" and o.fiscal_year > first_year, uncertain(o),
                                   o.fiscal_year if o.window.kind != "rolling" else 0, o.closes or datetime.date.max))
        best = usable[0]
        verdict.occurrence = best
        if uncertain(best):
            verdict.uncertainties.append(Reason(
                "window_unconfirmed", _("The application window is not confirmed."), confidence=WINDOW_UNCONFIRMED))
        return

    closed = sorted((o for o in for_plan + rolling if o.closes and o.closes < today), key=lambda o: o.closes)
    later = sorted(
        (o for o in _occurrences(facts, today, today + datetime.timedelta(days=800))
         if o.window.kind != ApplicationWindow.Kind.ROLLING and (o.closes is None or o.closes >= today)),
        key=lambda o: o.opens,
    )
    if for_plan or (rolling and closed):
        last = closed[-1] if closed else None
        if last and uncertain(last) and (today - last.closes).days <= GRACE_DAYS:
            verdict.occurrence = last
            verdict.uncertainties.append(Reason(
                "window_may_have_closed",
                _("The window for %(year)s closed on %(closes)s as far as known (unconfirmed): "
                  "check whether it is still open."),
                {"year": Year(last.fiscal_year), "closes": Day(last.closes)}, confidence=WINDOW_MAY_HAVE_CLOSED))
            return
        if last and uncertain(last):
            verdict.losses.append(Reason(
                "window_probably_closed",
                _("The window for %(year)s probably closed on %(closes)s (unconfirmed)."),
                {"year": Year(last.fiscal_year), "closes": Day(last.closes)}, points=-3.0))
            verdict.uncertainties.append(Reason(
                "window_unconfirmed", _("The application window is not confirmed."),
                confidence=WINDOW_MAY_HAVE_CLOSED))
            return
        params = {"closes": Day(last.closes) if last else "—",
                  "year": Year(last.fiscal_year) if last else Year(min(years))}
        if later:
            params.update({"next": Day(later[0].opens), "next_year": Year(later[0].fiscal_year)})
            message = _("The window for %(year)s closed on %(closes)s; the next one (from %(next)s) is for "
                        "%(next_year)s, after the plan's period.")
        else:
            message = _("The window for %(year)s closed on %(closes)s and no later window is known.")
        verdict.refusals.append(Reason("window_closed", message, params))
        return

    # Only rounds of other years are known: the plan's round is not published yet.
    past = sorted((o for o in occurrences if o.closes and o.closes < today), key=lambda o: o.closes)
    if past:
        verdict.uncertainties.append(Reason(
            "next_window_unknown",
            _("No window for %(year)s is known yet (the last one closed on %(closes)s): check the next call."),
            {"year": Year(plan.first_open_fiscal_year), "closes": Day(past[-1].closes)},
            confidence=NEXT_WINDOW_UNKNOWN))
    else:
        verdict.uncertainties.append(Reason(
            "next_window_unknown", _("No window for %(year)s is known yet: check the next call."),
            {"year": Year(plan.first_open_fiscal_year)}, confidence=NEXT_WINDOW_UNKNOWN))


PEOPLE_LABELS = {
    "trainees_in": _("accepting trainees from abroad"),
    "staff_training": _("training the city's own staff"),
    "experts_out": _("sending the city's staff abroad as experts"),
}
EXPERIENCE_LABELS = {
    "new": _("organisations new to overseas work"),
    "experienced": _("organisations experienced abroad"),
}


def _people_labels(values) -> Names:
    order = list(PEOPLE_LABELS)
    return Names(tuple(Label(PEOPLE_LABELS[v]) for v in sorted(values, key=order.index)))


def check_fit(plan: Plan, facts: ProgramFacts, verdict: Verdict) -> None:
    """What the programme is for against what the plan does (from the reviewed coding):
    people moving the other way, an applicant of the wrong experience, single against joint."""
    moving = plan.people_moving
    if moving and facts.people and not moving & facts.people:
        verdict.conflicts.append(Reason(
            "people_direction", _("The programme is for %(programme)s; the plan is about %(plan)s."),
            {"programme": _people_labels(facts.people), "plan": _people_labels(moving)}))
    if plan.experience and facts.experience and plan.experience != facts.experience:
        verdict.conflicts.append(Reason(
            "applicant_experience", _("The programme is for %(programme)s; the plan's applicant is one of %(plan)s."),
            {"programme": Label(EXPERIENCE_LABELS[facts.experience]), "plan": Label(EXPERIENCE_LABELS[plan.experience])}))
    if plan.joint and facts.joint == "single":
        verdict.conflicts.append(Reason(
            "joint_not_taken", _("The programme takes applications of a single organisation; the plan is a joint one.")))
    elif not plan.joint and facts.joint == "required":
        verdict.conflicts.append(Reason(
            "joint_required", _("The programme takes joint applications of several organisations only.")))


def check(plan: Plan, facts: ProgramFacts, country_names: dict, *, windows: bool = True) -> Verdict:
    verdict = Verdict()
    check_status(plan, facts, verdict)
    check_role(plan, facts, verdict)
    check_applicant(plan, facts, verdict)
    check_region(plan, facts, verdict, country_names)
    check_exclusions(plan, facts, verdict)
    check_fit(plan, facts, verdict)
    if windows:
        check_windows(plan, facts, verdict)
    return verdict
