"""Export → import gives back the same catalogue, as YAML and as Excel; changes are previewed."""

import pytest
import yaml

from tsunagu.partners.models import Organisation
from tsunagu.programs.models import ApplicationWindow, Program, ProgramTerms
from tsunagu.programs.transfer.export import catalogue_dicts, export_excel, export_yaml
from tsunagu.programs.transfer.importer import CHANGED, NEW, UNCHANGED, apply_plan, plan_from_file

from .helpers import column, row_of, workbook_bytes


def snapshot() -> list[dict]:
    return catalogue_dicts()


@pytest.mark.parametrize(("export", "name"), [(export_yaml, "c.yaml"), (export_excel, "c.xlsx")])
def test_an_export_imports_back_as_unchanged(catalogue, export, name):
    plan = plan_from_file(export(), name)
    assert plan.ok, plan.issues
    assert plan.counts == {UNCHANGED: 24}
    assert not plan.not_in_file


@pytest.mark.parametrize(("export", "name"), [(export_yaml, "c.yaml"), (export_excel, "c.xlsx")])
def test_an_export_recreates_the_catalogue_in_an_empty_database(catalogue, coordinator, export, name):
    data, before = export(), snapshot()
    ProgramTerms.objects.all().delete()
    ApplicationWindow.objects.all().delete()
    Program.all_objects.all().delete()
    Organisation.objects.filter(name_ja__in=["国際交流基金", "厚生労働省"]).delete()
    plan = plan_from_file(data, name)
    assert plan.counts == {NEW: 24}
    assert set(plan.new_providers) == {"国際交流基金", "厚生労働省"}
    done = apply_plan(plan, acting_user=coordinator)
    assert done[NEW] == 24
    assert snapshot() == before


def test_the_yaml_export_is_readable_and_documented(catalogue):
    text = export_yaml().decode("utf-8")
    assert text.startswith("# tsunagu support-programme catalogue")
    document = yaml.safe_load(text)
    assert document["format"] == "tsunagu-programs" and document["version"] == 1
    tabunka = next(p for p in document["programs"] if p["code"] == "clair-tabunka-kyosei")
    assert tabunka["name_ja"] == "多文化共生のまちづくり促進事業"  # Japanese as is, not escaped
    assert tabunka["terms"][0]["cap_jpy"] == 4_000_000


def test_a_changed_cell_is_previewed_then_written_with_history(catalogue, coordinator):
    def edit(workbook):
        sheet = workbook["terms"]
        row = row_of(sheet, "jica-biz")
        sheet.cell(row, column(sheet, "cap_jpy")).value = 45_000_000
        programs = workbook["programs"]
        programs.cell(row_of(programs, "jica-biz"), column(programs, "contact")).value = "JICA九州"

    plan = plan_from_file(workbook_bytes(edit), "c.xlsx")
    assert plan.counts == {UNCHANGED: 23, CHANGED: 1}
    change = plan.of_kind(CHANGED)[0]
    assert change.code == "jica-biz" and change.changed_keys == ["contact", "terms"]
    apply_plan(plan, acting_user=coordinator)
    program = Program.objects.get(code="jica-biz")
    assert program.contact == "JICA九州"
    assert program.terms.get(fiscal_year=2025).cap_jpy == 45_000_000
    assert program.version == 2
    assert program.history.first().history_user == coordinator
    assert program.terms.get().history.first().history_user == coordinator


def test_yaml_edits_replace_windows_and_keep_programmes_not_in_the_file(catalogue, coordinator):
    document = yaml.safe_load(export_yaml())
    kept = [p for p in document["programs"] if p["code"] != "jet-programme"]
    moe = next(p for p in kept if p["code"] == "moe-city-to-city")
    moe["windows"] = [w for w in moe["windows"] if w.get("label") != "R2"]
    moe["windows"].append({"kind": "dated", "fiscal_year": "R9", "label": "R9 1次", "closes_on": "2027-02-26"})
    document["programs"] = kept
    plan = plan_from_file(yaml.safe_dump(document, allow_unicode=True).encode(), "c.yaml")
    assert plan.ok, plan.issues
    assert plan.not_in_file == ["jet-programme"]
    assert [c.code for c in plan.of_kind(CHANGED)] == ["moe-city-to-city"]
    apply_plan(plan, acting_user=coordinator)
    labels = set(ApplicationWindow.objects.filter(program__code="moe-city-to-city").values_list("label", flat=True))
    assert "R2" not in labels and "R9 1次" in labels
    assert ApplicationWindow.objects.get(label="R9 1次").fiscal_year == 2027
    assert Program.objects.filter(code="jet-programme").exists()


def test_the_command_line_exports_and_imports(catalogue, coordinator, tmp_path, capsys):
    from django.core.management import call_command

    target = tmp_path / "catalogue.xlsx"
    call_command("export_programs", str(target))
    call_command("import_programs", str(target))
    assert "0 new, 0 changed, 24 unchanged." in capsys.readouterr().out
    document = yaml.safe_load(export_yaml())
    document["programs"][0]["contact"] = "担当: 国際政策課"
    changed = tmp_path / "catalogue.yaml"
    changed.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    call_command("import_programs", str(changed), "--apply", "--user", "coordinator")
    assert "1 changed" in capsys.readouterr().out
    assert Program.objects.get(code=document["programs"][0]["code"]).contact == "担当: 国際政策課"
