"""End to end in Chromium: the coordinator writes a meeting's minutes and a decision, downloads the
議事録 PDF and its Japanese text reads back; an editor of 上下水道局 marks their action item done
from the start page."""

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tsunagu.coordination.meetings.models import ActionItem, AgendaItem, Council, Meeting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def settings_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_minutes_pdf_and_action_done(
    browser_page, login, coordinator, water_editor, water_bureau, settings_media, chromium_browser, live_server,
    screenshot,
):
    council = Council.objects.create(name_ja="国際戦略会議")
    meeting = Meeting.objects.create(
        council=council, title="国際協力部会（第1回）", starts_at=timezone.now() - datetime.timedelta(days=7),
        place="本庁舎 5階 特別会議室",
    )
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="ハイフォン市との上下水道技術協力")
    action = ActionItem.objects.create(
        meeting=meeting, agenda_item=item, text="協力案を国際政策課へ提出する", assignee_department=water_bureau,
        due_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    page = browser_page
    login(page, coordinator)
    page.goto(meeting.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="議題と議事録を編集").click()
    page.get_by_label("状態").select_option("discussed")
    page.get_by_label("議事録").fill("上下水道局から、浄水場改善の成果を報告した。")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    with page.expect_navigation():
        page.get_by_role("link", name="決定事項を記録").click()
    page.get_by_label("決定事項").fill("下水道分野の協力を次年度の提案に盛り込む。")
    page.get_by_label("上下水道局").check()
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("decisions")).to_contain_text("下水道分野の協力を次年度の提案に盛り込む。")
    screenshot(page, "meeting-minutes")

    with page.expect_download() as download_info:
        page.get_by_test_id("minutes-pdf").click()
    data = open(download_info.value.path(), "rb").read()
    from pypdf import PdfReader

    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    for words in ("議事録", "国際協力部会（第1回）", "浄水場改善の成果を報告した", "下水道分野の協力を次年度の提案に盛り込む", "協力案を国際政策課へ提出する"):
        assert words in text, words

    # The editor of 上下水道局 sees the overdue item on the start page and marks it done.
    context = chromium_browser.new_context(base_url=live_server.url, locale="ja-JP", timezone_id="Asia/Tokyo")
    editor_page = context.new_page()
    try:
        login(editor_page, water_editor)
        widget = editor_page.get_by_test_id("council-actions")
        expect(widget).to_contain_text("協力案を国際政策課へ提出する")
        expect(widget).to_contain_text("期限超過")
        with editor_page.expect_navigation():
            widget.get_by_role("link", name="協力案を国際政策課へ提出する").click()
        with editor_page.expect_navigation():
            editor_page.get_by_test_id(f"action-{action.pk}").get_by_role("link", name="完了にする").click()
        editor_page.get_by_label("対応内容").fill("概要を提出した")
        with editor_page.expect_navigation():
            editor_page.get_by_role("button", name="完了にする").click()
        expect(editor_page.get_by_test_id(f"action-{action.pk}")).to_contain_text("完了")
    finally:
        context.close()
    action.refresh_from_db()
    assert action.status == ActionItem.Status.DONE and action.done_note == "概要を提出した"
