"""The Excel round trip, the merged table, and answer rows turned into draft projects."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tsunagu.coordination.circulars import actions
from tsunagu.coordination.circulars.models import Answer, AnswerRow, Recipient
from tsunagu.portfolio.models import BudgetLine, Project

from .conftest import make_inquiry

pytestmark = pytest.mark.django_db


def _download(client, inquiry, department):
    response = client.get(reverse("coordination:circulars:answer_excel", args=[inquiry.pk, department.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _upload(client, inquiry, department, workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "answer.xlsx"
    return client.post(
        reverse("coordination:circulars:answer_upload", args=[inquiry.pk, department.pk]), {"file": buffer}
    )


def test_excel_round_trip(inquiry, env_bureau, env_editor, as_env_editor):
    workbook = _download(as_env_editor, inquiry, env_bureau)
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == ["事業名*", "予算額", "開始日", "区分", "JICA活用", "分野"]
    sheet.append(["大連市 大気環境改善", 5_000_000, datetime.date(2027, 6, 1), "新規", "はい", "環境"])
    sheet.append(["スラバヤ市 廃棄物", "2,500,000", "2027/10/1", "継続", "いいえ", None])
    response = _upload(as_env_editor, inquiry, env_bureau, workbook)
    assert response.status_code == 302, response.content.decode()[:3000]
    answer = Answer.objects.get(department=env_bureau)
    assert answer.via_excel and answer.submitted_by == env_editor
    columns = {c.label: c for c in inquiry.columns.all()}
    rows = list(answer.rows.all())
    assert [r.typed(columns["予算額"]) for r in rows] == [5_000_000, 2_500_000]
    assert rows[1].typed(columns["開始日"]) == datetime.date(2027, 10, 1)
    assert [r.typed(columns["JICA活用"]) for r in rows] == [True, False]
    # Downloading again gives back what was answered.
    again = _download(as_env_editor, inquiry, env_bureau).worksheets[0]
    assert again.cell(row=2, column=1).value == "大連市 大気環境改善"
    assert again.cell(row=3, column=5).value == "いいえ"


def test_a_bad_file_lists_every_error_with_row_and_column_and_writes_nothing(inquiry, env_bureau, as_env_editor):
    actions_count = Answer.objects.count()
    workbook = _download(as_env_editor, inquiry, env_bureau)
    sheet = workbook.worksheets[0]
    sheet.append([None, "五百万円", "来年", "未定", "たぶん", "宇宙"])
    sheet.append(["正しい行", 100, "2027-04-01", "新規", "はい", "環境"])
    response = _upload(as_env_editor, inquiry, env_bureau, workbook)
    assert response.status_code == 400
    page = response.content.decode()
    for expected in (
        "2行目 A列（事業名）", "2行目 B列（予算額）", "2行目 C列（開始日）", "2行目 D列（区分）",
        "2行目 E列（JICA活用）", "2行目 F列（分野）",
    ):
        assert expected in page, expected
    assert "3行目" not in page
    assert Answer.objects.count() == actions_count
    assert not AnswerRow.objects.exists()
    assert Recipient.objects.get(department=env_bureau).answered_at is None


def test_a_bad_file_leaves_an_earlier_answer_as_it_was(inquiry, env_bureau, as_env_editor):
    workbook = _download(as_env_editor, inquiry, env_bureau)
    workbook.worksheets[0].append(["最初の回答", 1, None, None, None, None])
    assert _upload(as_env_editor, inquiry, env_bureau, workbook).status_code == 302
    workbook = _download(as_env_editor, inquiry, env_bureau)
    workbook.worksheets[0].append(["二行目", "abc", None, None, None, None])
    assert _upload(as_env_editor, inquiry, env_bureau, workbook).status_code == 400
    assert AnswerRow.objects.count() == 1


@pytest.mark.parametrize("content", [b"not an excel file", b""])
def test_a_file_that_is_not_excel_is_refused(inquiry, env_bureau, as_env_editor, content):
    buffer = io.BytesIO(content)
    buffer.name = "answer.xlsx"
    response = as_env_editor.post(
        reverse("coordination:circulars:answer_upload", args=[inquiry.pk, env_bureau.pk]), {"file": buffer}
    )
    assert response.status_code == 400
    assert 'data-testid="upload-errors"' in response.content.decode()
    assert not Answer.objects.exists()


def test_the_form_of_another_inquiry_is_refused(coordinator, inquiry, env_bureau, water_bureau, as_env_editor):
    other = make_inquiry(coordinator, [env_bureau])
    workbook = _download(as_env_editor, other, env_bureau)
    workbook.worksheets[0].append(["別の照会", 1, None, None, None, None])
    response = _upload(as_env_editor, inquiry, env_bureau, workbook)
    assert response.status_code == 400
    assert "別の照会" in response.content.decode() or "another inquiry" in response.content.decode()
    assert not Answer.objects.exists()


def test_changed_headings_are_refused(inquiry, env_bureau, as_env_editor):
    workbook = _download(as_env_editor, inquiry, env_bureau)
    workbook.worksheets[0]["B1"] = "金額"
    workbook.worksheets[0].append(["x", 1, None, None, None, None])
    response = _upload(as_env_editor, inquiry, env_bureau, workbook)
    assert response.status_code == 400
    assert "1行目 B列（予算額）" in response.content.decode()


def _answer(inquiry, department, editor, rows):
    recipient = Recipient.objects.get(circular=inquiry, department=department)
    columns = {c.label: c.pk for c in inquiry.columns.all()}
    return actions.save_answer(
        recipient, [{columns[k]: v for k, v in row.items()} for row in rows], acting_user=editor
    )


def test_merged_table_on_screen_and_in_excel(inquiry, water_bureau, env_bureau, water_editor, env_editor, as_coordinator, django_assert_max_num_queries):
    _answer(inquiry, water_bureau, water_editor, [{"事業名": "ハイフォン水道", "予算額": 12_000_000}])
    _answer(inquiry, env_bureau, env_editor, [{"事業名": "大連大気", "予算額": 5_000_000},
                                             {"事業名": "スラバヤ廃棄物", "予算額": 2_500_000}])
    url = reverse("coordination:circulars:merged", args=[inquiry.pk])
    with django_assert_max_num_queries(20):
        page = as_coordinator.get(url).content.decode()
    assert page.count('name="rows"') == 3
    assert "ハイフォン水道" in page and "スラバヤ廃棄物" in page and "¥12,000,000" in page
    workbook = load_workbook(io.BytesIO(as_coordinator.get(url + "?format=xlsx").content))
    values = [[c.value for c in row] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    assert [v[0] for v in values] == ["環境局", "環境局", "上下水道局"]  # by department order, then code
    assert [v[1] for v in values] == ["大連大気", "スラバヤ廃棄物", "ハイフォン水道"]
    assert [v[2] for v in values] == [5_000_000, 2_500_000, 12_000_000]


def test_chosen_rows_become_draft_projects_of_the_answering_department(inquiry, water_bureau, water_editor, as_coordinator, coordinator):
    _answer(inquiry, water_bureau, water_editor, [
        {"事業名": "ハイフォン水道", "予算額": 12_000_000, "開始日": datetime.date(2027, 4, 1)},
        {"事業名": "残す行"},
    ])
    first = AnswerRow.objects.order_by("position").first()
    response = as_coordinator.post(reverse("coordination:circulars:make_projects", args=[inquiry.pk]),
                                   {"rows": [first.pk]})
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.status == Project.Status.DRAFT
    assert project.lead_department == water_bureau
    assert project.title_ja == "ハイフォン水道"
    assert project.start_date == datetime.date(2027, 4, 1)
    assert BudgetLine.objects.get(project=project).amount_jpy == 12_000_000
    assert BudgetLine.objects.get(project=project).fiscal_year == 2027
    assert project.history.first().history_user == coordinator
    first.refresh_from_db()
    assert first.project == project
    # The same row twice makes no second project.
    as_coordinator.post(reverse("coordination:circulars:make_projects", args=[inquiry.pk]), {"rows": [first.pk]})
    assert Project.objects.count() == 1


def test_only_the_coordinator_makes_draft_projects(inquiry, water_bureau, water_editor, as_water_editor):
    _answer(inquiry, water_bureau, water_editor, [{"事業名": "ハイフォン水道"}])
    row = AnswerRow.objects.get()
    response = as_water_editor.post(reverse("coordination:circulars:make_projects", args=[inquiry.pk]),
                                    {"rows": [row.pk]})
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_an_answer_whose_rows_became_projects_is_not_overwritten(inquiry, water_bureau, water_editor, coordinator):
    _answer(inquiry, water_bureau, water_editor, [{"事業名": "ハイフォン水道"}])
    actions.make_draft_projects(inquiry, [AnswerRow.objects.get().pk], acting_user=coordinator)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _answer(inquiry, water_bureau, water_editor, [{"事業名": "上書き"}])
    assert AnswerRow.objects.get().project is not None


def test_rows_of_another_inquiry_are_not_taken(coordinator, inquiry, water_bureau, water_editor, as_coordinator):
    other = make_inquiry(coordinator, [water_bureau])
    _answer(other, water_bureau, water_editor, [{"事業名": "別の照会の行"}])
    row = AnswerRow.objects.get()
    as_coordinator.post(reverse("coordination:circulars:make_projects", args=[inquiry.pk]), {"rows": [row.pk]})
    assert not Project.objects.exists()


def test_the_answer_page_says_up_front_that_an_answer_with_projects_cannot_be_changed(
    inquiry, water_bureau, water_editor, coordinator, as_water_editor
):
    """Not only after the department has edited its rows and pressed 保存."""
    url = reverse("coordination:circulars:answer", args=[inquiry.pk, water_bureau.pk])
    _answer(inquiry, water_bureau, water_editor, [{"事業名": "ハイフォン水道"}])
    assert 'data-testid="answer-has-projects"' not in as_water_editor.get(url).content.decode()
    actions.make_draft_projects(inquiry, [AnswerRow.objects.get().pk], acting_user=coordinator)
    page = as_water_editor.get(url).content.decode()
    assert 'data-testid="answer-has-projects"' in page and "国際政策課にご相談ください" in page
    assert "回答を保存" not in page and "アップロード</button>" not in page
