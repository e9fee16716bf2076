"""Demo applications (申請): the city's CLAIR model projects as applications to the programme.

Every demo project with a CLAIR model-project budget line (funder CLAIR,
source ``CLAIR_MODEL_PROJECT``) gets an application to the catalogue's
programme ``clair-model-cooperation`` for the budget line's 年度, adopted for
the budget line's amount and, since those projects are finished, closed after
its report. So the statistics page, filtered to CLAIR up to FY2011, shows the
17 adoptions of the article. The dates (application in the autumn before the
year, decision in the spring, report after the year) follow the programme's
usual calendar and are sample data, like the amounts.

One more application shows the flow still under way: the Chiang Mai
follow-up project's application to the same programme for 2027年度, due at
the close of the window for that year: drafting while that deadline is
ahead, submitted and awaiting the decision once it has passed.

Idempotent: an application is created only when its project has none to the
programme for that 年度 (deleted ones included). The catalogue is seeded
first when the programme is missing (``programs.transfer.seed.load_programs`` creates
only missing programmes).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.models import User
from tsunagu.portfolio.models import BudgetLine, Project
from tsunagu.programs.models import Application, Program
from tsunagu.programs.transfer.seed import load_programs

from .records import create_with_history
from .specs import CLAIR_MODEL_PROJECT

CLAIR_PROGRAM_CODE = "clair-model-cooperation"
CLAIR_NAME_JA = "自治体国際化協会"
FOLLOW_UP_TITLE = "チェンマイ市 観光地廃棄物管理フォローアップ事業"
CHANGE_REASON = "デモデータ（申請）"
FOLLOW_UP_YEAR = 2027


def _author(project: Project, users: dict[str, User]) -> User:
    """The demo user who would have recorded the application: an editor of the project's department."""
    for user in users.values():
        if user.is_editor and project.lead_department_id in user.editable_department_ids:
            return user
    return users.get("kokusai") or next(iter(users.values()))


def load_applications(users: dict[str, User]) -> dict[str, int]:
    """Create the missing demo applications; returns counts ``created`` / ``existing``.

    A second run asks two queries (the budget lines, the existing applications).
    """
    lines = list(
        BudgetLine.objects.filter(
            source=BudgetLine.Source.PROGRAM, source_name=CLAIR_MODEL_PROJECT, funder__name_ja=CLAIR_NAME_JA
        )
        .select_related("project")
        .order_by("fiscal_year", "project_id")
    )
    existing = set(
        Application.all_objects.filter(program__code=CLAIR_PROGRAM_CODE).values_list("project_id", "fiscal_year")
    )
    missing = [line for line in lines if (line.project_id, line.fiscal_year) not in existing]
    has_follow_up = any(year == FOLLOW_UP_YEAR for _project, year in existing)
    counts = {"created": 0, "existing": len(lines) - len(missing) + int(has_follow_up)}
    if not missing and has_follow_up:
        return counts
    program = Program.all_objects.filter(code=CLAIR_PROGRAM_CODE).first()
    if program is None:
        load_programs(acting_user=users.get("kokusai"))
        program = Program.all_objects.get(code=CLAIR_PROGRAM_CODE)
    new: list[Application] = []
    for line in missing:
        year = line.fiscal_year
        application = Application(
            project=line.project,
            program=program,
            fiscal_year=year,
            status=Application.Status.CLOSED,
            due_on=datetime.date(year - 1, 11, 30),
            submitted_on=datetime.date(year - 1, 11, 20),
            decided_on=datetime.date(year, 4, 20),
            report_due_on=datetime.date(year + 1, 4, 30),
            reported_on=datetime.date(year + 1, 4, 25),
            amount_requested_jpy=line.amount_jpy,
            amount_granted_jpy=line.amount_jpy,
            notes="CLAIRモデル事業として採択（年度・金額は予算行による。日付はデモ用のサンプル）。",
            is_sample=True,
        )
        application.full_clean(exclude=["project", "program", "window"])
        new.append(application)
    if not has_follow_up:
        follow_up = _follow_up(program, existing)
        if follow_up is not None:
            new.append(follow_up)
    authored = [(application, _author(application.project, users)) for application in new]
    for author in dict.fromkeys(author for _application, author in authored):
        batch = [application for application, by in authored if by == author]
        create_with_history(Application, batch, user=author, reason=CHANGE_REASON)
    counts["created"] = len(new)
    return counts


def _follow_up(program: Program, existing: set) -> Application | None:
    """The follow-up project's application for 2027年度: drafting while the window for that year is
    ahead, else submitted on its deadline and awaiting the decision."""
    project = Project.all_objects.filter(title_ja=FOLLOW_UP_TITLE).first()
    if project is None or (project.pk, FOLLOW_UP_YEAR) in existing:
        return None
    today = timezone.localdate()
    deadlines = sorted(
        occurrence.closes
        for window in program.windows.all()
        for occurrence in window.occurrences_between(
            FiscalYear(FOLLOW_UP_YEAR - 2).start, FiscalYear(FOLLOW_UP_YEAR).end
        )
        if occurrence.fiscal_year == FOLLOW_UP_YEAR and occurrence.closes
    )
    application = Application(
        project=project,
        program=program,
        fiscal_year=FOLLOW_UP_YEAR,
        status=Application.Status.DRAFTING,
        amount_requested_jpy=3_000_000,
        notes="2010年度モデル事業の続編としての申請（サンプル）。締切は2027年度分の募集期間の終了日。",
        is_sample=True,
    )
    if deadlines:
        application.due_on = deadlines[-1]
        if deadlines[-1] < today:
            application.status = Application.Status.SUBMITTED
            application.submitted_on = deadlines[-1] - datetime.timedelta(days=3)
    application.full_clean(exclude=["project", "program", "window"])
    return application
