"""The project form as a person sees it: SDG targets with their Japanese text, 協力部署 as a
department-tree checklist, and a required marker on the fields that must be filled."""

import re

from django.urls import reverse

from tests.factories import DepartmentFactory
from tests.portfolio.conftest import project_post_data
from tsunagu.portfolio.models import Project, SdgTarget
from tsunagu.portfolio.reference import SDG_GOALS, sdg_target_codes, sdg_target_texts


def test_every_sdg_target_has_one_japanese_text():
    texts = sdg_target_texts()
    codes = [code for number, _ja, _en in SDG_GOALS for code in sdg_target_codes(number)]
    assert len(codes) == 169
    assert sorted(texts) == sorted(codes)
    assert texts["6.3"].startswith("2030年までに、汚染の減少")
    assert all(text.endswith("。") for text in texts.values())


def _form_page(client):
    response = client.get(reverse("portfolio:create"))
    assert response.status_code == 200
    return response.content.decode()


def test_sdg_targets_are_listed_with_their_text_folded_by_goal(as_water_editor):
    page = _form_page(as_water_editor)
    target = SdgTarget.objects.get(code="6.3")
    checkbox = re.search(rf'<label for="(id_sdg_targets_[0-9_]+)"><input type="checkbox" name="sdg_targets" value="{target.pk}"', page)
    assert checkbox, "the target 6.3 is a checkbox"
    label = page[checkbox.start():page.index("</label>", checkbox.start())]
    assert "6.3" in label and "水質を改善する" in label
    assert page.count('<details class="sdg-goal"') == 17


def test_a_project_with_targets_opens_their_goals_and_shows_the_text(as_water_editor, water_bureau):
    target = SdgTarget.objects.get(code="6.3")
    _form_page(as_water_editor)
    data = project_post_data(title_ja="浄水場研修", lead_department=water_bureau.pk, sdg_targets=target.pk)
    response = as_water_editor.post(reverse("portfolio:create"), data)
    page = response.content.decode()
    assert response.status_code == 302, re.findall(r"errorlist.{0,200}", page)
    project = Project.objects.get(title_ja="浄水場研修")
    assert list(project.sdg_targets.all()) == [target]
    assert project.sdg_goals.get().number == 6  # the goal of the target is added
    detail = as_water_editor.get(project.get_absolute_url()).content.decode()
    assert "水質を改善する" in detail
    edit = as_water_editor.get(reverse("portfolio:edit", args=[project.pk])).content.decode()
    opened = re.findall(r'<details class="sdg-goal" open>\s*<summary>([^<]+)', edit)
    assert [label.strip() for label in opened] == ["6. 安全な水とトイレを世界中に"]


def test_co_departments_are_checkboxes_in_tree_order(as_water_editor, water_bureau, water_section):
    sub_section = DepartmentFactory(name_ja="浄水課", name_en="Purification", parent=water_section)
    page = _form_page(as_water_editor)
    assert '<select name="co_departments"' not in page
    options = re.findall(r'<div class="tree-option depth-(\d)"><label for="id_co_departments_\d+"><input type="checkbox" name="co_departments" value="(\d+)"', page)
    depth_of = {int(pk): int(depth) for depth, pk in options}
    assert depth_of[water_bureau.pk] == 0
    assert depth_of[water_section.pk] == 1
    assert depth_of[sub_section.pk] == 2
    order = [int(pk) for _depth, pk in options]
    assert order.index(water_bureau.pk) < order.index(water_section.pk) < order.index(sub_section.pk)


def test_required_fields_carry_a_marker_and_optional_ones_do_not(as_water_editor):
    page = _form_page(as_water_editor)
    title = re.search(r'<label for="id_title_ja">(.*?)</label>', page, re.S).group(1)
    english = re.search(r'<label for="id_title_en">(.*?)</label>', page, re.S).group(1)
    assert '<span class="required-mark">必須</span>' in title
    assert "required-mark" not in english


def test_every_form_page_draws_the_required_marker(as_coordinator):
    # The shared field template: a partners form and a catalogue form show it too.
    for url in (reverse("partners:organisation_create"), reverse("programs:create")):
        page = as_coordinator.get(url).content.decode()
        assert '<span class="required-mark">必須</span>' in page, url
