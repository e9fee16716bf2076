"""Search shows only what every signed-in member of staff may read, and nothing personal."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.search.helpers import search
from tsunagu.search import registry
from tsunagu.search.models import SearchEntry

URL = reverse("search:search")


@pytest.mark.django_db
def test_contacts_and_internal_notes_of_a_programme_are_not_indexed(make_program):
    make_program(
        "廃棄物処理技術研修",
        contact="担当：山田花子 yamada.hanako@example.jp 電話 093-000-0000",
        notes="内部メモ：山田さんが確認中",
    )
    assert search("山田") == []
    assert search("yamada") == []
    assert search("093") == []
    entry = SearchEntry.objects.get(kind="program")
    assert "山田" not in entry.body_tokens + entry.title_tokens + entry.extra_tokens


@pytest.mark.django_db
def test_people_are_never_indexed(water_editor, coordinator, water_project):
    water_editor.first_name, water_editor.last_name = "浩二", "中島"
    water_editor.email = "nakajima@example.jp"
    water_editor.save()
    water_project._history_user = water_editor
    water_project.summary = "更新"
    water_project.save()
    assert search("中島") == [] and search("nakajima") == [] and search("water") != []
    assert set(SearchEntry.objects.values_list("kind", flat=True)) <= {"program", "project", "place", "organisation"}
    assert "user" not in registry.kind_names()


@pytest.mark.django_db
def test_notes_of_places_and_organisations_are_not_indexed(dalian):
    dalian.notes = "先方担当者 王さん 携帯 138-0000-0000"
    dalian.save()
    OrganisationFactory(name_ja="大連市環境局", notes="局長 李氏の私見")
    assert search("王") == [] and search("李氏") == []
    assert {h.title_ja for h in search("大連")} == {"大連市", "大連市環境局"}


@pytest.mark.django_db
def test_every_role_sees_the_same_results_and_no_one_sees_deleted_records(
    as_viewer, as_water_editor, as_coordinator, make_program
):
    make_program("廃棄物処理技術研修")
    gone = make_program("ごみ減量推進事業")
    gone.mark_deleted()
    gone.save()
    seen = []
    for client in (as_viewer, as_water_editor, as_coordinator):
        response = client.get(URL, {"q": "ゴミ", "kind": "program"})
        seen.append([h.title_ja for h in response.context["hits"]])
    assert seen == [["廃棄物処理技術研修"]] * 3


@pytest.mark.django_db
def test_an_inactive_account_cannot_search(client):
    user = UserFactory(username="former", is_active=False)
    client.force_login(user)
    response = client.get(URL, {"q": "水道"})
    assert response.status_code == 302
