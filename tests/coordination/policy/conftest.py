"""A small framework: plan → outline → two basic policies → measures, and projects of two bureaus."""

import datetime

import pytest

from tests.factories import BudgetLineFactory, ProjectFactory
from tsunagu.coordination.policy.models import PolicyLink, PolicyNode
from tsunagu.portfolio.models import BudgetLine


def node(name, level=PolicyNode.Level.MEASURE, parent=None, order=0):
    return PolicyNode.objects.create(name_ja=name, level=level, parent=parent, sort_order=order)


@pytest.fixture
def framework(db):
    plan = node("「元気発進！北九州」プラン", PolicyNode.Level.PLAN)
    outline = node("北九州市国際政策推進大綱2011", PolicyNode.Level.OUTLINE, plan)
    cooperation = node("国際協力の推進", PolicyNode.Level.BASIC_POLICY, outline, order=1)
    economy = node("経済交流の推進", PolicyNode.Level.BASIC_POLICY, outline, order=2)
    water = node("海外水ビジネス", parent=cooperation, order=1)
    trainees = node("研修員の受入れ", parent=cooperation, order=2)
    network = node("東アジア都市ネットワーク", parent=economy)
    return {
        "plan": plan, "outline": outline, "cooperation": cooperation, "economy": economy,
        "water": water, "trainees": trainees, "network": network,
    }


@pytest.fixture
def water_project(water_bureau):
    """上下水道局, FY2024–FY2026: ¥3M city in FY2024, ¥2M external in FY2025."""
    project = ProjectFactory(
        title_ja="ハイフォン下水道協力", lead_department=water_bureau,
        start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2027, 3, 31),
    )
    BudgetLineFactory(project=project, fiscal_year=2024, amount_jpy=3_000_000)
    BudgetLineFactory(
        project=project, fiscal_year=2025, amount_jpy=2_000_000, source=BudgetLine.Source.PROGRAM, source_name="JICA"
    )
    return project


@pytest.fixture
def env_project(env_bureau):
    """環境局, FY2025 only: ¥1M city."""
    project = ProjectFactory(
        title_ja="スラバヤ廃棄物協力", lead_department=env_bureau,
        start_date=datetime.date(2025, 4, 1), end_date=datetime.date(2026, 3, 31),
    )
    BudgetLineFactory(project=project, fiscal_year=2025, amount_jpy=1_000_000)
    return project


def link(node_, project):
    return PolicyLink.objects.create(node=node_, project=project)
