"""Rank the programmes that could fund a plan file: ``tsunagu programs match --plan plan.yaml``.

A thin shell over ``tsunagu.programs.matching``: reads the plan file (format in
docs/plan-format.md), runs the matcher and prints the ranked programmes with
their scores, confidence and reasons, then the ineligible ones with their
refusals. ``--json`` prints the same as JSON. A plan file that cannot be read
is reported with every problem found and exit status 2; so is a database that
is not migrated or whose catalogue is empty (one sentence, no traceback).
"""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tsunagu.programs.matching import PlanError, match, read_plan_file

EXIT_BAD_PLAN = 2
EXIT_NOT_READY = 2  # no migrated database or an empty catalogue: nothing to rank against


class Command(BaseCommand):
    help = "Rank the support programmes that could fund the plan in a YAML file, with the reasons."
    # Read only and meant to be quick: no system checks (``manage.py check`` runs them).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan file (YAML, UTF-8; see docs/plan-format.md)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")
        parser.add_argument("--language", choices=["ja", "en"], default="ja",
                            help="language of the reasons and names (default: ja)")
        parser.add_argument("--limit", type=int, default=None, help="print only the first N ranked programmes")
        parser.add_argument("--as-of", default=None,
                            help="the day to check the windows against (YYYY-MM-DD; default: as_of in the plan, else today)")

    def handle(self, *args, **options):
        with translation.override(options["language"]):
            self._require_migrated_database()  # reading the plan looks up fields and countries
            try:
                plan, _raw = read_plan_file(options["plan"])
            except PlanError as error:
                raise CommandError(
                    "\n".join([_("The plan file cannot be used:"), *(f"  - {m}" for m in error.messages)]),
                    returncode=EXIT_BAD_PLAN,
                ) from error
            if options["as_of"]:
                try:
                    as_of = datetime.date.fromisoformat(options["as_of"])
                except ValueError as error:
                    raise CommandError(_("--as-of must be a date like 2026-04-01, not “%(value)s”.")
                                       % {"value": options["as_of"]}, returncode=EXIT_BAD_PLAN) from error
                from dataclasses import replace

                plan = replace(plan, as_of=as_of)
            if options["limit"] is not None and options["limit"] < 0:
                raise CommandError(_("--limit cannot be negative."), returncode=EXIT_BAD_PLAN)
            self._require_catalogue()
            result = match(plan)
            ranked = result.ranked if options["limit"] is None else result.ranked[: options["limit"]]
            if options["json"]:
                data = result.as_dict()
                data["ranked"] = [item.as_dict() for item in ranked]
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
                return
            self._print_text(result, ranked)

    def _require_migrated_database(self):
        """Refuse, in one sentence, a database that is not migrated (instead of a traceback)."""
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(_("The database is not set up yet: run “python manage.py migrate” first."),
                               returncode=EXIT_NOT_READY)

    def _require_catalogue(self):
        """Refuse, in one sentence, a catalogue without any programme (instead of "0 programmes")."""
        from django.db import DatabaseError

        from tsunagu.programs.models import Program

        try:
            has_programmes = Program.objects.exists()
        except DatabaseError as error:
            raise CommandError(_("The database cannot be read: %(error)s") % {"error": error},
                               returncode=EXIT_NOT_READY) from error
        if not has_programmes:
            raise CommandError(
                _("The support-programme catalogue is empty: load it with “python manage.py load_programs” "
                  "or import a catalogue file first."),
                returncode=EXIT_NOT_READY,
            )

    def _print_text(self, result, ranked):
        plan = result.plan
        period = plan.start_date.isoformat() + " – " + (plan.end_date.isoformat() if plan.end_date else "…")
        self.stdout.write(_("%(title)s [applicant: %(applicant)s; %(period)s; windows as of %(day)s]") % {
            "title": plan.title or _("(plan without a title)"), "applicant": plan.applicant_type,
            "period": period, "day": plan.today.isoformat()})
        self.stdout.write(_("Programmes that could fund this plan: %(count)s") % {"count": len(result.ranked)})
        for item in ranked:
            self.stdout.write(
                f"{item.rank:>3}. {item.code}  "
                + _("score %(score)+.1f  confidence %(confidence).2f (%(level)s)")
                % {"score": item.score, "confidence": item.confidence, "level": item.confidence_label}
                + f"  {item.name}"
            )
            for reason in item.gains:
                self.stdout.write(f"       + {reason.points:+.1f}  {reason.text}")
            for reason in item.losses:
                self.stdout.write(f"       - {reason.points:+.1f}  {reason.text}")
            for reason in item.uncertainties:
                self.stdout.write(f"       ? {reason.confidence:+.2f}  {reason.text}")
            for reason in item.notes:
                self.stdout.write(f"       ·        {reason.text}")
        self.stdout.write(_("Programmes refused: %(count)s") % {"count": len(result.ineligible)})
        for item in result.ineligible:
            self.stdout.write(f"     x {item.code}  {item.name}")
            for reason in item.reasons:
                self.stdout.write(f"         {reason.text}")
