"""The project list's keyword filter folds like the header search, and titles sort by reading."""

import pytest

from tests.factories import PlaceFactory, ProjectFactory, ProjectPartnerFactory, country

pytestmark = pytest.mark.django_db


def titles(client, **params) -> list[str]:
    response = client.get("/projects/", params)
    assert response.status_code == 200
    return [project.title_ja for project in response.context["projects"]]


@pytest.fixture
def projects(db):
    haiphong = PlaceFactory(
        country=country("VN"), name_ja="ハイフォン", name_en="Hai Phong", name_local="Hải Phòng", other_names="海防"
    )
    water = ProjectFactory(title_ja="上下水道技術協力", summary="浄水場の運転管理")
    ProjectPartnerFactory(project=water, place=haiphong)
    ProjectFactory(title_ja="ごみ分別の研修", title_en="Waste separation training")
    ProjectFactory(title_ja="アジア低炭素化センター")


@pytest.mark.parametrize("typed", ["ﾊｲﾌｫﾝ", "ハイフォン", "海防", "hai phong", "すいどう", "スイドウ", "水道", "ｼﾞｮｳｹﾞ"])
def test_the_water_project_in_hai_phong_is_found_however_it_is_typed(projects, as_viewer, typed):
    assert titles(as_viewer, q=typed) == ["上下水道技術協力"]


def test_every_word_must_match_and_english_titles_count(projects, as_viewer):
    assert titles(as_viewer, q="すいどう 海防") == ["上下水道技術協力"]
    assert titles(as_viewer, q="すいどう ごみ") == []
    assert titles(as_viewer, q="WASTE") == ["ごみ分別の研修"]


def test_titles_sort_in_gojuon_order_of_their_reading(projects, as_viewer):
    # アジア, ゴミ, ジョウゲ — by code point ごみ (hiragana) would come first.
    assert titles(as_viewer, sort="title") == ["アジア低炭素化センター", "ごみ分別の研修", "上下水道技術協力"]
    assert titles(as_viewer, sort="-title") == ["上下水道技術協力", "ごみ分別の研修", "アジア低炭素化センター"]
