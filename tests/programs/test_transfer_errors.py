"""Bad catalogue files: every problem in Japanese with its place in the file, and nothing written."""

import copy
import io
import zipfile

import pytest
import yaml
from django.apps import apps

from tsunagu.programs.transfer.export import export_yaml
from tsunagu.programs.transfer.importer import ImportRefused, apply_plan, plan_from_file
from tsunagu.programs.transfer.readers import MAX_FILE_BYTES

from .helpers import column, row_of, workbook_bytes


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for label in ("programs", "partners")
        for model in apps.get_app_config(label).get_models()
    }


def messages(plan) -> list[str]:
    return [str(issue) for issue in plan.issues]


def yaml_with(change) -> bytes:
    document = yaml.safe_load(export_yaml())
    change(document)
    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8")


def by_code(document, code):
    return next(p for p in document["programs"] if p["code"] == code)


@pytest.fixture
def unchanged(catalogue, coordinator):
    """After the test: nothing was written, and a bad plan cannot be applied."""
    before = row_counts()
    yield
    assert row_counts() == before


def refuse(plan, coordinator):
    assert not plan.ok
    with pytest.raises(ImportRefused):
        apply_plan(plan, acting_user=coordinator)


def test_a_wrong_type_in_a_workbook_is_located_by_sheet_row_and_column(unchanged, coordinator):
    def edit(workbook):
        sheet = workbook["terms"]
        sheet.cell(row_of(sheet, "jica-biz"), column(sheet, "cap_jpy")).value = "三百万円"

    plan = plan_from_file(workbook_bytes(edit), "catalogue.xlsx")
    (message,) = messages(plan)
    assert message.startswith("シート「terms」")
    assert "行目" in message and "列（cap_jpy）" in message
    assert "「三百万円」は整数ではありません" in message
    refuse(plan, coordinator)


def test_unknown_values_and_codes_are_named_with_the_allowed_ones(unchanged, coordinator):
    def edit(workbook):
        sheet = workbook["programs"]
        row = row_of(sheet, "jica-biz")
        sheet.cell(row, column(sheet, "funding_forms")).value = "grant, subsidy"
        sheet.cell(row, column(sheet, "fields")).value = "environment, space"
        sheet.cell(row, column(sheet, "countries")).value = "VN, XX"
        sheet.cell(row, column(sheet, "status")).value = "open"

    plan = plan_from_file(workbook_bytes(edit), "catalogue.xlsx")
    text = "\n".join(messages(plan))
    assert len(plan.issues) == 4
    assert "（funding_forms）" in text and "「subsidy」" in text and "grant, commission, in_kind" in text
    assert "（fields）" in text and "「space」" in text
    assert "（countries）" in text and "「XX」" in text
    assert "（status）" in text and "「open」" in text
    refuse(plan, coordinator)


def test_an_unknown_excluded_activity_type_is_refused_in_yaml(unchanged, coordinator):
    def change(document):
        by_code(document, "clair-model-cooperation")["excluded_activity_types"] = ["friendship-exchange", "party"]

    plan = plan_from_file(yaml_with(change), "catalogue.yaml")
    (message,) = messages(plan)
    assert "excluded_activity_types" in message and "「party」" in message
    refuse(plan, coordinator)


def test_an_activity_type_both_funded_and_excluded_is_refused_in_a_workbook(unchanged, coordinator):
    def edit(workbook):
        sheet = workbook["programs"]
        row = row_of(sheet, "jica-biz")
        sheet.cell(row, column(sheet, "activity_types")).value = "survey, business-development"
        sheet.cell(row, column(sheet, "excluded_activity_types")).value = "survey"

    plan = plan_from_file(workbook_bytes(edit), "catalogue.xlsx")
    (message,) = messages(plan)
    assert "列（excluded_activity_types）" in message and "survey" in message and "両方に" in message
    refuse(plan, coordinator)


def test_duplicate_codes_name_both_places(unchanged, coordinator):
    def edit(document):
        document["programs"].append(copy.deepcopy(by_code(document, "jica-biz")))

    plan = plan_from_file(yaml_with(edit), "catalogue.yaml")
    (message,) = messages(plan)
    assert message.startswith("支援メニュー「jica-biz」 code")
    assert "重複" in message and "最初は" in message
    refuse(plan, coordinator)


def test_duplicate_terms_years_and_missing_required_values(unchanged, coordinator):
    def edit(document):
        moe = by_code(document, "moe-city-to-city")
        moe["terms"].append({"fiscal_year": "R8", "cap_jpy": 1})
        del by_code(document, "jica-biz")["name_ja"]
        by_code(document, "jet-programme")["windows"] = [{"kind": "dated", "fiscal_year": 2025}]
        document["programs"].append({"name_ja": "コードのない事業", "provider": "環境省"})

    plan = plan_from_file(yaml_with(edit), "catalogue.yaml")
    text = messages(plan)
    assert any(m.startswith("支援メニュー「moe-city-to-city」 terms[5].fiscal_year") and "二重" in m for m in text)
    assert any(m.startswith("支援メニュー「jica-biz」 name_ja") and "必須" in m for m in text)
    assert any(m.startswith("支援メニュー「jet-programme」 windows[1].closes_on") for m in text)
    assert any(m.startswith("25件目の支援メニュー code") and "必須" in m for m in text)
    refuse(plan, coordinator)


def test_unknown_keys_sheets_and_columns_are_errors(unchanged, coordinator):
    def edit_yaml(document):
        by_code(document, "jica-biz")["budget"] = 1

    plan = plan_from_file(yaml_with(edit_yaml), "catalogue.yaml")
    assert messages(plan) == ["支援メニュー「jica-biz」 budget: 不明なキー「budget」です。"]

    def edit_workbook(workbook):
        workbook.create_sheet("memo")
        sheet = workbook["windows"]
        sheet.cell(1, sheet.max_column + 1).value = "deadline"

    plan = plan_from_file(workbook_bytes(edit_workbook), "catalogue.xlsx")
    text = messages(plan)
    assert any(m.startswith("シート「memo」") for m in text)
    assert any(m.startswith("シート「windows」 1行目") and "deadline" in m for m in text)


def test_a_yaml_file_in_shift_jis_is_refused_with_a_hint(unchanged, coordinator):
    data = export_yaml().decode("utf-8").encode("shift_jis", errors="replace")
    plan = plan_from_file(data, "catalogue.yaml")
    (message,) = messages(plan)
    assert message.startswith("ファイル: ") and "UTF-8" in message and "Shift_JIS" in message
    refuse(plan, coordinator)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"this is not a workbook", "catalogue.xlsx", "Excelブック（.xlsx）ではありません"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "catalogue.xls", "古い形式のExcelファイル（.xls）"),
        (None, "catalogue.xlsx", "Excelブック（.xlsx）ではない"),
        (b"programs: [1, 2", "catalogue.yaml", "YAMLとして正しくありません"),
        (b"- just\n- a list\n", "catalogue.yaml", "「programs」"),
        (b"schema_version: 1\nprograms: []\n", "catalogue.yaml", "load_programs"),
        (b"programs:\n- &a {code: x}\n- *a\n", "catalogue.yaml", "アンカーとエイリアス"),
        (b"   \n", "catalogue.yaml", "ファイルが空です"),
    ],
    ids=["not-a-workbook", "old-xls", "zip-but-not-xlsx", "broken-yaml", "yaml-list", "reference-file", "aliases", "empty"],
)
def test_unreadable_files_are_refused_in_japanese(unchanged, coordinator, data, name, expected):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "not a workbook")
        data = buffer.getvalue()
    plan = plan_from_file(data, name)
    (message,) = messages(plan)
    assert expected in message, message
    refuse(plan, coordinator)


def test_a_huge_file_is_refused_before_it_is_read(unchanged, coordinator):
    data = b"# padding\n" * (MAX_FILE_BYTES // 10 + 1)
    plan = plan_from_file(data, "catalogue.yaml")
    (message,) = messages(plan)
    assert "ファイルが大きすぎます" in message and "5 MB" in message


def test_a_workbook_that_unpacks_to_a_huge_size_is_refused(unchanged, coordinator):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (70 * 1024 * 1024))
    plan = plan_from_file(buffer.getvalue(), "catalogue.xlsx")
    (message,) = messages(plan)
    assert "展開" in message


def test_model_rules_are_checked_too(unchanged, coordinator):
    def edit(document):
        terms = by_code(document, "clair-tabunka-kyosei")["terms"][0]
        terms["min_jpy"] = 9_000_000  # above the cap
        by_code(document, "jica-biz")["terms"][0]["rate"] = "3/2"
        by_code(document, "jet-programme")["windows"] = [
            {"kind": "dated", "fiscal_year": 2025, "opens_on": "2025-09-01", "closes_on": "2025-08-01"}
        ]

    text = messages(plan_from_file(yaml_with(edit), "catalogue.yaml"))
    assert any("terms[1].min_jpy" in m for m in text)
    assert any("terms[1].rate" in m and "0から1" in m for m in text)
    assert any("windows[1].closes_on" in m for m in text)


def test_errors_in_several_places_are_all_reported_at_once(unchanged, coordinator):
    def edit(workbook):
        terms = workbook["terms"]
        for code in ("jica-biz", "moe-jcm-equipment", "clair-lgotp"):
            terms.cell(row_of(terms, code), column(terms, "confidence")).value = "certain"

    assert len(plan_from_file(workbook_bytes(edit), "catalogue.xlsx").issues) == 3
