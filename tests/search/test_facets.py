"""Programme facets: counts over the current results, filters, window status, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.search.helpers import reader, search_programs
from tsunagu.programs.models import Program
from tsunagu.search.index import rebuild_index
from tsunagu.search.queries import faceted_search

# Windows are indexed with their status on the day they are saved: the tests count from today.
TODAY = timezone.localdate()


def counts(results, name):
    group = next(g for g in results.facets if g.name == name)
    return {v.value: v.count for v in group.values}


@pytest.fixture
def catalogue(make_program, make_window, clair, jica):
    """Four programmes: two of CLAIR, two of JICA, with fields, activities, regions and windows."""
    day = datetime.timedelta(days=1)
    waste = make_program(
        "廃棄物処理技術研修", provider=jica, fields=["environment"], activities=["trainee-acceptance"],
        region_scope=Program.RegionScope.COUNTRIES, countries=["VN", "KH"],
        eligible_applicants=["city", "designated_city"],
    )
    make_window(waste, TODAY - 10 * day, TODAY + 10 * day)  # open
    water = make_program(
        "上下水道技術協力事業", provider=jica, fields=["water", "environment"], activities=["technical-cooperation"],
        region_scope=Program.RegionScope.DEVELOPING, eligible_applicants=["city"],
    )
    make_window(water, TODAY + 30 * day, TODAY + 60 * day)  # upcoming
    model = make_program(
        "自治体国際協力促進事業", provider=clair, fields=["environment"], activities=["technical-cooperation"],
        eligible_applicants=["prefecture", "city"],
    )
    make_window(model, TODAY - 60 * day, TODAY - 30 * day)  # closed
    make_program("国際交流支援事業", provider=clair, fields=["culture"], eligible_applicants=["intl_association"])
    return {"waste": waste, "water": water, "model": model}


@pytest.mark.django_db
def test_facet_counts_cover_every_programme_when_nothing_is_typed(catalogue, clair, jica):
    results = search_programs("", today=TODAY)
    assert results.total == 4
    assert counts(results, "provider") == {str(jica.pk): 2, str(clair.pk): 2}
    assert counts(results, "field") == {"environment": 3, "water": 1, "culture": 1}
    assert counts(results, "activity") == {"trainee-acceptance": 1, "technical-cooperation": 2}
    assert counts(results, "region") == {"countries": 1, "VN": 1, "KH": 1, "developing": 1, "any": 2}
    assert counts(results, "applicant") == {"city": 3, "designated_city": 1, "prefecture": 1, "intl_association": 1}
    assert counts(results, "window") == {"open": 1, "upcoming": 1, "closed": 1, "unknown": 1}


@pytest.mark.django_db
def test_facet_counts_follow_the_query(catalogue, jica):
    results = search_programs("JICA", today=TODAY)
    assert {h.title_ja for h in results.hits} == {"廃棄物処理技術研修", "上下水道技術協力事業"}
    assert counts(results, "provider") == {str(jica.pk): 2}
    assert counts(results, "window") == {"open": 1, "upcoming": 1}


@pytest.mark.django_db
def test_choosing_a_value_narrows_the_results_and_the_other_facets_but_not_its_own(catalogue, clair, jica):
    results = search_programs("", {"provider": [str(jica.pk)]}, today=TODAY)
    assert results.total == 2
    # The provider facet still shows CLAIR, to switch or add it.
    assert counts(results, "provider") == {str(jica.pk): 2, str(clair.pk): 2}
    assert counts(results, "field") == {"environment": 2, "water": 1}
    selected = [v for g in results.facets for v in g.values if v.selected]
    assert [(v.value, v.label) for v in selected] == [(str(jica.pk), jica.name)]


@pytest.mark.django_db
def test_values_of_one_facet_are_alternatives_and_facets_combine(catalogue):
    either = search_programs("", {"window": ["open", "upcoming"]}, today=TODAY)
    assert {h.title_ja for h in either.hits} == {"廃棄物処理技術研修", "上下水道技術協力事業"}
    both = search_programs("", {"window": ["open", "upcoming"], "activity": ["technical-cooperation"]}, today=TODAY)
    assert [h.title_ja for h in both.hits] == ["上下水道技術協力事業"]
    assert search_programs("廃棄物", {"window": ["closed"]}, today=TODAY).total == 0


@pytest.mark.django_db
def test_a_country_counts_under_its_region(catalogue):
    results = search_programs("", {"region": ["VN"]}, today=TODAY)
    assert [h.title_ja for h in results.hits] == ["廃棄物処理技術研修"]


@pytest.mark.django_db
def test_the_window_status_is_recomputed_when_a_window_opens_or_closes(catalogue):
    later = TODAY + datetime.timedelta(days=11)  # the open window has closed, the upcoming one not yet open
    assert counts(search_programs("", today=later), "window") == {"closed": 2, "upcoming": 1, "unknown": 1}
    opened = TODAY + datetime.timedelta(days=30)
    assert counts(search_programs("", today=opened), "window") == {"closed": 2, "open": 1, "unknown": 1}


@pytest.mark.django_db
def test_a_new_window_updates_the_facet(catalogue, make_program, make_window):
    program = make_program("新規支援事業")
    today = timezone.localdate()
    make_window(program, today - datetime.timedelta(days=1), today + datetime.timedelta(days=5))
    results = search_programs("新規")
    assert counts(results, "window") == {"open": 1}
    assert results.hits[0].facets["window"] == ["open"]
    assert results.hits[0].badge.tone == "positive"


@pytest.mark.django_db
def test_unknown_facet_names_are_ignored(catalogue):
    assert search_programs("", {"password": ["x"]}, today=TODAY).total == 4


def _queries(query, selected):
    user = reader()
    with CaptureQueriesContext(connection) as ctx:
        results = faceted_search("program", query, selected, user=user, today=TODAY)
    assert results.total > 0
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_facet_search_takes_the_same_number_of_queries_for_10_and_1000_programmes(clair, jica):
    def load(count):
        Program.all_objects.all().delete()
        Program.objects.bulk_create(
            [
                Program(code=f"bulk-{i}", provider=(clair, jica)[i % 2], name_ja=f"廃棄物処理研修{i}",
                        eligible_applicants=["city"], region_scope="any")
                for i in range(count)
            ]
        )
        rebuild_index(["program"], today=TODAY)

    load(10)
    few = [_queries("ゴミ", {}), _queries("", {"provider": [str(jica.pk)], "applicant": ["city"]})]
    load(1000)
    many = [_queries("ゴミ", {}), _queries("", {"provider": [str(jica.pk)], "applicant": ["city"]})]
    assert few == many


@pytest.mark.django_db
def test_only_the_most_frequent_values_are_listed_and_the_rest_counted(make_program):
    from tsunagu.partners.models import Country

    codes = list(Country.objects.exclude(code="JP").order_by("code").values_list("code", flat=True)[:20])
    for number, code in enumerate(codes):
        # The first country is a target of every programme, the others of one each.
        make_program(f"地域支援事業{number}", region_scope=Program.RegionScope.COUNTRIES, countries=[codes[0], code])
    results = search_programs("", {"region": [codes[19]]}, today=TODAY)
    region = next(g for g in results.facets if g.name == "region")
    shown = [v.value for v in region.values]
    assert shown[:2] == ["countries", codes[0]]
    assert codes[19] in shown  # chosen, so listed although rare
    # 21 values (the scope and 20 countries): the chosen one and the 15 most frequent are shown.
    assert len(shown) == 1 + 15 and region.more == 21 - 16
