"""The programme list: facets, window status, sorting, pagination, and a constant number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagu.partners.models import Country, Organisation
from tsunagu.portfolio.models import ActivityType, Field
from tsunagu.programs.models import ApplicationWindow, Program, ProgramTerms
from tsunagu.text import name_sort_key

LIST = reverse("programs:list")


def codes(response) -> list[str]:
    return [program.code for program in response.context["programs"]]


def test_everyone_signed_in_reads_the_list_in_japanese(catalogue, as_viewer, fixed_today):
    response = as_viewer.get(LIST)
    assert response.status_code == 200
    text = response.content.decode()
    assert "24件の支援メニュー" in text
    assert "未確認" in text and "募集中" in text
    assert "新規" not in text or "支援メニューの登録" not in text  # no create button for a viewer


def test_anonymous_users_are_sent_to_the_login_page(client, catalogue):
    response = client.get(LIST)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    ("query", "included", "excluded"),
    [
        ("provider={jica}", ["jica-biz", "jica-kusanone-partner"], ["clair-lgotp", "moe-city-to-city"]),
        # clair-expert-dispatch is coded for every field (no field), so it counts under each.
        ("field={water}", ["mhlw-water-intl-expansion", "clair-expert-dispatch"], ["moe-jcm-equipment"]),
        ("activity_type={trainee}", ["clair-lgotp", "jica-training-kadaibetsu"], ["moe-jcm-equipment"]),
        ("region=domestic", ["clair-tabunka-kyosei", "jetro-fdi-support-program"], ["jica-biz"]),
        ("country={vn}", ["clair-expert-dispatch", "jica-kusanone-partner", "clair-model-cooperation"],
         ["clair-tabunka-kyosei", "jetro-fdi-support-program"]),
        ("country={us}", ["clair-model-cooperation"], ["clair-expert-dispatch", "clair-tabunka-kyosei"]),
        ("applicant=city", ["clair-tabunka-kyosei", "jetro-fdi-support-program"], ["japan-foundation-exchange-grants", "jica-biz"]),
        ("applicant=designated_city", ["clair-lgotp"], ["mofa-grassroots-human-security"]),
        ("applicant=company", ["jica-biz", "moe-jcm-equipment"], ["clair-lgotp"]),
        ("city_role=indirect", ["jica-biz", "japan-foundation-exchange-grants"], ["clair-lgotp"]),
        ("funding_form=commission", ["jica-biz", "moe-city-to-city"], ["clair-tabunka-kyosei"]),
        ("status=historical_unverified", ["mhlw-water-intl-expansion"], ["jica-biz"]),
        ("q=草の根", ["jica-kusanone-partner", "mofa-grassroots-human-security"], ["jica-biz"]),
        ("q=JCM", ["moe-jcm-equipment", "moe-city-to-city"], ["jica-biz"]),
        ("q=CLAIR", ["clair-lgotp", "jet-programme"], ["jica-biz"]),
    ],
)
def test_facets_select_the_right_programmes(catalogue, as_viewer, fixed_today, query, included, excluded):
    ids = {
        "jica": Organisation.objects.get(name_ja="国際協力機構").pk,
        "water": Field.objects.get(code="water").pk,
        "trainee": ActivityType.objects.get(code="trainee-acceptance").pk,
        "vn": Country.objects.get(code="VN").pk,
        "us": Country.objects.get(code="US").pk,
    }
    response = as_viewer.get(f"{LIST}?{query.format(**ids)}&sort=code")
    assert response.status_code == 200
    found = codes(response) if len(response.context["page"].paginator.object_list) <= 25 else None
    found = [p.code for p in response.context["page"].paginator.object_list]
    assert set(included) <= set(found), found
    assert not set(excluded) & set(found), found


def test_window_status_filter_on_a_given_day(catalogue, as_viewer, fixed_today):
    # 2026-05-15: the R8 round of 多文化共生 (2025-07-14 〜 09-30) is over; its July–September
    # yearly window is upcoming; rolling windows are open; the JCM deadlines of 2025 are past.
    def found(status):
        response = as_viewer.get(f"{LIST}?window={status}")
        return {p.code for p in response.context["page"].paginator.object_list}

    open_now, upcoming, closed, unknown = found("open"), found("upcoming"), found("closed"), found("unknown")
    assert {"jica-grant-aid-with-local-gov", "mofa-embassy-facilities", "clair-overseas-offices"} <= open_now
    assert {"clair-tabunka-kyosei", "moe-city-to-city", "jica-biz"} <= upcoming
    assert {"moe-jcm-equipment", "jica-kusanone-chiiki-kasseika"} <= closed
    assert {"jica-volunteers-renkei", "mhlw-water-intl-expansion"} <= unknown
    assert len(open_now | upcoming | closed | unknown) == 24
    assert not (open_now & upcoming) and not (upcoming & closed)


def test_sorting_by_cap_and_by_deadline(catalogue, as_viewer, fixed_today, make):
    response = as_viewer.get(f"{LIST}?sort=-cap")
    assert codes(response)[:2] == ["jica-kusanone-partner", "jica-kusanone-chiiki-kasseika"]
    make("soon", windows=[{"kind": "dated", "fiscal_year": 2026, "closes_on": datetime.date(2026, 5, 20)}])
    make("later", windows=[{"kind": "dated", "fiscal_year": 2026, "closes_on": datetime.date(2026, 6, 20)}])
    response = as_viewer.get(f"{LIST}?sort=deadline")
    assert codes(response)[:2] == ["soon", "later"]
    response = as_viewer.get(f"{LIST}?sort=-name")
    names = [p.name_ja for p in response.context["programs"]]
    assert names == sorted(names, key=lambda name: (name_sort_key(name), name), reverse=True)


def test_pagination(catalogue, as_viewer):
    first = as_viewer.get(LIST)
    assert len(first.context["programs"]) == 24  # one page of 25
    assert "次のページ" not in first.content.decode()
    beyond = as_viewer.get(f"{LIST}?page=9")
    assert beyond.context["page"].number == 1


def test_an_invalid_filter_value_is_shown_not_crashed(catalogue, as_viewer):
    response = as_viewer.get(f"{LIST}?window=sometimes&applicant=alien")
    assert response.status_code == 200
    assert response.context["filter"].errors


def _bulk_programs(count: int, provider, start: int = 0) -> None:
    fields = list(Field.objects.all()[:3])
    programs = [
        Program(code=f"bulk-{n:05d}", provider=provider, name_ja=f"大量{n}", funding_forms=["grant"],
                city_roles=["applicant"], eligible_applicants=["city"], unconfirmed=["windows"] if n % 2 else [])
        for n in range(start, start + count)
    ]
    for program in programs:
        program.refresh_text_columns()  # what save() does; bulk loads must do it too
    programs = Program.objects.bulk_create(programs)
    through = Program.fields.through
    through.objects.bulk_create(through(program_id=p.pk, field_id=f.pk) for p in programs for f in fields)
    ProgramTerms.objects.bulk_create(
        ProgramTerms(program=p, fiscal_year=2025, cap_jpy=1_000_000 + p.pk, cap_basis="per_project") for p in programs
    )
    ApplicationWindow.objects.bulk_create(
        ApplicationWindow(program=p, kind="recurring", fiscal_year=2025, open_month=6, close_month=7) for p in programs
    )


@pytest.mark.parametrize("query", ["", "?window=upcoming&applicant=city&sort=-cap", "?q=大量&sort=status&page=2"])
def test_the_list_asks_the_same_number_of_queries_for_10_and_1000_programmes(provider, as_viewer, query):
    _bulk_programs(10, provider)
    with CaptureQueriesContext(connection) as small:
        assert as_viewer.get(f"{LIST}{query}").status_code == 200
    _bulk_programs(990, Organisation.objects.create(name_ja="大量財団", kind="agency"), start=10)
    with CaptureQueriesContext(connection) as large:
        response = as_viewer.get(f"{LIST}{query}")
    assert response.status_code == 200
    assert len(large) == len(small), [q["sql"][:120] for q in large.captured_queries]
    assert len(small) <= 15
    if not query:
        assert re.search(r"1,?000件の支援メニュー", response.content.decode())
