"""``match(plan)``: the programmes that could fund a plan, ranked, with their reasons.

1. The catalogue snapshot (``catalogue.snapshot()``: one query when nothing
   changed) gives the programmes that pass the rules without dates, by set
   operations (``Snapshot.candidates``).
2. Each candidate is checked by the rules in Python (the windows included);
   a programme with a refusal is not ranked.
3. Each eligible one is scored (``scoring``) and compared with the plan's
   text (Okapi BM25 over the catalogue, points relative to the best eligible
   programme).
4. The ranking: the programmes that fit the plan first, then those that do not
   fit its purpose (``Verdict.conflicts``: an unconfirmed fact that would refuse
   them, people moving the other way, the wrong kind of applicant), each with
   the reason; within each, by score, then confidence, then — for a plan
   without end date — a window in a later 年度, then the more specific
   programme (fewer fields and activity types), then the code.

The programmes refused before the rules ran are explained on demand
(``MatchResult.ineligible``), with the same rules.
"""

from __future__ import annotations

import heapq
import logging
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from ..models import WindowOccurrence
from . import catalogue, eligibility, scoring
from .plan import Plan
from .reasons import Bilingual, Reason
from .text import Query

logger = logging.getLogger(__name__)

HIGH_CONFIDENCE = 0.75
MEDIUM_CONFIDENCE = 0.5
MIN_CONFIDENCE = 0.05

CONFIDENCE_LABELS = {
    "high": _("high"),
    "medium": _("medium"),
    "low": _("low"),
}


def confidence_level(value: float) -> str:
    if value >= HIGH_CONFIDENCE:
        return "high"
    if value >= MEDIUM_CONFIDENCE:
        return "medium"
    return "low"


@dataclass
class RankedProgram:
    rank: int
    pk: int
    code: str
    name: Bilingual
    provider: Bilingual
    score: float
    confidence: float
    gains: list[Reason]
    losses: list[Reason]
    uncertainties: list[Reason]
    notes: list[Reason] = field(default_factory=list)
    occurrence: WindowOccurrence | None = None
    conflicts: list[Reason] = field(default_factory=list)  # why it does not fit: ranked below those that fit
    later_window: bool = False  # only a window of a later 年度 (a plan without end date): breaks ties
    specificity: float = 2.0

    @property
    def fits(self) -> bool:
        return not self.conflicts

    @property
    def confidence_level(self) -> str:
        return confidence_level(self.confidence)

    @property
    def confidence_label(self):
        return CONFIDENCE_LABELS[self.confidence_level]

    def as_dict(self) -> dict:
        return {
            "rank": self.rank,
            "code": self.code,
            "name": str(self.name),
            "provider": str(self.provider),
            "score": self.score,
            "confidence": self.confidence,
            "confidence_level": self.confidence_level,
            "gained": [r.as_dict() for r in self.gains],
            "lost": [r.as_dict() for r in self.losses],
            "uncertain": [r.as_dict() for r in self.uncertainties],
            "notes": [r.as_dict() for r in self.notes],
            "does_not_fit": [r.as_dict() for r in self.conflicts],
        }


@dataclass
class RefusedProgram:
    pk: int
    code: str
    name: Bilingual
    provider: Bilingual
    reasons: list[Reason]

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": str(self.name),
            "provider": str(self.provider),
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass
class MatchResult:
    plan: Plan
    ranked: list[RankedProgram]  # every eligible programme, or the best ``limit`` of them
    complete: bool = True  # False when a limit may have left eligible programmes out of ``ranked``
    _refused_candidates: list[RefusedProgram] = field(default_factory=list, repr=False)
    _snapshot: catalogue.Snapshot | None = field(default=None, repr=False)
    _candidates: set = field(default_factory=set, repr=False)
    _evaluated: set = field(default_factory=set, repr=False)

    def top(self, count: int) -> list[RankedProgram]:
        return self.ranked[:count]

    @cached_property
    def ineligible(self) -> list[RefusedProgram]:
        """Every refused programme with its refusals, by code."""
        refused = list(self._refused_candidates)
        if self._snapshot is not None:
            programs = self._snapshot.programs
            others = [item for item in programs if item.position not in self._candidates]
            unchecked = [programs[p] for p in sorted(self._candidates - self._evaluated)]
            country_names = self._snapshot.countries
            for item in others:
                verdict = eligibility.check(self.plan, item, country_names, windows=False)
                if verdict.eligible:  # the set operations and the rules disagree: say so, keep it out
                    logger.warning("matcher pre-filter left out %s, which the rules accept", item.code)
                    continue
                refused.append(RefusedProgram(item.pk, item.code, item.name, item.provider, verdict.refusals))
            for item in unchecked:  # candidates a limit left unchecked: only their refusals are wanted
                verdict = eligibility.check(self.plan, item, country_names)
                if not verdict.eligible:
                    refused.append(RefusedProgram(item.pk, item.code, item.name, item.provider, verdict.refusals))
        refused.sort(key=lambda r: r.code)
        return refused

    def as_dict(self) -> dict:
        return {
            "plan": self.plan.as_dict(),
            "as_of": self.plan.today.isoformat(),
            "ranked": [r.as_dict() for r in self.ranked],
            "ineligible": [r.as_dict() for r in self.ineligible],
        }


def plan_query_text(plan: Plan, names: dict) -> str:
    """The text compared with the programmes: title, free text, and the names of the fields and
    activity types (in both languages, so that the catalogue's English texts are reached too)."""
    parts = [plan.title, plan.text]
    for key, ids in (("fields", names["plan_field_ids"]), ("activities", names["plan_activity_ids"])):
        for pk in sorted(ids):
            name = names[key][pk]
            parts.extend([name.ja, name.en])
    return "\n".join(part for part in parts if part)


def _rank_key(item: RankedProgram):
    return (bool(item.conflicts), -item.score, -item.confidence, not item.later_window, item.specificity, item.code)


def match(plan: Plan, *, limit: int | None = None) -> MatchResult:
    """Rank the programmes that could fund ``plan``; ``limit``: only the best ``limit`` (exactly those).

    Every candidate gets an upper bound of its score from the points that need
    no dates (``scoring.static_points``), its text points, and the most the
    window and the money can add. Candidates are checked and scored in the
    order of their bound; with a ``limit`` the loop stops when no candidate
    left can reach the last score kept, so the result is the same as the first
    ``limit`` of the complete ranking.
    """
    snapshot = catalogue.snapshot()
    names = snapshot.names_for(plan)
    positions = snapshot.candidates(plan)
    country_names = snapshot.countries

    # Text points: BM25 relative to the best candidate.
    query = Query(plan_query_text(plan, names))
    own = Query("\n".join(part for part in (plan.title, plan.text) if part))
    text_points: dict[int, float] = {}
    if query.terms and positions:
        similarities = snapshot.bm25(query.terms)
        best = max(map(similarities.__getitem__, positions))
        if best > 0:
            scale = scoring.TEXT_POINTS / best
            for position in positions:
                similarity = similarities[position]
                if similarity:
                    points = round(similarity * scale, 1)
                    if points >= 0.1:
                        text_points[position] = points

    programs = snapshot.programs
    # The bound of each candidate: static points + text points + the most its window and
    # money can add (``scoring.most_from_window_and_money``), added in that order to every candidate
    # (``Snapshot.static_points``: the same numbers as ``scoring.static_scorer``, set by set).
    bound_of = snapshot.static_points(plan, names, positions)
    for position, points in text_points.items():
        bound_of[position] += points
    for position in snapshot.with_windows.intersection(bound_of):
        bound_of[position] += scoring.WINDOW_FIRST_YEAR
    if plan.money_needed_jpy:
        money_extra = scoring.TERMS_KNOWN + scoring.CAP_COVERS
        for position in snapshot.pays_money.intersection(bound_of):
            bound_of[position] += money_extra
    codes = snapshot.codes
    bounds = [(-bound, codes[p], p) for p, bound in bound_of.items()]
    heapq.heapify(bounds)
    ranked: list[RankedProgram] = []
    refused: list[RefusedProgram] = []
    evaluated: set[int] = set()
    eligible_count = 0
    while bounds:
        negative_bound, _code, position = heapq.heappop(bounds)
        if limit is not None and len(ranked) >= limit:
            ranked.sort(key=_rank_key)
            del ranked[limit:]
            # Only a programme that fits can pass the last one kept, if that one fits too.
            if ranked[-1].fits and -negative_bound < ranked[-1].score:
                break
        evaluated.add(position)
        item = programs[position]
        verdict = eligibility.check(plan, item, country_names)
        if not verdict.eligible:
            refused.append(RefusedProgram(item.pk, item.code, item.name, item.provider, verdict.refusals))
            continue
        eligible_count += 1
        scoring.score_structure(plan, item, verdict, names)
        if position in text_points:
            # Quote the plan's own words; the names of its fields only when nothing else matched.
            words = own.matched_terms(item.document) or query.matched_terms(item.document)
            if words:
                verdict.gains.append(scoring.text_reason(text_points[position], words))
        score = round(sum(r.points for r in verdict.gains + verdict.losses), 1)
        confidence = round(max(MIN_CONFIDENCE, 1.0 + sum(r.confidence for r in verdict.uncertainties + verdict.conflicts)), 2)
        ranked.append(RankedProgram(
            rank=0, pk=item.pk, code=item.code, name=item.name, provider=item.provider, score=score,
            confidence=confidence, gains=verdict.gains, losses=verdict.losses,
            uncertainties=verdict.uncertainties, notes=verdict.notes, occurrence=verdict.occurrence,
            conflicts=verdict.conflicts, specificity=item.specificity,
            later_window=any(r.code == "window_later_year" for r in verdict.notes),
        ))
    ranked.sort(key=_rank_key)
    complete = len(evaluated) == len(positions) and (limit is None or eligible_count <= limit)
    if limit is not None:
        del ranked[limit:]
    for rank, item in enumerate(ranked, start=1):
        item.rank = rank
    return MatchResult(plan=plan, ranked=ranked, complete=complete,
                       _refused_candidates=refused, _snapshot=snapshot, _candidates=positions,
                       _evaluated=evaluated)
