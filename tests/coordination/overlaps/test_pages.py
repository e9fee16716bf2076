"""Where warnings show: the coordinator's start page, the dossier, the projects concerned, and the list."""

import pytest

from tests.coordination.overlaps.conftest import add_project
from tests.factories import DepartmentFactory, PlaceFactory, country

pytestmark = pytest.mark.django_db


def test_the_coordinators_start_page_names_departments_and_contacts(as_coordinator, overlap, water_editor, env_editor):
    html = as_coordinator.get("/").content.decode()
    assert 'data-testid="overlaps-widget"' in html
    assert "ハイフォン" in html and "上下水道局" in html and "環境局" in html
    assert str(water_editor) in html and str(env_editor) in html  # the contacts


@pytest.mark.parametrize("who", ["as_water_editor", "as_viewer"])
def test_others_do_not_get_the_widget(request, who, overlap):
    html = request.getfixturevalue(who).get("/").content.decode()
    assert 'data-testid="overlaps-widget"' not in html


def test_the_dossier_shows_the_warning(as_viewer, overlap, haiphong):
    html = as_viewer.get(f"/partners/places/{haiphong.pk}/").content.decode()
    assert 'data-testid="overlap-warning"' in html
    assert "ハイフォン浄水場改善" in html and "ハイフォン廃棄物管理" in html


def test_both_projects_concerned_show_it_and_name_the_other(as_water_editor, overlap):
    for project in (overlap["water"], overlap["env"]):
        html = as_water_editor.get(project.get_absolute_url()).content.decode()
        assert 'id="panel-coordination-overlaps"' in html
        assert "上下水道局" in html and "環境局" in html
        assert "ハイフォン浄水場改善" in html and "ハイフォン廃棄物管理" in html


def test_a_project_without_overlap_says_so(as_viewer, water_bureau, this_year):
    project = add_project(water_bureau, PlaceFactory(country=country("TH")), this_year)
    html = as_viewer.get(project.get_absolute_url()).content.decode()
    assert 'data-testid="overlaps-none"' in html


def test_the_list_filters_by_year_department_and_kind(as_coordinator, overlap, haiphong, env_bureau, this_year):
    fire = DepartmentFactory(code="fire", name_ja="消防局")
    dalian = PlaceFactory(name_ja="大連", country=country("CN"))
    add_project(fire, dalian, this_year)
    add_project(env_bureau, dalian, this_year)
    next_year = this_year.next()
    add_project(fire, haiphong, next_year)
    add_project(env_bureau, haiphong, next_year)

    def keys(**params):
        response = as_coordinator.get("/coordination/overlaps/", params)
        assert response.status_code == 200
        return sorted(w.key for w in response.context["warnings"])

    assert keys() == sorted([overlap["key"], f"{this_year.year}-place-{dalian.pk}"])
    assert keys(department=fire.pk) == [f"{this_year.year}-place-{dalian.pk}"]
    assert keys(fiscal_year=next_year.year) == [f"{next_year.year}-place-{haiphong.pk}"]
    assert keys(kind="field") == []
    html = as_coordinator.get("/coordination/overlaps/").content.decode()
    assert this_year.label_ja in html


def test_the_list_is_paginated(as_coordinator, water_bureau, env_bureau, this_year):
    for _ in range(25):
        place = PlaceFactory(country=country("TH"))
        add_project(water_bureau, place, this_year)
        add_project(env_bureau, place, this_year)
    first = as_coordinator.get("/coordination/overlaps/")
    assert len(first.context["warnings"]) == 20
    assert first.context["page"].paginator.count == 25
    second = as_coordinator.get("/coordination/overlaps/", {"page": 2})
    assert len(second.context["warnings"]) == 5


def test_reviewed_warnings_leave_the_start_page_but_stay_in_the_list(as_coordinator, overlap):
    as_coordinator.post(f"/coordination/overlaps/{overlap['key']}/review/", {"note": "確認済み"})
    home = as_coordinator.get("/").content.decode()
    assert f'data-key="{overlap["key"]}"' not in home
    assert as_coordinator.get("/coordination/overlaps/").context["page"].paginator.count == 0
    listed = as_coordinator.get("/coordination/overlaps/", {"status": "reviewed"})
    assert [w.key for w in listed.context["warnings"]] == [overlap["key"]]


def test_a_bad_filter_value_falls_back_with_a_message(as_coordinator, overlap):
    response = as_coordinator.get("/coordination/overlaps/", {"fiscal_year": "abc", "kind": "nonsense"})
    assert response.status_code == 200
    assert "正しく選択してください" in response.content.decode()


def test_pages_need_a_login(client, overlap):
    assert client.get("/coordination/overlaps/").status_code == 302
    assert client.get(f"/coordination/overlaps/{overlap['key']}/").status_code == 302




def test_the_filters_show_the_year_listed_and_applying_them_untouched_keeps_it(as_coordinator, overlap, this_year):
    """The list opens on this 年度: its year select must say so, or 絞り込む as shown jumps to another year."""
    from tests.htmlforms import forms_of

    html = as_coordinator.get("/coordination/overlaps/").content.decode()
    [filters] = [f for f in forms_of(html) if f.attrs.get("role") == "search" and f.action == "/coordination/overlaps/"]
    shown = filters.data()
    assert shown["fiscal_year"] == [str(this_year.year)]
    applied = as_coordinator.get("/coordination/overlaps/", shown)
    assert [w.key for w in applied.context["warnings"]] == [overlap["key"]]
