"""A 年度 typed in a catalogue form or given in a catalogue file: the same rules and the same message.

Only era years that existed (no 昭和64年度; 平成31年度 is FY2019) and years from 昭和2年度 to
30 years after the current 年度 are accepted (``tsunagu.core.fiscal.accepted_years``).
"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.formpage import form_values
from tsunagu.core.fiscal import parse_fiscal_year
from tsunagu.programs.models import ProgramTerms
from tsunagu.programs.transfer.importer import plan_from_file

from .helpers import column, row_of, workbook_bytes
from .test_transfer_errors import by_code, messages, yaml_with

REFUSED = ["S64", "昭和64年度", "H32", "R99", "令和100年度", "2199"]


def expected_message(text: str) -> str:
    with translation.override("ja"), pytest.raises(ValueError) as error:
        parse_fiscal_year(text)
    return str(error.value)


@pytest.mark.parametrize("typed", REFUSED)
def test_the_terms_form_refuses_years_that_never_were_or_are_out_of_range(make, as_coordinator, typed):
    program = make("fy1")
    url = reverse("programs:terms_create", args=["fy1"])
    data = form_values(as_coordinator.get(url).content.decode(), action=url)
    data["fiscal_year"] = typed
    response = as_coordinator.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert expected_message(typed) in page
    assert not ProgramTerms.objects.filter(program=program).exists()


@pytest.mark.parametrize(("typed", "year"), [("平成31年度", 2019), ("H31", 2019), ("S63", 1988), ("令和元", 2019)])
def test_the_terms_form_takes_era_years_that_existed(make, as_coordinator, typed, year):
    program = make("fy2")
    url = reverse("programs:terms_create", args=["fy2"])
    data = form_values(as_coordinator.get(url).content.decode(), action=url)
    data["fiscal_year"] = typed
    # The empty form shows "[]" for the cap variants, which it then refuses: the "forms" branch fixes that.
    data["cap_variants"] = ""
    response = as_coordinator.post(url, data)
    page = response.content.decode()
    assert response.status_code == 302, page[page.find("<main"):][:3000]
    assert program.terms.get().fiscal_year == year


def test_the_window_form_refuses_showa_64(make, as_coordinator):
    make("fy3")
    url = reverse("programs:window_create", args=["fy3"])
    data = form_values(as_coordinator.get(url).content.decode(), action=url)
    data.update(fiscal_year="S64", kind="rolling")
    response = as_coordinator.post(url, data)
    assert response.status_code == 400
    assert "昭和64年度はありません" in response.content.decode()


@pytest.mark.parametrize("given", REFUSED)
def test_a_catalogue_workbook_names_the_cell_and_gives_the_form_message(catalogue, given):
    def edit(workbook):
        sheet = workbook["terms"]
        sheet.cell(row_of(sheet, "jica-biz"), column(sheet, "fiscal_year")).value = given

    plan = plan_from_file(workbook_bytes(edit), "catalogue.xlsx")
    # (its cap variants, on their own sheet, then point to a year without terms: reported too)
    (message,) = [m for m in messages(plan) if m.startswith("シート「terms」")]
    assert "行目" in message and "列（fiscal_year）" in message
    assert message.endswith(expected_message(given))
    assert not plan.ok


def test_a_catalogue_yaml_refuses_a_year_given_as_a_number_beyond_the_range(catalogue):
    def change(document):
        by_code(document, "jet-programme")["windows"] = [{"kind": "rolling", "fiscal_year": 2199}]

    plan = plan_from_file(yaml_with(change), "catalogue.yaml")
    (message,) = messages(plan)
    assert message.startswith("支援メニュー「jet-programme」 windows[1].fiscal_year")
    assert message.endswith(expected_message("2199"))


def test_a_catalogue_yaml_takes_heisei_31(catalogue):
    def change(document):
        by_code(document, "jet-programme")["windows"] = [{"kind": "rolling", "fiscal_year": "平成31年度"}]

    plan = plan_from_file(yaml_with(change), "catalogue.yaml")
    assert plan.ok, messages(plan)
