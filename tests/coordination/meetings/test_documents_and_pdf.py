"""Documents attached to agenda items (size and type checked), and the 議事録 as a PDF with its Japanese text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tsunagu.coordination.meetings import forms
from tsunagu.coordination.meetings.models import AgendaDocument

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(client, item, name, content, title="資料1"):
    return client.post(
        reverse("coordination:meetings:document_create", args=[item.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


def test_coordinator_attaches_a_pdf_and_anyone_downloads_it(as_coordinator, as_viewer, agenda):
    response = _upload(as_coordinator, agenda[0], "keikaku.pdf", PDF)
    assert response.status_code == 302
    document = AgendaDocument.objects.get()
    assert document.size == len(PDF) and document.original_name == "keikaku.pdf"
    download = as_viewer.get(reverse("coordination:meetings:document", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("virus.exe", b"MZ\x90\x00", "添付できない種類のファイル"),
        ("fake.pdf", b"MZ\x90\x00", "PDF ファイルではありません"),
    ],
)
def test_bad_files_are_refused_with_a_message(as_coordinator, agenda, name, content, message):
    response = _upload(as_coordinator, agenda[0], name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AgendaDocument.all_objects.exists()


def test_too_large_file_is_refused(as_coordinator, agenda, monkeypatch):
    monkeypatch.setattr(forms, "MAX_DOCUMENT_BYTES", 10)
    response = _upload(as_coordinator, agenda[0], "big.pdf", PDF)
    assert response.status_code == 400
    assert "20MB までです" in response.content.decode()
    assert not AgendaDocument.all_objects.exists()


def test_editor_cannot_attach(as_water_editor, agenda):
    assert _upload(as_water_editor, agenda[0], "keikaku.pdf", PDF).status_code == 403


def test_minutes_pdf_has_the_japanese_text(as_viewer, past_meeting, agenda, decision, water_action):
    from pypdf import PdfReader

    response = as_viewer.get(reverse("coordination:meetings:sheet_pdf", args=[past_meeting.pk, "minutes"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "gijiroku" in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = "".join(text.split())
    for words in ("議事録", "国際協力部会第1回", "海防市との協力の進捗を報告した", "海防市への専門家派遣を継続する", "宿題事項"):
        assert words in compact, words
