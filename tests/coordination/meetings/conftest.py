"""A council like the seed article's: 国際戦略会議 with three groups, a past meeting with minutes,
decisions and action items (one for 上下水道局, one for 環境局), and the next meeting."""

import datetime

import pytest
from django.utils import timezone

from tsunagu.coordination.meetings.models import (
    ActionItem,
    AgendaItem,
    Council,
    CouncilGroup,
    Decision,
    Meeting,
    Membership,
)


def aware(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def council(intl_division):
    return Council.objects.create(name_ja="国際戦略会議", name_en="International Strategy Council", secretariat=intl_division)


@pytest.fixture
def groups(council):
    return [
        CouncilGroup.objects.create(council=council, name_ja=name, sort_order=order)
        for order, name in enumerate(["経済・産業振興", "国際協力", "多文化共生"], start=1)
    ]


@pytest.fixture
def members(council, groups, water_bureau, env_bureau, water_editor):
    return {
        "water_chief": Membership.objects.create(
            council=council, group=groups[1], user=water_editor, department=water_bureau, post="海外事業課長",
            from_date=datetime.date(2024, 4, 1),
        ),
        "env_chief": Membership.objects.create(
            council=council, group=groups[1], person_name="環境 花子", department=env_bureau, post="環境国際戦略課長",
            from_date=datetime.date(2024, 4, 1),
        ),
        "former": Membership.objects.create(
            council=council, group=groups[0], person_name="前任 太郎", department=env_bureau, post="課長",
            from_date=datetime.date(2022, 4, 1), to_date=datetime.date(2024, 3, 31),
        ),
    }


@pytest.fixture
def past_meeting(council, groups):
    return Meeting.objects.create(
        council=council, group=groups[1], title="国際協力部会 第1回", starts_at=timezone.now() - datetime.timedelta(days=30),
        place="本庁舎 5階 会議室",
    )


@pytest.fixture
def next_meeting(council, groups):
    return Meeting.objects.create(
        council=council, group=groups[1], title="国際協力部会 第2回", starts_at=timezone.now() + datetime.timedelta(days=30),
    )


@pytest.fixture
def agenda(past_meeting, water_bureau):
    return [
        AgendaItem.objects.create(
            meeting=past_meeting, order=1, title="海防市上下水道協力の報告", presenter_department=water_bureau,
            status=AgendaItem.Status.DISCUSSED, minutes="上下水道局から、海防市との協力の進捗を報告した。",
        ),
        AgendaItem.objects.create(meeting=past_meeting, order=2, title="JICA草の根技術協力の募集", status=AgendaItem.Status.NOT_REACHED),
        AgendaItem.objects.create(meeting=past_meeting, order=3, title="多文化共生の勉強会"),
    ]


@pytest.fixture
def decision(past_meeting, agenda, water_bureau):
    decision = Decision.objects.create(meeting=past_meeting, agenda_item=agenda[0], text="海防市への専門家派遣を継続する。")
    decision.departments.set([water_bureau])
    return decision


@pytest.fixture
def water_action(past_meeting, agenda, water_bureau):
    return ActionItem.objects.create(
        meeting=past_meeting, agenda_item=agenda[0], text="派遣計画を次回までに提出する", assignee_department=water_bureau,
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )


@pytest.fixture
def env_action(past_meeting, env_bureau):
    return ActionItem.objects.create(
        meeting=past_meeting, text="低炭素事業の候補を整理する", assignee_department=env_bureau,
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )
