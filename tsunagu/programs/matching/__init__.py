"""The matcher: which support programmes could fund a plan, and why.

Public interface::

    from tsunagu.programs.matching import match, plan_from_project, read_plan_file

    result = match(plan_from_project(project))
    for item in result.ranked:          # eligible programmes, best first
        item.code, item.score, item.confidence, item.gains, item.losses, item.uncertainties
    for item in result.ineligible:      # refused programmes with their refusals
        item.code, item.reasons

The same ``Plan`` comes from a project (``plan_from_project``), the plan form
(``forms.PlanForm.plan()``) or a plan file (``read_plan_file``, format in
docs/plan-format.md), so the three ways give the same ranking.
"""

from .engine import MatchResult, RankedProgram, RefusedProgram, match
from .plan import (
    Plan,
    PlanError,
    Vocabulary,
    dump_plan,
    plan_from_mapping,
    plan_from_project,
    read_plan_file,
)

__all__ = [
    "MatchResult",
    "Plan",
    "PlanError",
    "RankedProgram",
    "RefusedProgram",
    "Vocabulary",
    "dump_plan",
    "match",
    "plan_from_mapping",
    "plan_from_project",
    "read_plan_file",
]
