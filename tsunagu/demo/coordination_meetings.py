"""The seed article's councils in the demo: the 国際戦略会議 with its three groups of section chiefs,
and the staff-level 国際化推進連絡会議 (study sessions, information exchange) as a series.

The 国際協力部会 met about a month ago (minutes, decisions, action items: one overdue, one open,
one done, one item not reached and carried over) and meets again in three weeks; the liaison
meeting has a past session and a coming one. Dates follow the day the demo is loaded, so the
start page always has something due. Loaded once: if the 国際戦略会議 exists, nothing is added.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from tsunagu.coordination.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Council,
    CouncilGroup,
    Decision,
    Meeting,
    MeetingSeries,
    Membership,
)
from tsunagu.org.models import Department
from tsunagu.partners.models import Place
from tsunagu.portfolio.models import Project

STRATEGY_COUNCIL = "国際戦略会議"

GROUPS = (
    ("経済・産業振興部会", "Economic and industrial promotion"),
    ("国際協力部会", "International cooperation"),
    ("多文化共生部会", "Multicultural coexistence"),
)

# (group index or None, department code, post, invented name)
MEMBERS = (
    (None, "kokusai", "国際部長（座長）", "山下 隆"),
    (0, "sangyo-kokusai", "国際ビジネス政策課長", "森 康介"),
    (0, "kowan-butsuryu", "物流振興課長", "石井 亮"),
    (1, "kankyo-kokusai-senryaku", "環境国際戦略課長", "吉田 真理"),
    (1, "suido-kaigai", "海外事業課長", "中村 聡"),
    (1, "shobo-kikaku", "企画課長（消防局）", "坂本 剛"),
    (2, "kokusai-koryu", "国際交流課長", "村上 由香"),
    (2, "shimin-bunka-kikaku", "文化企画課長", "藤井 恵"),
)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_current_timezone())


def _save(obj, user):
    obj.full_clean()
    obj._history_user = user
    obj.save()
    return obj


def load_meetings(users: dict, report) -> None:
    if Council.all_objects.filter(name_ja=STRATEGY_COUNCIL).exists():
        report.existing["councils"] += 2
        return
    user = users["kokusai"]
    today = timezone.localdate()
    departments = {d.code: d for d in Department.objects.all()}
    haiphong = Place.objects.filter(name_en="Hai Phong").first()
    water_project = Project.objects.filter(title_ja__contains="ハイフォン").order_by("pk").first()
    from tsunagu.programs.models import Program

    jica = Program.objects.filter(code="jica-kusanone-chiiki-kasseika").first()
    clair = Program.objects.filter(code="clair-model-cooperation").first()

    council = _save(Council(
        name_ja=STRATEGY_COUNCIL, name_en="International Strategy Council", kind=Council.Kind.STRATEGY,
        secretariat=departments["kokusai-seisaku"],
        purpose="全庁の国際施策を横断的に調整する会議。課長級で構成し、経済・産業振興、国際協力、多文化共生の3部会を置く。",
    ), user)
    groups = [_save(CouncilGroup(council=council, name_ja=ja, name_en=en, sort_order=i), user)
              for i, (ja, en) in enumerate(GROUPS, start=1)]
    fiscal_start = datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    members = []
    for group, code, post, name in MEMBERS:
        members.append(_save(Membership(
            council=council, group=groups[group] if group is not None else None, person_name=name,
            department=departments[code], post=post, chair=group is None, from_date=fiscal_start - datetime.timedelta(days=365),
        ), user))
    # The former section chief, before the personnel change of 1 April.
    _save(Membership(
        council=council, group=groups[1], person_name="前田 浩", department=departments["suido-kaigai"], post="海外事業課長",
        from_date=fiscal_start - datetime.timedelta(days=3 * 365), to_date=fiscal_start - datetime.timedelta(days=366),
    ), user)

    past_day = today - datetime.timedelta(days=30)
    past = _save(Meeting(
        council=council, group=groups[1], title="国際協力部会（第1回）", starts_at=_at(past_day, 14),
        ends_at=_at(past_day, 15, 30), place="本庁舎 5階 特別会議室",
    ), user)
    for membership in members[3:6]:
        _save(Attendance(meeting=past, membership=membership), user)
    _save(Attendance(meeting=past, membership=members[0], status=Attendance.Status.APOLOGIES), user)
    water_item = _save(AgendaItem(
        meeting=past, order=1, title="ハイフォン市との上下水道技術協力の状況", kind="報告", presenter="中村 聡",
        presenter_department=departments["suido-kaigai"], project=water_project, place=haiphong,
        status=AgendaItem.Status.DISCUSSED,
        minutes="上下水道局から、ハイフォン市の浄水場改善業務の成果と、次の段階（下水道分野）への展開の見通しを報告した。\n"
        "環境局から、低炭素化の取組と組み合わせた提案が可能との意見があった。",
    ), user)
    jica_item = _save(AgendaItem(
        meeting=past, order=2, title="JICA草の根技術協力（地域活性型）の募集について", kind="情報提供",
        presenter_department=departments["kokusai-seisaku"], program=jica, status=AgendaItem.Status.DISCUSSED,
        minutes="国際政策課から、募集要項の要点と締切を説明した。応募を検討する部局は翌月末までに国際政策課へ相談する。",
    ), user)
    _save(AgendaItem(
        meeting=past, order=3, title="アジア低炭素化センターの事業報告", kind="報告",
        presenter_department=departments["asia-low-carbon"], status=AgendaItem.Status.NOT_REACHED,
    ), user)
    decision = _save(Decision(meeting=past, agenda_item=water_item, text="ハイフォン市への下水道分野の協力を、環境局と連携して次年度の提案に盛り込む。"), user)
    decision.departments.set([departments["suido"], departments["kankyo"]])
    jica_decision = _save(Decision(meeting=past, agenda_item=jica_item, text="JICA草の根技術協力への応募を上下水道局で検討する。"), user)
    jica_decision.departments.set([departments["suido"]])
    _save(ActionItem(
        meeting=past, agenda_item=water_item, decision=decision, text="下水道分野の協力案（概要）を国際政策課へ提出する",
        assignee_department=departments["suido"], due_on=today - datetime.timedelta(days=5),
    ), user)
    _save(ActionItem(
        meeting=past, agenda_item=water_item, decision=decision, text="低炭素化の取組と組み合わせた提案の材料を整理する",
        assignee_department=departments["kankyo"], due_on=today + datetime.timedelta(days=14),
    ), user)
    done = _save(ActionItem(
        meeting=past, agenda_item=jica_item, text="募集要項を関係部局へ周知する", assignee_department=departments["kokusai-seisaku"],
        due_on=past_day + datetime.timedelta(days=7),
    ), user)
    done.status, done.done_at, done.done_note = ActionItem.Status.DONE, _at(past_day + datetime.timedelta(days=3), 10), "全局へ通知済み"
    _save(done, user)

    coming_day = today + datetime.timedelta(days=21)
    coming = _save(Meeting(
        council=council, group=groups[1], title="国際協力部会（第2回）", starts_at=_at(coming_day, 14),
        ends_at=_at(coming_day, 15, 30), place="本庁舎 5階 特別会議室",
    ), user)
    from tsunagu.coordination.meetings.actions import carry_over

    carry_over(past, acting_user=user, target=coming)
    _save(AgendaItem(meeting=coming, order=1, title="下水道分野の協力案について", kind="協議",
                     presenter_department=departments["suido-kaigai"], place=haiphong), user)

    liaison = _save(Council(
        name_ja="国際化推進連絡会議", name_en="Internationalisation Liaison Meeting", kind=Council.Kind.LIAISON,
        secretariat=departments["kokusai-seisaku"],
        purpose="各局の国際担当職員による連絡会議。勉強会と情報交換を行う。",
    ), user)
    for code, name in (("kankyo-kokusai-senryaku", "小川 彩"), ("suido-kaigai", "岡 拓也"), ("sangyo-kokusai", "原田 舞"),
                       ("shobo-kikaku", "池田 翼")):
        _save(Membership(council=liaison, person_name=name, department=departments[code], post="担当係長",
                         from_date=fiscal_start), user)
    series = _save(MeetingSeries(
        council=liaison, title="国際化推進連絡会議", every=2, unit=MeetingSeries.Unit.MONTHS,
        first_starts_at=_at(today - datetime.timedelta(days=45), 15), duration_minutes=60, place="国際政策課 打合せスペース",
    ), user)
    from tsunagu.coordination.meetings.actions import extend_series

    sessions = extend_series(series, 3, acting_user=user)
    _save(AgendaItem(
        meeting=sessions[0], order=1, title="勉強会：CLAIR 自治体国際協力促進事業（モデル事業）の活用", kind="勉強会",
        presenter_department=departments["kokusai-seisaku"], program=clair, status=AgendaItem.Status.DISCUSSED,
        minutes="モデル事業の採択例（17件）と申請の流れを紹介した。",
    ), user)
    _save(AgendaItem(
        meeting=sessions[0], order=2, title="情報交換：各局の海外出張予定", kind="情報交換", status=AgendaItem.Status.DISCUSSED,
        minutes="上下水道局・環境局がハイフォン市への出張を予定。日程を調整し、合同で訪問することとした。",
    ), user)
    _save(AgendaItem(meeting=sessions[1], order=1, title="勉強会：JICA草の根技術協力の申請書の書き方", kind="勉強会",
                     program=jica), user)
    report.created["councils"] += 2
