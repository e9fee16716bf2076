"""Departments answer an inquiry in the form (rows of typed columns); only for their own department."""

import datetime

import pytest
from django.urls import reverse

from tests.htmlforms import forms_of
from tsunagu.coordination.circulars import actions
from tsunagu.coordination.circulars.models import Answer, AnswerRow, Recipient
from tsunagu.portfolio.models import Field

from .conftest import make_inquiry

pytestmark = pytest.mark.django_db


def _answer_url(inquiry, department):
    return reverse("coordination:circulars:answer", args=[inquiry.pk, department.pk])


def _fill(client, url, rows):
    """GET the answer page, fill its first rows as a person would, submit what it shows."""
    page = client.get(url)
    assert page.status_code == 200
    form = next(f for f in forms_of(page.content.decode()) if f.data().get("rows-TOTAL_FORMS"))
    data = {name: values[0] if len(values) == 1 else values for name, values in form.data().items()}
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"rows-{index}-{name}"] = value
    return client.post(url, data)


def _cols(inquiry):
    return {c.label: f"c{c.pk}" for c in inquiry.columns.all()}


def test_editor_answers_with_rows_in_the_form(inquiry, water_bureau, water_editor, as_water_editor):
    c = _cols(inquiry)
    environment = Field.objects.get(code="environment")
    response = _fill(as_water_editor, _answer_url(inquiry, water_bureau), [
        {c["事業名"]: "ハイフォン市水道技術協力", c["予算額"]: "12000000", c["開始日"]: "2027-04-01",
         c["区分"]: "継続", c["JICA活用"]: "yes", c["分野"]: str(environment.pk)},
        {c["事業名"]: "カンボジア研修受入", c["予算額"]: "3000000"},
    ])
    assert response.status_code == 302, response.content.decode()[:2000]
    answer = Answer.objects.get(department=water_bureau)
    assert answer.submitted_by == water_editor
    rows = list(answer.rows.all())
    assert len(rows) == 2
    first = rows[0]
    columns = {col.label: col for col in inquiry.columns.all()}
    assert first.typed(columns["事業名"]) == "ハイフォン市水道技術協力"
    assert first.typed(columns["予算額"]) == 12_000_000
    assert first.typed(columns["開始日"]) == datetime.date(2027, 4, 1)
    assert first.typed(columns["JICA活用"]) is True
    assert first.typed(columns["分野"]) == environment.pk
    assert Recipient.objects.get(department=water_bureau).answered_at is not None
    assert answer.history.first().history_user == water_editor


def test_the_answer_page_shows_the_saved_rows_for_a_correction(inquiry, water_bureau, as_water_editor):
    c = _cols(inquiry)
    _fill(as_water_editor, _answer_url(inquiry, water_bureau), [{c["事業名"]: "最初の案"}])
    response = _fill(as_water_editor, _answer_url(inquiry, water_bureau), [{c["事業名"]: "修正した案"}])
    assert response.status_code == 302
    assert [r.values for r in AnswerRow.objects.all()] == [{str(inquiry.columns.get(label="事業名").pk): "修正した案"}]


def test_bad_values_are_refused_with_a_message_and_nothing_written(inquiry, water_bureau, as_water_editor):
    c = _cols(inquiry)
    response = _fill(as_water_editor, _answer_url(inquiry, water_bureau), [
        {c["事業名"]: "", c["予算額"]: "たくさん", c["開始日"]: "2027-13-40"},
    ])
    assert response.status_code == 400
    page = response.content.decode()
    assert "errorlist" in page
    assert "整数" in page or "数値" in page
    assert not Answer.objects.exists()
    assert Recipient.objects.get(department=water_bureau).answered_at is None


def test_another_departments_answer_cannot_be_read_or_written(inquiry, water_bureau, env_bureau, as_water_editor, as_env_editor):
    c = _cols(inquiry)
    _fill(as_env_editor, _answer_url(inquiry, env_bureau), [{c["事業名"]: "環境局の事業"}])
    url = _answer_url(inquiry, env_bureau)
    assert as_water_editor.get(url).status_code == 403
    excel_url = reverse("coordination:circulars:answer_excel", args=[inquiry.pk, env_bureau.pk])
    assert as_water_editor.get(excel_url).status_code == 403
    response = as_water_editor.post(url, {
        "rows-TOTAL_FORMS": "1", "rows-INITIAL_FORMS": "0", f"rows-0-{c['事業名']}": "乗っ取り",
    })
    assert response.status_code == 403
    upload = reverse("coordination:circulars:answer_upload", args=[inquiry.pk, env_bureau.pk])
    assert as_water_editor.post(upload, {}).status_code == 403
    assert [r.values for r in AnswerRow.objects.all()] == [{c["事業名"][1:]: "環境局の事業"}]
    # Nor through the merged table, which is the coordinator's.
    assert as_water_editor.get(reverse("coordination:circulars:merged", args=[inquiry.pk])).status_code == 403


def test_a_department_that_was_not_asked_cannot_answer(coordinator, water_bureau, env_bureau, as_env_editor):
    inquiry = make_inquiry(coordinator, [water_bureau])
    assert as_env_editor.get(_answer_url(inquiry, env_bureau)).status_code == 404
    assert as_env_editor.get(inquiry.get_absolute_url()).status_code == 404


def test_viewer_cannot_answer(inquiry, water_bureau, as_viewer):
    assert as_viewer.get(_answer_url(inquiry, water_bureau)).status_code in (403, 404)


def test_questions_format_takes_one_answer(coordinator, water_bureau, as_water_editor):
    inquiry = make_inquiry(coordinator, [water_bureau], table=False)
    c = _cols(inquiry)
    response = _fill(as_water_editor, _answer_url(inquiry, water_bureau), [{c["事業名"]: "一件のみ", c["JICA活用"]: "no"}])
    assert response.status_code == 302
    row = AnswerRow.objects.get()
    assert row.typed(inquiry.columns.get(label="JICA活用")) is False


def test_coordinator_creates_an_inquiry_with_columns_through_the_page(as_coordinator, coordinator, water_bureau):
    url = reverse("coordination:circulars:create") + "?kind=inquiry"
    page = as_coordinator.get(url)
    form = next(f for f in forms_of(page.content.decode()) if f.method == "post" and "columns-TOTAL_FORMS" in f.data())
    data = {name: values[0] if len(values) == 1 else values for name, values in form.data().items()}
    data.update({
        "title": "受入可能な研修員", "deadline": "2026-12-20", "targeting": "picked",
        "departments": [str(water_bureau.pk)],
        "columns-0-label": "研修テーマ", "columns-0-type": "text",
        "columns-1-label": "人数", "columns-1-type": "number",
        "columns-2-label": "時期", "columns-2-type": "choice", "columns-2-choices": "",
    })
    response = as_coordinator.post(url, data)
    assert response.status_code == 400  # a choice column without choices
    assert "選択肢" in response.content.decode() or "choices" in response.content.decode()
    data["columns-2-choices"] = "上期\n下期"
    response = as_coordinator.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    from tsunagu.coordination.circulars.models import Circular

    inquiry = Circular.objects.get()
    assert inquiry.is_inquiry
    assert [c.label for c in inquiry.columns.all()] == ["研修テーマ", "人数", "時期"]


def test_an_inquiry_without_a_deadline_is_refused(as_coordinator, water_bureau):
    response = as_coordinator.post(reverse("coordination:circulars:create"), {
        "kind": "inquiry", "title": "期限なし", "targeting": "picked", "departments": [water_bureau.pk],
        "answer_format": "table", "columns-TOTAL_FORMS": "0", "columns-INITIAL_FORMS": "0",
    })
    assert response.status_code == 400
    from tsunagu.coordination.circulars.models import Circular

    assert not Circular.objects.exists()


def test_an_answer_changed_meanwhile_is_not_overwritten(inquiry, water_bureau, water_editor, as_water_editor):
    from tsunagu.coordination.circulars import actions

    c = _cols(inquiry)
    url = _answer_url(inquiry, water_bureau)
    _fill(as_water_editor, url, [{c["事業名"]: "最初の回答"}])
    stale = as_water_editor.get(url)  # a second tab opens the answer
    actions.save_answer(Recipient.objects.get(department=water_bureau),
                        [{inquiry.columns.get(label="事業名").pk: "別の人の修正"}], acting_user=water_editor)
    form = next(f for f in forms_of(stale.content.decode()) if f.data().get("rows-TOTAL_FORMS"))
    data = {name: values[0] if len(values) == 1 else values for name, values in form.data().items()}
    data[f"rows-0-{c['事業名']}"] = "古い画面からの上書き"
    response = as_water_editor.post(url, data)
    assert response.status_code == 400
    assert "他の職員がこの記録を保存しました" in response.content.decode()
    assert [r.values for r in AnswerRow.objects.all()] == [{c["事業名"][1:]: "別の人の修正"}]


def test_the_inquiry_reads_in_english(inquiry, as_water_editor):
    as_water_editor.cookies["django_language"] = "en"
    page = as_water_editor.get(inquiry.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Answer deadline" in page or "回答期限" in page


def test_a_circular_for_information_has_no_answer_pages(notice, coordinator, water_bureau, as_water_editor):
    """Not a server error: the answer, Excel and upload addresses of a notice are simply not there."""
    actions.send_circular(notice, acting_user=coordinator)
    for name in ("answer", "answer_excel"):
        url = reverse(f"coordination:circulars:{name}", args=[notice.pk, water_bureau.pk])
        assert as_water_editor.get(url).status_code == 404
    upload = reverse("coordination:circulars:answer_upload", args=[notice.pk, water_bureau.pk])
    assert as_water_editor.post(upload, {}).status_code == 404



def test_a_draft_changed_meanwhile_is_not_overwritten(coordinator, water_bureau, env_bureau, as_coordinator):
    """Two tabs open the same draft; the stale tab's 保存 is refused in Japanese and writes nothing."""
    draft = make_inquiry(coordinator, [water_bureau], send=False)
    url = reverse("coordination:circulars:edit", args=[draft.pk])
    stale = as_coordinator.get(url)
    draft.title = "別の人が直した件名"
    actions.save_circular(draft, acting_user=coordinator, m2m={}, seen_version=draft.version)
    form = next(f for f in forms_of(stale.content.decode()) if f.method == "post" and "title" in f.data())
    data = {name: values[0] if len(values) == 1 else values for name, values in form.data().items()}
    data["title"] = "古い画面からの件名"
    data["departments"] = [str(env_bureau.pk)]
    response = as_coordinator.post(url, data)
    assert response.status_code == 400
    assert "他の職員がこの記録を保存しました" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "別の人が直した件名"
    assert list(draft.departments.all()) == [water_bureau]
