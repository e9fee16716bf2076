"""Demo circulars and inquiries (情報提供・照会) of the International Policy Division.

- a circular passing on the JICA 草の根技術協力 call to the bureaus working abroad, read and
  acknowledged by 上下水道局;
- an inquiry “2027年度に予定する海外事業（予算付き）” (a table of typed columns) sent to 上下水道局,
  環境局 and 消防局, answered by 上下水道局 (its Hai Phong and Cambodia work), the others pending;
  the Hai Phong row already made a draft project (下書き) of 上下水道局.

Written through the circulars' actions as the coordinator ``kokusai`` and the editors, so history and
recipients are as in real use. Idempotent: a circular whose title exists (deleted ones included) is left alone.
The e-mails go to the task queue like any other (the demo has no mail server: they are printed by the worker).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from tsunagu.coordination.circulars import actions
from tsunagu.coordination.circulars.models import Circular, InquiryColumn, Recipient
from tsunagu.org.models import Department, User
from tsunagu.portfolio.models import BudgetLine, Field, Project
from tsunagu.programs.models import Program

NOTICE_TITLE = "JICA 草の根技術協力事業（地域活性化特別枠）の募集が始まりました"
INQUIRY_TITLE = "2027年度に予定する海外事業（予算付き）"


def load_circulars() -> dict[str, int]:
    users = {u.username: u for u in User.objects.filter(username__in=["kokusai", "suido", "kankyo"])}
    coordinator = users.get("kokusai")
    departments = {d.code: d for d in Department.objects.filter(code__in=["suido", "kankyo", "shobo", "kowan"])}
    if coordinator is None or len(departments) < 3:
        return {"created": 0}
    existing = set(Circular.all_objects.filter(title__in=[NOTICE_TITLE, INQUIRY_TITLE]).values_list("title", flat=True))
    created = 0
    if NOTICE_TITLE not in existing:
        _notice(coordinator, departments, users)
        created += 1
    if INQUIRY_TITLE not in existing:
        _inquiry(coordinator, departments, users)
        created += 1
    return {"created": created}


def _notice(coordinator, departments, users) -> None:
    notice = Circular(
        kind=Circular.Kind.NOTICE,
        title=NOTICE_TITLE,
        body=(
            "JICA 草の根技術協力事業（地域活性化特別枠）の今年度の募集が始まりました。\n"
            "自治体の技術・経験を途上国の課題解決に生かし、地域の活性化にもつなげる事業です。\n"
            "応募を検討される部署は、募集要項を確認のうえ、早めに国際政策課までご相談ください。\n"
            "（サンプルデータ：日程・内容は実際の募集要項で確認してください）"
        ),
        targeting=Circular.Targeting.PICKED,
    )
    programs = list(Program.objects.filter(code__startswith="jica-kusanone"))
    actions.save_circular(
        notice, acting_user=coordinator,
        m2m={"departments": [departments[c] for c in ("suido", "kankyo", "shobo") if c in departments],
             "programs": programs},
    )
    actions.send_circular(notice, acting_user=coordinator)
    if "suido" in users:
        actions.mark_read(notice, users["suido"])
        actions.acknowledge(Recipient.objects.get(circular=notice, department=departments["suido"]),
                            acting_user=users["suido"])
    if "kankyo" in users:
        actions.mark_read(notice, users["kankyo"])


def _inquiry(coordinator, departments, users) -> None:
    today = timezone.localdate()
    inquiry = Circular(
        kind=Circular.Kind.INQUIRY,
        title=INQUIRY_TITLE,
        body=(
            "国際戦略会議の資料とするため、2027年度に予定している海外事業を、予算額を付してご回答ください。\n"
            "1事業1行で、構想段階のものも含めてください。Excel様式での回答も受け付けます。"
        ),
        deadline=today + datetime.timedelta(days=14),
        answer_format=Circular.AnswerFormat.TABLE,
        targeting=Circular.Targeting.PICKED,
    )
    T = InquiryColumn.Type
    columns = [
        InquiryColumn(label="事業名", type=T.TEXT, required=True, project_field="title"),
        InquiryColumn(label="相手都市・機関", type=T.TEXT),
        InquiryColumn(label="分野", type=T.FIELD),
        InquiryColumn(label="予算額（円）", type=T.MONEY, required=True, project_field="budget"),
        InquiryColumn(label="開始予定日", type=T.DATE, project_field="start_date"),
        InquiryColumn(label="区分", type=T.CHOICE, choices="新規\n継続"),
        InquiryColumn(label="外部資金（JICA・CLAIR等）の活用", type=T.YESNO),
        InquiryColumn(label="概要", type=T.TEXT, project_field="summary"),
    ]
    actions.save_circular(
        inquiry, acting_user=coordinator,
        m2m={"departments": [departments[c] for c in ("suido", "kankyo", "shobo") if c in departments]},
        columns=columns,
    )
    actions.send_circular(inquiry, acting_user=coordinator)
    suido = users.get("suido")
    if suido is None:
        return
    actions.mark_read(inquiry, suido)
    water = Field.objects.filter(code="water").first()
    by_label = {c.label: c.pk for c in columns}

    def row(**values):
        return {by_label[label]: value for label, value in values.items()}

    answer = actions.save_answer(
        Recipient.objects.get(circular=inquiry, department=departments["suido"]),
        [
            {**row(**{"事業名": "ハイフォン市 上水道技術協力（第3期）", "相手都市・機関": "ハイフォン市上水道公社",
                     "予算額（円）": 12_000_000, "開始予定日": datetime.date(2027, 4, 1), "区分": "継続",
                     "外部資金（JICA・CLAIR等）の活用": True,
                     "概要": "高度浄水処理（U-BCF）の運転指導と漏水対策の研修（サンプルデータ）"}),
             by_label["分野"]: water},
            {**row(**{"事業名": "カンボジア 地方都市水道の人材育成", "相手都市・機関": "カンボジア工業手工芸省",
                     "予算額（円）": 4_500_000, "開始予定日": datetime.date(2027, 7, 1), "区分": "新規",
                     "外部資金（JICA・CLAIR等）の活用": True,
                     "概要": "研修員受入と専門家派遣（サンプルデータ）"}),
             by_label["分野"]: water},
        ],
        acting_user=suido,
    )
    # The coordinator has already turned the Hai Phong row into a draft project of 上下水道局.
    projects = actions.make_draft_projects(
        inquiry, [answer.rows.order_by("position").first().pk], acting_user=coordinator
    )
    # Invented like every demo amount: marked so in the UI.
    Project.objects.filter(pk__in=[p.pk for p in projects]).update(is_sample=True)
    BudgetLine.objects.filter(project__in=projects).update(note="サンプルデータ（照会の回答から）")
