"""End to end in a real browser: the coordinator builds a measure under a basic policy; an editor of
上下水道局 attaches their project to it from the project page; the tree counts it once up the branch."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.factories import BudgetLineFactory, ProjectFactory
from tsunagu.coordination.policy.models import PolicyLink, PolicyNode

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_adds_a_measure_and_an_editor_attaches_a_project(
    chromium_browser, live_server, login, coordinator, water_editor, water_bureau, screenshot
):
    plan = PolicyNode.objects.create(name_ja="「元気発進！北九州」プラン", level=PolicyNode.Level.PLAN)
    policy = PolicyNode.objects.create(
        name_ja="世界に貢献し本市の国際競争力を強化する国際協力の推進", level=PolicyNode.Level.BASIC_POLICY, parent=plan
    )
    project = ProjectFactory(
        title_ja="ハイフォン市 下水道協力", lead_department=water_bureau,
        start_date=datetime.date(2025, 4, 1), end_date=datetime.date(2027, 3, 31),
    )
    BudgetLineFactory(project=project, fiscal_year=2025, amount_jpy=4_000_000)

    def new_page():
        context = chromium_browser.new_context(base_url=live_server.url, locale="ja-JP", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        return context, context.new_page()

    # The coordinator adds a measure below the basic policy, from the menu's 連絡調整 → 政策体系.
    context, page = new_page()
    login(page, coordinator)
    page.locator("nav summary", has_text="連絡調整").click()
    with page.expect_navigation():
        page.get_by_role("link", name="政策体系").click()
    with page.expect_navigation():
        page.get_by_role("link", name=policy.name_ja).click()
    with page.expect_navigation():
        page.get_by_role("link", name="下にノードを追加").click()
    page.get_by_label("名称（日本語）").fill("上下水道技術を活かした海外水ビジネスの展開")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("上下水道技術を活かした海外水ビジネスの展開")
    measure = PolicyNode.objects.get(name_ja="上下水道技術を活かした海外水ビジネスの展開")
    assert measure.parent == policy
    context.close()

    # The editor of 上下水道局 attaches their project from its page.
    context, page = new_page()
    login(page, water_editor)
    page.goto(f"/projects/{project.pk}/")
    panel = page.locator("#panel-policy")
    panel.get_by_label("政策体系のノード").select_option(str(measure.pk))
    with page.expect_navigation():
        panel.get_by_role("button", name="このノードに結び付ける").click()
    expect(page.locator(".messages")).to_contain_text("結び付けました")
    expect(page.locator("#panel-policy")).to_contain_text(measure.name_ja)
    assert PolicyLink.objects.filter(project=project, node=measure).exists()

    # The tree counts the project and its budget up the branch, and the 年度 filter keeps it in FY2025.
    page.goto("/coordination/policy/")
    tree = page.get_by_test_id("policy-tree")
    expect(tree.locator("tr", has_text="「元気発進！北九州」プラン")).to_contain_text("¥4,000,000")
    with page.expect_navigation():
        page.get_by_role("link", name=policy.name_ja).click()
    page.get_by_role("combobox", name="年度").select_option("2025")
    with page.expect_navigation():
        page.get_by_role("button", name="表示").click()
    expect(page).to_have_url(re.compile(r"\?fy=2025$"))
    expect(page.get_by_test_id("project-count")).to_have_text("1")
    expect(page.get_by_test_id("node-projects")).to_contain_text("ハイフォン市 下水道協力")
    # The editor may not change the tree.
    expect(page.get_by_role("link", name="編集")).to_have_count(0)
    screenshot(page, "policy-node")
    context.close()
