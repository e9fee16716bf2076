"""Records whose name matches come first, on every page, after edits and under facet choices."""

import pytest

from tests.search.helpers import search, search_programs
from tsunagu.programs.models import Program


@pytest.fixture
def water_programmes(make_program, jica, clair):
    named = [
        make_program("上下水道技術協力事業", provider=jica, code="named-1"),
        make_program("水道事業運営研修", provider=clair, code="named-2"),
        make_program("上水道の漏水対策支援", provider=jica, code="named-3"),
    ]
    mentioned = [
        make_program("環境協力推進事業", purpose="上下水道の技術者も受け入れる。", provider=jica, code="text-1"),
        make_program("国際交流支援事業", purpose="水道の分野も対象となる。", provider=clair, code="text-2"),
    ]
    return named, mentioned


def codes(hits):
    return [Program.objects.get(pk=hit.object_id).code for hit in hits]


@pytest.mark.django_db
def test_pages_list_every_name_match_before_any_mention_in_the_text(water_programmes):
    pages = [codes(search("水道", kinds=["program"], limit=2, offset=offset)) for offset in (0, 2, 4)]
    listed = [code for page in pages for code in page]
    assert sorted(listed[:3]) == ["named-1", "named-2", "named-3"]
    assert sorted(listed[3:]) == ["text-1", "text-2"]
    assert len(listed) == len(set(listed)) == 5  # no record twice, none lost between the pages


@pytest.mark.django_db
def test_a_renamed_record_leaves_the_names_tier(water_programmes, coordinator):
    from tsunagu.programs.catalogue.actions import update_program

    program = Program.objects.get(code="named-2")
    program.name_ja = "行政運営研修"
    program.purpose = "水道局の職員が講師を務める。"
    update_program(program, acting_user=coordinator, seen_version=program.version)

    listed = codes(search("水道", kinds=["program"]))
    assert sorted(listed[:2]) == ["named-1", "named-3"]
    assert sorted(listed[2:]) == ["named-2", "text-1", "text-2"]


@pytest.mark.django_db
def test_a_facet_choice_keeps_the_names_first_order(water_programmes, jica):
    results = search_programs("水道", {"provider": [str(jica.pk)]})
    assert results.total == 3
    assert sorted(codes(results.hits)[:2]) == ["named-1", "named-3"]
    assert codes(results.hits)[2:] == ["text-1"]
