"""The format documentation covers every key and sheet; the demo loads the catalogue."""

from pathlib import Path

from tsunagu.programs.models import Program
from tsunagu.programs.transfer.schema import SHEETS

DOC = Path(__file__).resolve().parents[2] / "docs" / "catalogue-format.md"


def test_the_format_documentation_names_every_sheet_and_key():
    text = DOC.read_text(encoding="utf-8")
    for sheet, (keys, _parents) in SHEETS.items():
        assert f"`{sheet}`" in text, sheet
        for key in keys:
            assert f"`{key.name}`" in text, (sheet, key.name)
            for value in key.allowed():
                assert f"`{value}`" in text, (sheet, key.name, value)


def test_load_demo_loads_the_catalogue_entered_by_the_coordinator(db):
    from tsunagu.demo.loader import load_demo

    report = load_demo()
    assert report.created["programmes"] == 24
    assert Program.objects.count() == 24
    program = Program.objects.get(code="clair-model-cooperation")
    assert program.history.get().history_user.username == "kokusai"
    assert program.provider.abbreviation == "CLAIR"  # the demo's organisation, not a second one
    again = load_demo()
    assert again.existing["programmes"] == 24 and again.created["programmes"] == 0
