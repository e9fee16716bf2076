"""The start page and the project list count a department's projects alike, and say which is which
(主管 / 協力); the start page's recent changes say what happened."""

import datetime
import re

import pytest

from tests.factories import DepartmentFactory, ProjectFactory
from tsunagu.org.models import Department
from tsunagu.portfolio import actions
from tsunagu.portfolio.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def env_section(env_bureau):
    return DepartmentFactory(code="env-intl", name_ja="環境国際戦略課", kind=Department.Kind.SECTION, parent=env_bureau)


@pytest.fixture
def env_projects(env_bureau, water_bureau, env_section):
    ProjectFactory(title_ja="環境局の事業", lead_department=env_bureau, status=Project.Status.RUNNING)
    ProjectFactory(title_ja="環境局の課の事業", lead_department=env_section, status=Project.Status.PLANNED)
    co = ProjectFactory(title_ja="上下水道局の事業（環境局が協力）", lead_department=water_bureau)
    co.co_departments.set([env_bureau])
    both = ProjectFactory(title_ja="環境局主管・課も協力", lead_department=env_bureau, status=Project.Status.FINISHED)
    both.co_departments.set([env_section])  # led by the bureau: counted once, as led
    ProjectFactory(title_ja="上下水道局だけの事業", lead_department=water_bureau)


def widget_numbers(page: str) -> tuple[int, int]:
    lead = re.search(r'data-testid="department-project-count">(\d+)<', page).group(1)
    co = re.search(r'data-testid="department-co-project-count">(\d+)<', page).group(1)
    return int(lead), int(co)


def list_count(client, **params) -> int:
    page = client.get("/projects/", params).content.decode()
    return int(re.search(r'role="status">\s*(\d+)件', page).group(1))


def test_start_page_counts_agree_with_the_list_filters_they_link_to(as_env_editor, env_bureau, env_projects):
    page = as_env_editor.get("/").content.decode()
    lead, co = widget_numbers(page)
    assert (lead, co) == (3, 1)
    assert f"/projects/?department={env_bureau.pk}&amp;involvement=lead" in page
    assert f"/projects/?department={env_bureau.pk}&amp;involvement=co" in page
    assert "主管" in page and "協力" in page
    assert list_count(as_env_editor, department=env_bureau.pk, involvement="lead") == lead
    assert list_count(as_env_editor, department=env_bureau.pk, involvement="co") == co
    assert list_count(as_env_editor, department=env_bureau.pk) == lead + co
    assert f"{lead + co}件の一覧" in page


def test_the_list_filtered_by_department_says_which_is_which(as_env_editor, env_bureau, env_projects):
    page = as_env_editor.get("/projects/", {"department": env_bureau.pk}).content.decode()
    assert "4件" in page
    assert re.search(r'data-testid="list-lead-count">主管3件<', page)
    assert re.search(r'data-testid="list-co-count">協力1件<', page)
    co_only = as_env_editor.get("/projects/", {"department": env_bureau.pk, "involvement": "co"}).content.decode()
    assert "上下水道局の事業（環境局が協力）" in co_only and "環境局の事業" not in co_only


def test_recent_changes_say_what_happened(as_env_editor, env_editor, env_bureau):
    project = ProjectFactory(title_ja="海防市環境協力", lead_department=env_bureau, end_date=None)
    project.status = Project.Status.FINISHED
    project.end_date = datetime.date(2026, 3, 31)
    project._history_user = env_editor
    project.save()
    actions.delete_project(project, acting_user=env_editor)
    page = as_env_editor.get("/").content.decode()
    recent = page[page.index('class="recent-changes"'):]
    items = re.findall(r"<li>(.*?)</li>", recent, re.S)
    text = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in items]
    assert "削除" in text[0] and "海防市環境協力" in text[0]
    assert "変更（状態、終了日）" in text[1] or "変更（終了日、状態）" in text[1]
    assert "作成" in text[2]
    assert len(text) == 3
