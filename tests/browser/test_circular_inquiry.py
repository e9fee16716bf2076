"""End to end in Chromium: the coordinator sends an inquiry to 上下水道局 and 環境局; the water editor
answers in the form, the environment editor with the Excel form; the coordinator reads the merged
table and turns a row into a draft project of the department that answered."""

import re

import pytest
from django.core import mail
from openpyxl import load_workbook
from playwright.sync_api import expect

from tsunagu.coordination.circulars.models import Answer, Circular
from tsunagu.portfolio.models import Project

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _mail_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _switch_user(page, login, user):
    page.context.clear_cookies()
    login(page, user)


def test_inquiry_sent_answered_in_form_and_by_excel_merged_and_turned_into_a_draft_project(
    browser_page, login, coordinator, water_editor, env_editor, water_bureau, env_bureau, screenshot, tmp_path
):
    water_editor.email = "suido@example.org"
    water_editor.save()
    page = browser_page

    # The coordinator writes the inquiry with two typed columns and sends it.
    login(page, coordinator)
    page.goto("/coordination/circulars/")
    with page.expect_navigation():
        page.get_by_role("link", name="新しい照会").click()
    expect(page.get_by_label("照会（回答を求める）")).to_be_checked()
    page.get_by_label("件名").fill("2027年度に予定する海外事業（予算付き）")
    page.get_by_label("本文").fill("国際戦略会議の資料とするため、ご回答ください。")
    page.get_by_label("回答期限").fill("2026-12-20")
    page.get_by_label("上下水道局").check()
    page.get_by_label("環境局").check()
    page.locator("[name='columns-0-label']").fill("事業名")
    page.locator("[name='columns-0-project_field']").select_option("title")
    page.locator("[name='columns-1-label']").fill("予算額（円）")
    page.locator("[name='columns-1-type']").select_option("money")
    page.locator("[name='columns-1-project_field']").select_option("budget")
    with page.expect_navigation():
        page.get_by_role("button", name="下書きを保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2027年度に予定する海外事業（予算付き）")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="送付", exact=True).click()
    expect(page.locator("main")).to_contain_text("上下水道局")
    with page.expect_navigation():
        page.get_by_role("button", name="送付する").click()
    expect(page.locator(".messages")).to_contain_text("2部署に送付しました")
    inquiry = Circular.objects.get()
    assert inquiry.status == Circular.Status.SENT
    assert [m.to for m in mail.outbox] == [["suido@example.org"]]

    # 上下水道局 answers in the form.
    _switch_user(page, login, water_editor)
    page.goto("/")
    widget = page.get_by_test_id("circulars-widget")
    expect(widget).to_contain_text("2027年度に予定する海外事業（予算付き）")
    with page.expect_navigation():
        widget.get_by_role("link", name="2027年度に予定する海外事業（予算付き）").click()
    with page.expect_navigation():
        page.get_by_role("link", name="回答", exact=True).click()
    form = page.get_by_test_id("answer-form")
    inputs = form.locator("tbody tr").first.locator("input")
    inputs.nth(0).fill("ハイフォン市 上水道技術協力")
    inputs.nth(1).fill("12000000")
    with page.expect_navigation():
        page.get_by_role("button", name="回答を保存").click()
    expect(page.locator(".messages")).to_contain_text("上下水道局の回答を保存しました")

    # 環境局 answers with the Excel form.
    _switch_user(page, login, env_editor)
    page.goto(f"/coordination/circulars/{inquiry.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel様式をダウンロード").click()
    path = tmp_path / "answer.xlsx"
    download_info.value.save_as(path)
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.append(["大連市 大気環境改善協力", 5000000])
    sheet.append(["スラバヤ市 廃棄物管理", "たくさん"])
    workbook.save(path)
    with page.expect_navigation():
        page.get_by_role("link", name="回答", exact=True).click()
    page.locator("#id_file").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="アップロード").click()
    # A bad cell: the error names its row and column, and nothing was saved.
    expect(page.get_by_test_id("upload-errors")).to_contain_text("3行目 B列（予算額（円））")
    assert not Answer.objects.filter(department=env_bureau).exists()
    sheet["B3"] = 2500000
    workbook.save(path)
    page.locator("#id_file").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="アップロード").click()
    expect(page.locator(".messages")).to_contain_text("2行")

    # The coordinator sees who answered, the merged table, and makes a draft project of one row.
    _switch_user(page, login, coordinator)
    page.goto(f"/coordination/circulars/{inquiry.pk}/")
    status = page.get_by_test_id("status-table")
    expect(status.get_by_test_id("status-water")).to_contain_text(str(water_editor))
    expect(status.get_by_test_id("status-env")).to_contain_text("Excel")
    with page.expect_navigation():
        page.get_by_role("link", name="回答の集約").click()
    table = page.get_by_test_id("merged-table")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table).to_contain_text("¥12,000,000")
    expect(table).to_contain_text("スラバヤ市 廃棄物管理")
    screenshot(page, "inquiry-merged")
    water_row = table.locator("tbody tr", has_text="ハイフォン市 上水道技術協力")
    water_row.get_by_role("checkbox").check()
    with page.expect_navigation():
        page.get_by_role("button", name="選んだ行を事業の下書きにする").click()
    expect(page.locator(".messages")).to_contain_text("1件作成しました")
    with page.expect_navigation():
        page.get_by_test_id("merged-table").get_by_role("link", name="ハイフォン市 上水道技術協力").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    expect(page.locator("main")).to_contain_text("下書き")
    expect(page.locator("main")).to_contain_text("上下水道局")
    project = Project.objects.get()
    assert project.status == Project.Status.DRAFT and project.lead_department == water_bureau
