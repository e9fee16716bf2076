"""Facet counts kept as bitsets in the process: right after every committed change, rebuilt only then."""

import pytest

from tests.search.helpers import search_programs
from tsunagu.programs.catalogue.actions import delete_program
from tsunagu.programs.models import Program
from tsunagu.search import facet_bits


def counts(results, name):
    group = next(g for g in results.facets if g.name == name)
    return {v.value: v.count for v in group.values if v.count}


@pytest.fixture
def builds(monkeypatch):
    """How many times the bitsets were read from the database."""
    calls = []
    original = facet_bits.build

    def counting_build(kind, stamp):
        calls.append(stamp)
        return original(kind, stamp)

    monkeypatch.setattr(facet_bits, "build", counting_build)
    monkeypatch.setattr(facet_bits, "_cached", {})
    return calls


@pytest.mark.django_db(transaction=True)
def test_counts_follow_committed_changes_and_are_reused_in_between(make_program, jica, coordinator, builds):
    make_program("廃棄物処理技術研修", fields=["environment"], eligible_applicants=["city"])
    make_program("上下水道技術協力事業", provider=jica, fields=["water"], eligible_applicants=["city"])

    assert counts(search_programs(""), "field") == {"environment": 1, "water": 1}
    assert counts(search_programs("ゴミ"), "field") == {"environment": 1}
    assert len(builds) == 1  # the second search reused the bitsets

    make_program("ごみ減量の研修員受入", provider=jica, fields=["environment", "water"], code="gomi")
    assert counts(search_programs("ゴミ"), "field") == {"environment": 2, "water": 1}
    assert len(builds) == 2

    delete_program(Program.objects.get(code="gomi"), acting_user=coordinator)
    assert counts(search_programs("ゴミ"), "field") == {"environment": 1}
    assert len(builds) == 3


@pytest.mark.django_db
def test_a_facet_choice_narrows_the_other_facets_but_not_its_own(make_program, clair, jica):
    make_program("廃棄物処理技術研修", provider=jica, fields=["environment"], eligible_applicants=["city"])
    make_program("廃棄物の3R推進", provider=clair, fields=["environment", "water"], eligible_applicants=["ngo"])
    make_program("上下水道技術協力事業", provider=jica, fields=["water"], eligible_applicants=["city"])

    results = search_programs("", {"provider": [str(jica.pk)], "field": ["water"]})
    assert results.total == 1
    # The provider facet counts under the field choice only, the field facet under the provider choice only.
    assert counts(results, "provider") == {str(jica.pk): 1, str(clair.pk): 1}
    assert counts(results, "field") == {"environment": 1, "water": 1}
    assert counts(results, "applicant") == {"city": 1}
