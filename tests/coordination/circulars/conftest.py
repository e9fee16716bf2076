import datetime

import pytest

from tsunagu.coordination.circulars import actions
from tsunagu.coordination.circulars.models import Circular, InquiryColumn


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def notice(coordinator, water_bureau, env_bureau):
    circular = Circular(kind=Circular.Kind.NOTICE, title="JICA 草の根技術協力 募集開始", body="募集が始まりました。")
    return actions.save_circular(
        circular, acting_user=coordinator, m2m={"departments": [water_bureau, env_bureau]}
    )


def make_inquiry(coordinator, departments, *, send=True, deadline=datetime.date(2026, 12, 20), table=True):
    circular = Circular(
        kind=Circular.Kind.INQUIRY, title="2027年度に予定する海外事業（予算付き）", body="ご回答ください。",
        deadline=deadline,
        answer_format=Circular.AnswerFormat.TABLE if table else Circular.AnswerFormat.QUESTIONS,
    )
    columns = [
        InquiryColumn(label="事業名", type=InquiryColumn.Type.TEXT, required=True, project_field="title"),
        InquiryColumn(label="予算額", type=InquiryColumn.Type.MONEY, project_field="budget"),
        InquiryColumn(label="開始日", type=InquiryColumn.Type.DATE, project_field="start_date"),
        InquiryColumn(label="区分", type=InquiryColumn.Type.CHOICE, choices="新規\n継続"),
        InquiryColumn(label="JICA活用", type=InquiryColumn.Type.YESNO),
        InquiryColumn(label="分野", type=InquiryColumn.Type.FIELD),
    ]
    actions.save_circular(circular, acting_user=coordinator, m2m={"departments": departments}, columns=columns)
    if send:
        actions.send_circular(circular, acting_user=coordinator)
        circular.refresh_from_db()
    return circular


@pytest.fixture
def inquiry(coordinator, water_bureau, env_bureau):
    return make_inquiry(coordinator, [water_bureau, env_bureau])
