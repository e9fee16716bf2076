"""Signals keep the index in step with saves, soft deletes, restores, renames and m2m changes."""

import datetime

import pytest
from django.core.management import call_command

from tests.factories import OrganisationFactory, ProjectPartnerFactory
from tests.search.helpers import search
from tsunagu.partners.models import Organisation, Place
from tsunagu.portfolio.models import Field, Project
from tsunagu.programs.models import Program
from tsunagu.search.index import rebuild_index
from tsunagu.search.models import SearchEntry


def titles(query, kinds=None):
    return {hit.title_ja for hit in search(query, kinds=kinds, limit=50)}


@pytest.mark.django_db
def test_a_soft_deleted_programme_vanishes_and_returns_when_restored(make_program):
    program = make_program("廃棄物処理技術研修")
    assert "廃棄物処理技術研修" in titles("ゴミ")
    program.mark_deleted()
    program.save()
    assert "廃棄物処理技術研修" not in titles("ゴミ")
    assert not SearchEntry.objects.filter(kind="program", object_id=program.pk).exists()
    program.mark_restored()
    program.save()
    assert "廃棄物処理技術研修" in titles("ゴミ")


@pytest.mark.django_db
def test_deleted_projects_places_and_organisations_vanish_and_return(water_project, dalian, jica):
    for record, query in ((water_project, "水道"), (dalian, "大連"), (jica, "JICA")):
        name = getattr(record, "title_ja", None) or record.name_ja
        record.mark_deleted()
        record.save()
        assert name not in titles(query), name
        record.mark_restored()
        record.save()
        assert name in titles(query), name


@pytest.mark.django_db
def test_a_hard_delete_removes_the_entry(make_program):
    program = make_program("廃棄物処理技術研修")
    Program.all_objects.filter(pk=program.pk).get().delete()
    assert not SearchEntry.objects.filter(kind="program").exists()


@pytest.mark.django_db
def test_an_edit_is_searchable_at_once(make_program):
    program = make_program("観光振興事業")
    program.name_ja = "消防技術協力事業"
    program.save()
    assert titles("消防") == {"消防技術協力事業"}
    assert titles("観光") == set()


@pytest.mark.django_db
def test_renaming_a_provider_reindexes_its_programmes(make_program):
    provider = OrganisationFactory(name_ja="旧名称機構", name_en="Old Name Agency")
    make_program("技術協力事業", provider=provider)
    provider.name_en = "Brand New Agency"
    provider.save()
    assert "技術協力事業" in titles("brand new", kinds=["program"])


@pytest.mark.django_db
def test_fields_added_removed_and_cleared_are_searchable(make_program):
    program = make_program("国際協力推進事業")
    assert titles("消防", kinds=["program"]) == set()
    program.fields.add(Field.objects.get(code="fire-disaster"))  # 消防・防災
    assert titles("消防", kinds=["program"]) == {"国際協力推進事業"}
    program.fields.remove(Field.objects.get(code="fire-disaster"))
    assert titles("消防", kinds=["program"]) == set()
    program.fields.set([Field.objects.get(code="animal-care")])  # 動物愛護・管理
    assert titles("動物", kinds=["program"]) == {"国際協力推進事業"}
    program.fields.clear()
    assert titles("動物", kinds=["program"]) == set()


@pytest.mark.django_db
def test_a_partner_place_added_to_a_project_and_then_renamed_is_searchable(water_project, dalian):
    ProjectPartnerFactory(project=water_project, place=dalian)
    assert "プノンペン上下水道整備事業" in titles("大連", kinds=["project"])
    dalian.name_en = "Lüda"
    dalian.save()
    assert "プノンペン上下水道整備事業" in titles("luda", kinds=["project"])


@pytest.mark.django_db
def test_renaming_a_department_reindexes_its_projects(water_project, water_bureau):
    water_bureau.name_ja = "水道技術局"
    water_bureau.save()
    assert "プノンペン上下水道整備事業" in titles("水道技術局", kinds=["project"])


@pytest.mark.django_db
def test_rebuild_index_indexes_records_inserted_in_bulk(clair):
    Program.objects.bulk_create([Program(code=f"bulk-{i}", provider=clair, name_ja=f"一括登録事業{i}") for i in range(3)])
    Project.objects.bulk_create([])
    assert titles("一括") == set()
    counts = rebuild_index()
    assert counts["program"] == 3
    assert counts["organisation"] == Organisation.objects.count()
    assert counts["place"] == Place.objects.count()
    assert titles("一括") == {"一括登録事業0", "一括登録事業1", "一括登録事業2"}


@pytest.mark.django_db
def test_rebuild_search_index_command_leaves_deleted_records_out(make_program, capsys):
    make_program("廃棄物処理技術研修")
    gone = make_program("ごみ減量推進事業")
    Program.all_objects.filter(pk=gone.pk).update(deleted_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    call_command("rebuild_search_index")
    assert "program: 1" in capsys.readouterr().out
    assert titles("ゴミ") == {"廃棄物処理技術研修"}
