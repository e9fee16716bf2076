"""``match(plan)``: the programmes that could fund a plan, ranked, with their reasons.

1. The database keeps the programmes the eligibility rules may accept
   (``eligibility.prefilter_q``), and their facts are loaded with a fixed
   number of queries (``facts.load_facts``).
2. Each is checked by the rules in Python (the windows included); a
   programme with a refusal is not ranked.
3. Each eligible one is scored (``scoring``) and compared with the plan's
   text (Okapi BM25 among the eligible programmes).
4. The ranking is by score, then confidence, then code (stable).

The refused programmes are explained on demand (``MatchResult.ineligible``):
the ones the database left out are loaded then, with the same rules.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import Program, WindowOccurrence
from . import eligibility, scoring
from .facts import ProgramFacts, load_facts
from .plan import Plan
from .reasons import Bilingual, Reason
from .text import Bm25, analyse, matched_terms

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
    occurrence: WindowOccurrence | None = None

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
    ranked: list[RankedProgram]
    _refused_candidates: list[RefusedProgram] = field(default_factory=list, repr=False)
    _candidate_queryset: QuerySet | None = field(default=None, repr=False)
    _names: dict = field(default_factory=dict, repr=False)

    def top(self, count: int) -> list[RankedProgram]:
        return self.ranked[:count]

    @cached_property
    def ineligible(self) -> list[RefusedProgram]:
        """Every refused programme with its refusals, by code (loads the ones the database left out)."""
        refused = list(self._refused_candidates)
        if self._candidate_queryset is not None:
            others = eligibility.annotate_json_text(Program.objects.select_related(None)).exclude(
                pk__in=self._candidate_queryset.values("pk")
            )
            facts = load_facts(others, full=False)
            country_names = _country_names(self.plan, facts, self._names.get("countries", {}))
            for item in facts:
                verdict = eligibility.check(self.plan, item, country_names, windows=False)
                if verdict.eligible:  # the database and the rules disagree: say so, keep it out
                    logger.warning("matcher pre-filter left out %s, which the rules accept", item.code)
                    continue
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


def _country_names(plan: Plan, facts: list[ProgramFacts], known: dict) -> dict:
    from tsunagu.partners.models import Country

    wanted = set(plan.countries)
    for item in facts:
        wanted |= item.country_codes
    missing = wanted - set(known)
    if missing:
        for code, name_ja, name_en in Country.objects.filter(code__in=missing).values_list("code", "name_ja", "name_en"):
            known[code] = Bilingual(name_ja, name_en)
    return known


def _vocabulary_names(plan: Plan) -> dict:
    from tsunagu.portfolio.models import ActivityType, Field

    fields = {pk: (code, Bilingual(ja, en)) for pk, code, ja, en in Field.objects.values_list("pk", "code", "name_ja", "name_en")}
    activities = {pk: (code, Bilingual(ja, en))
                  for pk, code, ja, en in ActivityType.objects.values_list("pk", "code", "name_ja", "name_en")}
    return {
        "fields": {pk: name for pk, (_code, name) in fields.items()},
        "activities": {pk: name for pk, (_code, name) in activities.items()},
        "plan_field_ids": {pk for pk, (code, _name) in fields.items() if code in plan.fields},
        "plan_activity_ids": {pk for pk, (code, _name) in activities.items() if code in plan.activity_types},
        "countries": {},
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


def candidate_queryset(plan: Plan) -> QuerySet:
    return eligibility.annotate_json_text(Program.objects.all()).filter(eligibility.prefilter_q(plan))


def match(plan: Plan) -> MatchResult:
    names = _vocabulary_names(plan)
    queryset = candidate_queryset(plan)
    facts = load_facts(queryset, full=True)
    country_names = _country_names(plan, facts, names["countries"])

    eligible: list[tuple[ProgramFacts, eligibility.Verdict]] = []
    refused: list[RefusedProgram] = []
    for item in facts:
        verdict = eligibility.check(plan, item, country_names)
        if verdict.eligible:
            scoring.score_structure(plan, item, verdict, names)
            eligible.append((item, verdict))
        else:
            refused.append(RefusedProgram(item.pk, item.code, item.name, item.provider, verdict.refusals))

    query_text = plan_query_text(plan, names)
    query_terms = Counter(analyse(query_text))
    if query_terms and eligible:
        index = Bm25(item.document for item, _verdict in eligible)
        similarities = [index.score(query_terms, item.document) for item, _verdict in eligible]
        best = max(similarities)
        if best > 0:
            for (item, verdict), similarity in zip(eligible, similarities, strict=True):
                points = round(scoring.TEXT_POINTS * similarity / best, 1)
                if points >= 0.1:
                    words = matched_terms(query_text, item.document)
                    if words:
                        verdict.gains.append(scoring.text_reason(points, words))

    ranked = []
    for item, verdict in eligible:
        score = round(sum(r.points for r in verdict.gains + verdict.losses), 1)
        confidence = round(max(MIN_CONFIDENCE, 1.0 + sum(r.confidence for r in verdict.uncertainties)), 2)
        ranked.append(RankedProgram(
            rank=0, pk=item.pk, code=item.code, name=item.name, provider=item.provider, score=score,
            confidence=confidence, gains=verdict.gains, losses=verdict.losses,
            uncertainties=verdict.uncertainties, occurrence=verdict.occurrence,
        ))
    ranked.sort(key=lambda r: (-r.score, -r.confidence, r.code))
    for position, item in enumerate(ranked, start=1):
        item.rank = position
    return MatchResult(plan=plan, ranked=ranked, _refused_candidates=refused, _candidate_queryset=queryset,
                       _names=names)
