"""The programme list's text box (tsunagu.programs) searches through this index."""

import pytest

from tests.search.helpers import reader
from tsunagu.programs.catalogue.queries import program_search
from tsunagu.programs.models import Program
from tsunagu.search.queries import filter_queryset


@pytest.mark.django_db
def test_the_programme_list_search_is_japanese_aware(make_program):
    waste = make_program("廃棄物処理技術研修")
    make_program("消防技術研修")
    # A plain scan would not find 廃棄物 for ゴミ.
    assert list(program_search("ゴミ", Program.objects.all(), reader())) == [waste]
    assert list(program_search("ＪＩＣＡ", Program.objects.all(), reader())) == []


@pytest.mark.django_db
def test_filter_queryset_keeps_the_given_queryset(make_program):
    waste = make_program("廃棄物処理技術研修")
    other = make_program("ごみ減量推進事業")
    user = reader()
    assert set(filter_queryset("program", "ゴミ", Program.objects.all(), user=user)) == {waste, other}
    assert list(filter_queryset("program", "ゴミ", Program.objects.exclude(pk=other.pk), user=user)) == [waste]
    assert filter_queryset("program", "", Program.objects.all(), user=user).count() == 2


@pytest.mark.django_db
def test_the_programme_list_page_searches_through_the_index(as_viewer, make_program):
    make_program("廃棄物処理技術研修")
    make_program("消防技術研修")
    response = as_viewer.get("/programs/", {"q": "ゴミ"})
    assert [p.name_ja for p in response.context["programs"]] == ["廃棄物処理技術研修"]
