"""The search page: grouped results with links, facet links, paging, htmx, login, Japanese UI."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagu.programs.models import Program
from tsunagu.search.index import rebuild_index

URL = reverse("search:search")


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL, {"q": "水道"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_the_page_groups_hits_by_kind_with_links(as_viewer, make_program, water_project, jica):
    program = make_program("海外上下水道協力支援事業", provider=jica)
    response = as_viewer.get(URL, {"q": "水道"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "支援メニュー" in page and "海外事業" in page  # group headings in Japanese
    assert water_project.get_absolute_url() in page
    assert "海外上下水道協力支援事業" in page
    groups = {g.kind: g for g in response.context["groups"]}
    assert groups["program"].hits[0].object_id == program.pk
    assert groups["project"].total == 1


@pytest.mark.django_db
def test_one_kind_is_paged(as_viewer, clair):
    Program.objects.bulk_create(
        [Program(code=f"p-{i:02}", provider=clair, name_ja=f"廃棄物研修{i:02}") for i in range(25)]
    )
    rebuild_index(["program"])
    first = as_viewer.get(URL, {"q": "ゴミ", "kind": "program"})
    assert len(first.context["hits"]) == 20 and first.context["has_next"]
    second = as_viewer.get(URL, {"q": "ゴミ", "kind": "program", "page": 2})
    assert len(second.context["hits"]) == 5 and not second.context["has_next"]
    assert "2ページ中2ページ目" in second.content.decode()


@pytest.mark.django_db
def test_other_kinds_are_paged_too(as_viewer, dalian):
    response = as_viewer.get(URL, {"q": "大連", "kind": "place"})
    assert [h.object_id for h in response.context["hits"]] == [dalian.pk]
    beyond = as_viewer.get(URL, {"q": "大連", "kind": "place", "page": 5})
    assert beyond.context["hits"] == [] and beyond.context["total"] == 1


@pytest.mark.django_db
def test_facet_links_toggle_a_value_and_show_the_programmes(as_viewer, make_program, jica, clair):
    make_program("廃棄物処理技術研修", provider=jica)
    make_program("ごみ減量推進事業", provider=clair)
    page = as_viewer.get(URL, {"q": "ゴミ"}).content.decode()
    link = re.search(rf'href="\?([^"]*provider={jica.pk}[^"]*)"', page).group(1).replace("&amp;", "&")
    assert "kind=program" in link
    narrowed = as_viewer.get(f"{URL}?{link}")
    assert [h.title_ja for h in narrowed.context["hits"]] == ["廃棄物処理技術研修"]
    html = narrowed.content.decode()
    # The chosen value travels with the search box, and its link removes it again.
    assert f'<input type="hidden" name="provider" value="{jica.pk}" form="search-form">' in html
    provider = next(g for g in narrowed.context["facets"] if g.name == "provider")
    chosen = next(v for v in provider.values if v.selected)
    assert f"provider={jica.pk}" not in chosen.query


@pytest.mark.django_db
def test_browsing_programmes_without_a_word_lists_them_all(as_viewer, make_program):
    make_program("廃棄物処理技術研修")
    make_program("ごみ減量推進事業")
    response = as_viewer.get(URL, {"kind": "program"})
    assert response.context["total"] == 2
    assert [h.title_ja for h in response.context["hits"]] == ["ごみ減量推進事業", "廃棄物処理技術研修"]


@pytest.mark.django_db
def test_an_htmx_request_gets_the_same_page_for_the_swap(as_viewer, water_project):
    response = as_viewer.get(URL, {"q": "水道"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="search-results"' in response.content.decode()


@pytest.mark.django_db
def test_bad_input_is_reported_not_a_server_error(as_viewer):
    response = as_viewer.get(URL, {"q": "x" * 300, "kind": "users", "page": "abc"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "errorlist" in response.content.decode()


@pytest.mark.django_db
def test_an_empty_index_is_explained(as_viewer, water_project):
    from tsunagu.search.models import SearchEntry

    SearchEntry.objects.all().delete()
    response = as_viewer.get(URL, {"q": "水道"})
    assert "rebuild_search_index" in response.content.decode()


@pytest.mark.django_db
def test_every_page_has_the_search_box_in_its_header(as_viewer):
    page = as_viewer.get(reverse("portfolio:list")).content.decode()
    assert f'action="{URL}"' in page
    assert 'aria-label="支援メニュー・海外事業・相手都市・機関を検索"' in page


@pytest.mark.django_db
def test_the_page_is_in_english_for_english_users(viewer, water_project):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    viewer.language = "en"
    viewer.save()
    client.force_login(viewer)
    page = client.get(URL, {"q": "water"}).content.decode()
    assert "Phnom Penh water and sewerage development" in page


@pytest.mark.django_db
def test_the_page_takes_the_same_number_of_queries_for_few_and_many_programmes(as_viewer, clair):
    def count(n):
        Program.all_objects.all().delete()
        Program.objects.bulk_create(
            [Program(code=f"p-{i}", provider=clair, name_ja=f"廃棄物研修{i}") for i in range(n)]
        )
        rebuild_index(["program"])
        result = []
        for params in ({"q": "ゴミ"}, {"q": "ゴミ", "kind": "program"}, {"kind": "program", "window": "unknown"}):
            with CaptureQueriesContext(connection) as ctx:
                assert as_viewer.get(URL, params).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    assert count(10) == count(300)


@pytest.mark.django_db
def test_what_the_programmes_kind_registers_reads_in_japanese(as_viewer, make_program, make_window):
    """Labels, facet names, the window badge and the browse link come from the programmes'
    registration (tsunagu.programs.catalogue.search), translated by that app's catalogue."""
    import datetime

    from django.utils import timezone

    program = make_program("海外上下水道協力支援事業", eligible_applicants=["city"])
    today = timezone.localdate()
    make_window(program, today - datetime.timedelta(days=1), today + datetime.timedelta(days=10))
    page = as_viewer.get(URL, {"q": "水道"}).content.decode()
    assert "募集：募集中" in page
    for label in ("支援メニューの絞り込み", "実施機関", "申請できる団体", "募集状況"):
        assert label in page, label
    start = as_viewer.get(URL).content.decode()
    assert re.search(r'href="\?kind=program">すべての支援メニューを実施機関・分野・募集状況で絞り込む</a>', start)
