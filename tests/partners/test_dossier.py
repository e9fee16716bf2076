"""The dossier of a place (and of a country): agreements, networks, organisations, sections, timeline by 年度."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import AgreementFactory, OrganisationFactory, PlaceFactory
from tsunagu.partners import dossier
from tsunagu.partners.models import Agreement, NetworkMembership, Place


class VisitsSection(dossier.DossierSection):
    """A tiny section standing in for those of higher apps (projects, trainees…)."""

    key = "test-visits"
    title = "視察の記録"
    template = "partners/tests/visits_section.html"
    order = 50
    seen: list[list[int]] = []

    def context(self, place_ids, user):
        VisitsSection.seen.append(sorted(place_ids))
        return {"visit_count": Place.objects.filter(pk__in=place_ids).count()}

    def timeline(self, place_ids, user):
        return [dossier.TimelineEntry(datetime.date(2019, 5, 1), "市長表敬訪問", "視察")]


@pytest.fixture
def visits_section(settings, tmp_path):
    template_dir = tmp_path / "templates" / "partners" / "tests"
    template_dir.mkdir(parents=True)
    (template_dir / "visits_section.html").write_text("<p>視察 {{ visit_count }} 都市分</p>", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path / "templates"]}]
    VisitsSection.seen = []
    dossier.register(VisitsSection())
    yield VisitsSection
    dossier.unregister(VisitsSection.key)


def test_the_dossier_shows_the_agreements_in_full(as_viewer, haiphong_agreement):
    haiphong_agreement.renewed_on = datetime.date(2019, 4, 30)
    haiphong_agreement.assembly_approval_required = True
    haiphong_agreement.assembly_approved_on = datetime.date(2014, 3, 20)
    haiphong_agreement.document_url = "https://example.org/agreement.pdf"
    haiphong_agreement.save()
    response = as_viewer.get(haiphong_agreement.place.get_absolute_url())
    html = response.content.decode()
    for text in [
        "海防", "Hai Phong", "Hải Phòng", "ベトナム", "20.8449, 106.6881",
        "友好・協力協定", "海防市との友好・協力協定", "2014-04-21", "2019-04-30", "有効",
        "北九州市長", "海防市人民委員会委員長", "2014-03-20", "北九国政第12号", "https://example.org/agreement.pdf",
    ]:
        assert text in html, text


def test_the_dossier_shows_networks_with_role_and_organisations_located_there(as_viewer, network, haiphong, organisation):
    NetworkMembership.objects.create(
        network=network, place=haiphong, role=NetworkMembership.Role.SECRETARIAT, joined_on=datetime.date(2010, 4, 1)
    )
    html = as_viewer.get(haiphong.get_absolute_url()).content.decode()
    assert "東アジア経済交流推進機構" in html
    assert "事務局" in html
    assert "海防市上下水道公社" in html
    assert "所在する機関" in html


def test_sample_data_is_marked(as_viewer, haiphong):
    haiphong.is_sample = True
    haiphong.save()
    AgreementFactory(place=haiphong, is_sample=True)
    html = as_viewer.get(haiphong.get_absolute_url()).content.decode()
    assert html.count("サンプルデータ") >= 2
    assert "この相手都市はデモ用に作成したサンプルデータです。" in html


def test_the_timeline_groups_events_by_fiscal_year_newest_first(as_viewer, haiphong, network):
    AgreementFactory(place=haiphong, title_ja="覚書（平成最後の日）", kind=Agreement.Kind.MOU,
                     signed_on=datetime.date(2019, 4, 30), ended_on=datetime.date(2024, 3, 31))
    AgreementFactory(place=haiphong, title_ja="年度末の協定", signed_on=datetime.date(2019, 3, 31))
    NetworkMembership.objects.create(network=network, place=haiphong, joined_on=datetime.date(2019, 4, 1))

    response = as_viewer.get(haiphong.get_absolute_url())
    years = [(year.fiscal_year.label(), [(e.date.isoformat(), str(e.kind)) for e in year.entries])
             for year in response.context["dossier"].timeline]
    assert years == [
        ("2023年度（令和5年度）", [("2024-03-31", "協定終了")]),
        ("2019年度（令和元年度）", [("2019-04-30", "協定締結"), ("2019-04-01", "ネットワーク加盟")]),
        ("2018年度（平成30年度）", [("2019-03-31", "協定締結")]),
    ]
    html = response.content.decode().split('id="timeline"')[1]
    assert html.index("2023年度（令和5年度）") < html.index("2019年度（令和元年度）") < html.index("2018年度（平成30年度）")


def test_the_timeline_is_labelled_fy_in_english(as_viewer, haiphong_agreement):
    html = as_viewer.get(haiphong_agreement.place.get_absolute_url(), {"lang": "en"}).content.decode()
    assert "FY2014" in html
    assert "Agreement signed" in html


def test_registered_sections_are_rendered_with_the_place_and_its_child_places(as_viewer, visits_section, vietnam):
    province = PlaceFactory(country=vietnam, kind=Place.Kind.PROVINCE, name_en="Province")
    city = PlaceFactory(country=vietnam, parent=province, name_en="City")
    district = PlaceFactory(country=vietnam, parent=city, name_en="District")
    PlaceFactory(country=vietnam, name_en="Elsewhere")

    response = as_viewer.get(province.get_absolute_url())
    html = response.content.decode()
    assert visits_section.seen == [sorted([province.pk, city.pk, district.pk])]
    assert "視察の記録" in html  # the section's title as a heading
    assert "視察 3 都市分" in html  # its template with its context
    # Its timeline entries are merged into the dossier's timeline under the right 年度.
    assert "市長表敬訪問" in html
    assert response.context["dossier"].timeline[0].fiscal_year.label() == "2019年度（令和元年度）"


def test_a_province_dossier_includes_the_agreements_of_its_cities(as_viewer, vietnam):
    province = PlaceFactory(country=vietnam, kind=Place.Kind.PROVINCE)
    city = PlaceFactory(country=vietnam, parent=province)
    AgreementFactory(place=city, title_ja="市との協定")
    html = as_viewer.get(province.get_absolute_url()).content.decode()
    assert "市との協定" in html
    assert "このカルテには下位の相手都市の記録も含まれています。" in html


def test_agreements_with_an_organisation_located_in_the_place_are_in_its_dossier(as_viewer, haiphong, organisation):
    AgreementFactory(place=None, organisation=organisation, title_ja="公社との覚書")
    html = as_viewer.get(haiphong.get_absolute_url()).content.decode()
    assert "公社との覚書" in html


def test_the_dossier_is_printable(as_viewer, haiphong):
    html = as_viewer.get(haiphong.get_absolute_url()).content.decode()
    assert "window.print()" in html
    assert "partners/partners.css" in html


def test_the_country_page_aggregates_its_places(as_viewer, visits_section, haiphong, haiphong_agreement, dalian):
    hue = PlaceFactory(country=haiphong.country, name_ja="フエ", name_en="Hue")
    AgreementFactory(place=hue, title_ja="フエとの覚書", signed_on=datetime.date(2020, 6, 1))
    OrganisationFactory(name_ja="ベトナム天然資源環境省", country=haiphong.country)

    response = as_viewer.get(reverse("partners:country", args=["vn"]))
    html = response.content.decode()
    counts = {p.name_en: p.agreement_count for p in response.context["places"]}
    assert counts == {"Hai Phong": 1, "Hue": 1}
    assert "海防市との友好・協力協定" in html and "フエとの覚書" in html
    assert "ベトナム天然資源環境省" in html  # an organisation of the country without a place
    assert "大連" not in html
    assert visits_section.seen == [sorted([haiphong.pk, hue.pk])]
    assert [y.fiscal_year.year for y in response.context["dossier"].timeline] == [2020, 2019, 2014]
