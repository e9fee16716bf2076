"""history_entries(): who did what and when, with field-level changes, newest first."""

import datetime

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import DepartmentFactory
from tsunagu.core.history import history_entries
from tsunagu.org.models import Department
from tsunagu.portfolio.models import Project

pytestmark = pytest.mark.django_db


def save_as(instance, user):
    instance._history_user = user
    instance.save()


@pytest.fixture
def project(water_editor, water_bureau):
    project = Project(title_ja="浄水場の技術協力", lead_department=water_bureau, start_date=datetime.date(2024, 4, 1))
    save_as(project, water_editor)
    return project


def test_creation_is_recorded_with_the_acting_user(project, water_editor):
    [entry] = history_entries(project)
    assert entry.kind == "+"
    assert entry.who == water_editor
    assert entry.changes == []
    assert entry.when is not None


def test_a_change_lists_each_field_with_old_and_new_display_values(project, water_editor, env_bureau):
    project.title_ja = "浄水場の運営指導"
    project.status = Project.Status.RUNNING
    project.lead_department = env_bureau
    save_as(project, water_editor)

    with translation.override("en"):
        newest = history_entries(project)[0]
        changes = {c.label: (c.old, c.new) for c in newest.changes}
    assert newest.kind == "~"
    assert newest.who == water_editor
    assert changes["title (Japanese)"] == ("浄水場の技術協力", "浄水場の運営指導")
    assert changes["status"] == ("Idea", "Running")  # choices by label
    assert changes["lead department"] == ("Water and Sewer Bureau", "Environment Bureau")  # by name


def test_field_labels_and_values_follow_the_ui_language(water_editor):
    department = DepartmentFactory(code="water-plan", kind=Department.Kind.DEPARTMENT)
    department.kind = Department.Kind.SECTION
    save_as(department, water_editor)
    with translation.override("en"):
        [change] = history_entries(department)[0].changes
    assert (change.label, change.old, change.new) == ("level", "Department (部)", "Section (課)")
    with translation.override("ja"):
        [change] = history_entries(department)[0].changes
    assert (change.label, change.old, change.new) == ("階層", "部", "課")


def test_many_to_many_changes_are_listed_by_name(project, coordinator, water_bureau, env_bureau):
    project._history_user = coordinator
    project.co_departments.set([water_bureau, env_bureau])
    with translation.override("ja"):
        newest = history_entries(project)[0]
    assert newest.who == coordinator
    [change] = newest.changes
    assert change.old == "—"
    assert change.new == "上下水道局、環境局"


def test_a_save_without_changes_is_not_listed(project, water_editor):
    save_as(project, water_editor)
    assert [e.kind for e in history_entries(project)] == ["+"]


def test_delete_and_restore_are_recorded_with_who_did_them(project, water_editor, coordinator):
    project.mark_deleted()
    save_as(project, water_editor)
    project.mark_restored()
    save_as(project, coordinator)

    entries = history_entries(project)
    assert [(e.kind, e.who) for e in entries] == [
        ("restored", coordinator),
        ("deleted", water_editor),
        ("+", water_editor),
    ]
    with translation.override("en"):
        assert [e.kind_label for e in entries] == ["Restored", "Deleted", "Created"]


def test_a_hard_delete_is_recorded_as_erased(water_editor):
    department = DepartmentFactory(code="tmp")
    department._history_user = water_editor
    department.delete()
    department.pk = Department.history.filter(code="tmp").first().id
    kinds = [e.kind for e in history_entries(department)]
    assert kinds == ["-", "+"]


def test_booleans_read_as_yes_and_no(water_editor):
    department = DepartmentFactory(code="intl", is_international_division=False)
    department.is_international_division = True
    save_as(department, water_editor)
    with translation.override("en"):
        [change] = history_entries(department)[0].changes
    assert (change.old, change.new) == ("No", "Yes")


def test_the_newest_entries_come_first_and_the_list_is_limited(project, water_editor):
    for n in range(5):
        project.title_ja = f"題名{n}"
        save_as(project, water_editor)
    entries = history_entries(project, limit=3)
    assert len(entries) == 3
    assert [e.changes[0].new for e in entries] == ["題名4", "題名3", "題名2"]


def test_the_history_costs_the_same_number_of_queries_however_long_it_is(
    water_editor, env_bureau, water_bureau
):
    def queries_for_history_of_length(n):
        project = Project(title_ja="事業", lead_department=water_bureau, start_date=datetime.date(2024, 4, 1))
        save_as(project, water_editor)
        for i in range(n):
            project.lead_department = env_bureau if i % 2 == 0 else water_bureau
            project.title_ja = f"題名{i}"
            save_as(project, water_editor)
            project.co_departments.set([env_bureau] if i % 2 == 0 else [])
        with CaptureQueriesContext(connection) as queries:
            entries = history_entries(project)
        assert len(entries) == 1 + 2 * n
        return len(queries)

    assert queries_for_history_of_length(2) == queries_for_history_of_length(20)


def test_the_history_partial_renders_the_entries(project, water_editor):
    project.title_ja = "新しい題名"
    save_as(project, water_editor)
    with translation.override("en"):
        html = render_to_string("core/_history.html", {"entries": history_entries(project)})
    assert "新しい題名" in html
    assert str(water_editor) in html
    assert "Changed" in html
    with translation.override("en"):
        empty = render_to_string("core/_history.html", {"entries": []})
    assert "No changes recorded yet." in empty
