"""The programme list's text box (tsunagu.programs) searches through this index."""

import pytest

from tsunagu.programs.models import Program
from tsunagu.programs.queries import program_search
from tsunagu.search.queries import filter_programs


@pytest.mark.django_db
def test_the_programme_list_search_is_japanese_aware(make_program):
    waste = make_program("廃棄物処理技術研修")
    make_program("消防技術研修")
    # A plain scan would not find 廃棄物 for ゴミ.
    assert list(program_search("ゴミ", Program.objects.all())) == [waste]
    assert list(program_search("ＪＩＣＡ", Program.objects.all())) == []


@pytest.mark.django_db
def test_filter_programs_keeps_the_given_queryset(make_program):
    waste = make_program("廃棄物処理技術研修")
    other = make_program("ごみ減量推進事業")
    assert set(filter_programs("ゴミ", Program.objects.all())) == {waste, other}
    assert list(filter_programs("ゴミ", Program.objects.exclude(pk=other.pk))) == [waste]
    assert filter_programs("", Program.objects.all()).count() == 2
