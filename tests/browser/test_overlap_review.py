"""End to end in Chromium: the coordinator sees 上下水道局 and 環境局 both in Hai Phong on the start page,
opens the warning, marks it reviewed with a note; it leaves the start page, and the dossier says reviewed.
A new project of a third bureau brings it back."""

import re

import pytest
from playwright.sync_api import expect

from tests.coordination.overlaps.conftest import add_project, haiphong, overlap, this_year  # noqa: F401 (fixtures)
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_reviews_an_overlap_and_it_comes_back(
    browser_page, login, coordinator, water_editor, env_editor, overlap, haiphong, this_year, screenshot  # noqa: F811
):
    page = browser_page
    login(page, coordinator)
    widget = page.get_by_test_id("overlaps-widget")
    expect(widget).to_contain_text("ハイフォン")
    expect(widget).to_contain_text("上下水道局")
    expect(widget).to_contain_text("環境局")
    expect(widget.get_by_test_id("overlaps-widget-count")).to_have_text("1")

    widget.get_by_role("link", name=re.compile("ハイフォン")).click()
    expect(page).to_have_url(re.compile(rf"/coordination/overlaps/{overlap['key']}/$"))
    expect(page.locator("main")).to_contain_text("ハイフォン浄水場改善")
    page.get_by_label(re.compile("^備考")).fill("6月1日に両局で打合せ。日程を共有する。")
    with page.expect_navigation():
        page.get_by_role("button", name="確認済みにする").click()
    expect(page.get_by_test_id("overlap-status")).to_have_text("確認済み")
    screenshot(page, "overlap-reviewed")

    page.goto("/")
    expect(page.get_by_test_id("overlaps-widget").get_by_test_id("overlaps-widget-count")).to_have_text("0")
    page.goto(f"/partners/places/{haiphong.pk}/")
    expect(page.get_by_test_id("overlap-status")).to_have_text("確認済み")

    add_project(DepartmentFactory(code="fire", name_ja="消防局"), haiphong, this_year, title_ja="ハイフォン消防研修")
    page.goto("/")
    widget = page.get_by_test_id("overlaps-widget")
    expect(widget.get_by_test_id("overlaps-widget-count")).to_have_text("1")
    expect(widget.get_by_test_id("overlap-status")).to_have_text("再表示：新たな重複あり")
    expect(widget).to_contain_text("消防局")
