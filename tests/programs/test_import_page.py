"""The import page: upload → preview of new / changed / unchanged → confirm; all or nothing."""

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tsunagu.programs.models import Program
from tsunagu.programs.transfer.export import export_yaml

from .helpers import column, row_of, workbook_bytes

IMPORT = reverse("programs:import")
CONFIRM = reverse("programs:import_confirm")


def upload(client, data: bytes, name: str):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data)})


def changed_yaml() -> bytes:
    document = yaml.safe_load(export_yaml())
    assert document["programs"][0]["code"] == "clair-advisor-dispatch"
    document["programs"][0]["contact"] = "国際政策課 内線1234"
    document["programs"].append(
        {"code": "city-new-fund", "name_ja": "新しい基金", "provider": "北九州国際交流協会", "provider_kind": "ngo"}
    )
    return yaml.safe_dump(document, allow_unicode=True).encode()


def test_upload_previews_then_confirm_writes(catalogue, as_coordinator, coordinator):
    response = upload(as_coordinator, changed_yaml(), "catalogue.yaml")
    assert response.status_code == 200
    text = response.content.decode()
    assert "新規1件、変更1件、変更なし23件" in text
    assert "問い合わせ先" in text  # the changed key, by its label
    assert "北九州国際交流協会" in text  # a provider to be created
    assert not Program.objects.filter(code="city-new-fund").exists()  # nothing written yet

    response = as_coordinator.post(CONFIRM, {"fingerprint": response.context["plan"].fingerprint()})
    assert response.status_code == 302
    assert Program.objects.get(code="city-new-fund").provider.kind == "ngo"
    assert Program.objects.get(code="clair-advisor-dispatch").contact == "国際政策課 内線1234"
    assert Program.objects.get(code="city-new-fund").history.get().history_user == coordinator


def test_a_bad_workbook_lists_errors_with_their_cells_and_writes_nothing(catalogue, as_coordinator):
    def edit(workbook):
        sheet = workbook["windows"]
        sheet.cell(row_of(sheet, "moe-city-to-city"), column(sheet, "closes_on")).value = "来年の2月"

    response = upload(as_coordinator, workbook_bytes(edit), "catalogue.xlsx")
    assert response.status_code == 400
    text = response.content.decode()
    assert "ファイルは取り込まれていません" in text
    assert "シート「windows」" in text and "列（closes_on）" in text and "「来年の2月」は日付ではありません" in text
    assert as_coordinator.post(CONFIRM, {"fingerprint": "x"}).status_code == 302  # nothing waiting


def test_a_change_made_after_the_preview_stops_the_import(catalogue, as_coordinator):
    response = upload(as_coordinator, changed_yaml(), "catalogue.yaml")
    fingerprint = response.context["plan"].fingerprint()
    program = Program.objects.get(code="clair-advisor-dispatch")
    program.notes = "他の人の編集"
    program.version += 1
    program.save()
    response = as_coordinator.post(CONFIRM, {"fingerprint": fingerprint})
    assert response.status_code == 409
    assert "確認画面の表示後に支援メニューが変更された" in response.content.decode()
    assert not Program.objects.filter(code="city-new-fund").exists()
    program.refresh_from_db()
    assert program.notes == "他の人の編集" and program.contact == ""
    # The new preview can be confirmed.
    response = as_coordinator.post(CONFIRM, {"fingerprint": response.context["plan"].fingerprint()})
    assert response.status_code == 302
    assert Program.objects.filter(code="city-new-fund").exists()


def test_an_unchanged_file_offers_nothing_to_confirm(catalogue, as_coordinator):
    response = upload(as_coordinator, export_yaml(), "catalogue.yaml")
    assert "このファイルで変わる内容はありません" in response.content.decode()


def test_an_oversized_upload_is_refused_by_the_form(catalogue, as_coordinator, settings):
    from tsunagu.programs.transfer import readers

    response = upload(as_coordinator, b"x" * (readers.MAX_FILE_BYTES + 1), "catalogue.yaml")
    assert response.status_code == 400
    assert "ファイルが大きすぎます" in response.content.decode()
