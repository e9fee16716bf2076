"""load_programs: every programme of the reference file, with its facts, sources and doubts."""

import datetime
from decimal import Decimal

import pytest
import yaml
from django.apps import apps
from django.core.management import call_command

from tsunagu.partners.models import Organisation
from tsunagu.programs.models import ApplicationWindow, Program, ProgramTerms, WindowStatus
from tsunagu.programs.transfer.seed import REFERENCE_PATH, load_programs, year_of

REFERENCE_CODES = [entry["id"] for entry in yaml.safe_load(REFERENCE_PATH.read_text(encoding="utf-8"))["programs"]]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for label in ("programs", "partners")
        for model in apps.get_app_config(label).get_models()
    }


def test_the_reference_copy_holds_24_programmes_and_says_where_it_comes_from():
    text = REFERENCE_PATH.read_text(encoding="utf-8")
    assert text.startswith("# ORIGIN: a verbatim copy of ../shared/reference/programs.yaml")
    assert len(REFERENCE_CODES) == 24


def test_seeding_loads_all_24_programmes_with_their_codes(catalogue):
    assert sorted(Program.objects.values_list("code", flat=True)) == sorted(REFERENCE_CODES)


def test_providers_are_matched_or_created_by_name(db):
    existing = Organisation.objects.create(
        name_ja="国際協力機構", name_en="Japan International Cooperation Agency", abbreviation="JICA",
        kind=Organisation.Kind.AGENCY,
    )
    load_programs()
    assert Program.objects.get(code="jica-biz").provider == existing
    providers = {p.code: p.provider.name_ja for p in Program.objects.select_related("provider")}
    assert providers["clair-model-cooperation"] == "自治体国際化協会"
    assert providers["clair-lgotp"] == "自治体国際化協会"
    assert providers["moe-city-to-city"] == "環境省"
    assert providers["mofa-grassroots-human-security"] == "外務省"
    assert providers["jetro-fdi-support-program"] == "日本貿易振興機構"
    assert providers["japan-foundation-exchange-grants"] == "国際交流基金"
    assert providers["mhlw-water-intl-expansion"] == "厚生労働省"
    assert Organisation.objects.filter(name_ja="国際協力機構").count() == 1


def test_seeding_twice_writes_nothing_and_reads_one_query(catalogue, django_assert_num_queries):
    before = row_counts()
    with django_assert_num_queries(1):
        report = load_programs()
    assert (report.created, report.existing) == (0, 24)
    assert row_counts() == before


def test_update_mode_finds_nothing_to_change_after_a_load(catalogue):
    report = load_programs()
    assert (report.created, report.updated) == (0, 0)


def test_an_edited_or_deleted_programme_is_left_alone(catalogue):
    edited = Program.objects.get(code="jica-biz")
    edited.contact = "JICA九州 企業連携課"
    edited.save()
    deleted = Program.objects.get(code="jet-programme")
    deleted.mark_deleted()
    deleted.save()
    load_programs()
    edited.refresh_from_db()
    assert edited.contact == "JICA九州 企業連携課"
    assert not Program.objects.filter(code="jet-programme").exists()
    assert Program.all_objects.filter(code="jet-programme").count() == 1


def test_the_command_reports_what_it_did(db, capsys):
    call_command("load_programs")
    call_command("load_programs")
    out = capsys.readouterr().out
    assert "24 created" in out and "24 already there" in out


def test_caps_rates_and_minimums_come_with_their_wording(catalogue):
    tabunka = ProgramTerms.objects.get(program__code="clair-tabunka-kyosei")
    assert tabunka.cap_jpy == 4_000_000
    assert tabunka.cap_basis == ProgramTerms.CapBasis.PER_ORGANISATION
    assert tabunka.min_jpy == 500_000
    assert {v["amount_jpy"] for v in tabunka.cap_variants} == {4_000_000, 3_000_000}
    assert "都道府県及び指定都市 1団体あたり400万円" in [v["label"] for v in tabunka.cap_variants]
    exchange = ProgramTerms.objects.get(program__code="clair-intl-exchange-support")
    assert exchange.rate == Decimal("0.5")
    assert exchange.rate_text == "助成対象経費の1/2以内"
    assert exchange.confidence == "low" and exchange.uncertain
    kusanone = ProgramTerms.objects.get(program__code="jica-kusanone-chiiki-kasseika")
    assert (kusanone.cap_jpy, kusanone.duration_years, kusanone.confidence) == (60_000_000, 3, "high")


def test_terms_are_kept_by_fiscal_year(catalogue):
    program = Program.objects.get(code="moe-city-to-city")
    by_year = {t.fiscal_year: t for t in program.terms.all()}
    assert sorted(by_year) == [2020, 2022, 2024, 2026]
    assert by_year[2022].cap_jpy == 10_000_000  # R4 2次
    assert by_year[2024].cap_jpy == 20_000_000 and by_year[2026].cap_jpy == 20_000_000
    assert not by_year[2024].year_is_assumed
    assert program.terms_for(2023).fiscal_year == 2022
    assert program.terms_for(2025).fiscal_year == 2024


def test_undated_terms_are_marked_as_assumed(catalogue):
    terms = ProgramTerms.objects.get(program__code="jica-kusanone-partner")
    assert terms.fiscal_year == 2025 and terms.year_is_assumed


def test_recent_rounds_become_dated_windows_tied_to_their_year(catalogue):
    windows = ApplicationWindow.objects.filter(program__code="moe-city-to-city", kind="dated")
    r8 = windows.get(label="R8 1次")
    assert (r8.fiscal_year, r8.opens_on, r8.closes_on) == (2026, datetime.date(2026, 2, 2), datetime.date(2026, 2, 27))
    r6 = windows.get(label="R6 1次")
    assert "応募件数: 24、採択件数: 18" in r6.note  # the round's other facts, labelled in Japanese
    assert "Applied: 24" in r6.as_written  # and as the reference writes them
    tabunka = ApplicationWindow.objects.get(program__code="clair-tabunka-kyosei", label="R8 (2026)")
    assert (tabunka.opens_on, tabunka.closes_on, tabunka.confidence) == (
        datetime.date(2025, 7, 14), datetime.date(2025, 9, 30), "high",
    )
    jcm = ApplicationWindow.objects.filter(program__code="moe-jcm-equipment", kind="dated")
    assert sorted(w.closes_on.isoformat() for w in jcm) == ["2025-05-16", "2025-07-25", "2025-09-30"]


def test_typical_windows_naming_months_become_yearly_windows(catalogue):
    tabunka = ApplicationWindow.objects.get(program__code="clair-tabunka-kyosei", kind="recurring")
    assert (tabunka.open_month, tabunka.close_month, tabunka.close_day, tabunka.lead_years) == (7, 9, None, 1)
    model = ApplicationWindow.objects.get(program__code="clair-model-cooperation", kind="recurring")
    assert (model.open_month, model.close_month, model.close_day) == (None, 10, 31)
    assert model.uncertain  # "deadline around 31 Oct"
    assert ApplicationWindow.objects.get(program__code="jica-grant-aid-with-local-gov").kind == "rolling"
    # "April start; several review deadlines …": only the opening is known, so no yearly window.
    assert not ApplicationWindow.objects.filter(program__code="moe-jcm-equipment", kind="recurring").exists()


def test_uncertain_values_are_flagged_unconfirmed(catalogue):
    flags = dict(Program.objects.values_list("code", "unconfirmed"))
    assert "status" in flags["japan-foundation-exchange-grants"]
    assert "status" in flags["mhlw-water-intl-expansion"]
    assert "windows" in flags["jet-programme"]  # application: uncertain
    assert "eligible_applicants" in flags["mhlw-water-intl-expansion"]  # not given for an active programme
    # Reviewed with a source in data/coding.yaml: no longer unconfirmed.
    assert "eligible_applicants" not in flags["mofa-embassy-facilities"]
    assert "terms" in flags["jica-volunteers-renkei"]
    assert "region" in flags["moe-jcm-equipment"]  # JCM partner countries are not listed
    assert flags["moe-city-to-city"] == []
    assert ProgramTerms.objects.get(program__code="clair-model-cooperation").uncertain  # rate uncertain: true
    assert not ProgramTerms.objects.get(program__code="jica-kusanone-shien").uncertain


def test_applicants_fields_activities_and_regions_are_read_from_the_text(catalogue):
    get = Program.objects.get
    assert get(code="clair-tabunka-kyosei").eligible_applicants == [
        "prefecture", "designated_city", "city", "town_village", "intl_association", "ngo",
    ]
    assert get(code="japan-foundation-exchange-grants").eligible_applicants == ["ngo"]  # 地方公共団体 EXCLUDED
    assert get(code="mofa-grassroots-human-security").eligible_applicants == ["foreign_body", "ngo"]
    assert set(get(code="moe-city-to-city").fields.values_list("code", flat=True)) >= {"environment"}
    assert "water" in get(code="mhlw-water-intl-expansion").fields.values_list("code", flat=True)
    assert "multicultural" in get(code="clair-tabunka-kyosei").fields.values_list("code", flat=True)
    assert "trainee-acceptance" in get(code="clair-lgotp").activity_types.values_list("code", flat=True)
    expert = get(code="clair-expert-dispatch")
    assert expert.region_scope == "countries"
    assert {"CN", "VN", "TH"} <= set(expert.countries.values_list("code", flat=True))
    assert get(code="clair-tabunka-kyosei").region_scope == "domestic"
    assert get(code="jica-kusanone-partner").region_scope == "developing"
    model = get(code="clair-model-cooperation")
    assert model.excludes_double_funding and model.new_projects_only
    # "friendship visits, anniversary delegations, simple exchange", "survey-only projects"
    assert set(model.excluded_activity_types.values_list("code", flat=True)) == {"friendship-exchange", "survey"}
    assert "friendship-exchange" not in model.activity_types.values_list("code", flat=True)


def test_no_fact_of_the_file_is_lost(catalogue):
    program = Program.objects.get(code="moe-city-to-city")
    # Kept in Japanese, with the reference's English beside it.
    assert "実績: 13か国" in program.notes and "25件のJCMインフラ事業" in program.notes
    assert "Track record:" in program.notes_en and "25 JCM infrastructure projects" in program.notes_en
    assert len(program.sources) == 9 and program.sources[0]["note"] == "R8"
    assert Program.objects.get(code="jet-programme").links  # official sources are offered as links


@pytest.mark.parametrize(
    ("label", "year"),
    [("R6 (2024)", 2024), ("R8 1次", 2026), ("H29", 2017), ("FY2021 地域活性型", 2021), ("2025", 2025),
     ("R4 2次", 2022), ("市民青少年交流助成 (H22)", 2010), ("S46 (1971)", 1971), ("not a year", None)],
)
def test_round_labels_name_their_fiscal_year(label, year):
    assert year_of(label) == year


def test_window_status_of_the_seeded_catalogue_on_a_given_day(catalogue):
    tabunka = Program.objects.get(code="clair-tabunka-kyosei")
    assert tabunka.window_status(datetime.date(2025, 8, 1)) == WindowStatus.OPEN
    assert tabunka.window_status(datetime.date(2025, 11, 1)) == WindowStatus.UPCOMING  # the yearly window
    legacy = Program.objects.get(code="mofa-local-gov-subsidy-legacy")
    assert legacy.window_status(datetime.date(2025, 8, 1)) == WindowStatus.UNKNOWN
