"""End to end in a real browser: a department editor registers a project with a partner
place, finds it on that place's dossier, and reads the dossier in English and back."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PlaceFactory
from tsunagu.partners.models import Country
from tsunagu.portfolio.models import Field

pytestmark = pytest.mark.django_db(transaction=True)


def switch_language(page):
    with page.expect_navigation():
        page.get_by_test_id("switch-language").click()


def test_editor_creates_a_project_and_finds_it_on_the_dossier(
    browser_page, login, env_editor, env_bureau, screenshot
):
    # A transactional test may follow another that flushed the reference data of the
    # migrations (countries, fields), so it makes sure of the rows it needs.
    vietnam, _ = Country.objects.get_or_create(
        code="VN", defaults={"alpha3": "VNM", "name_ja": "ベトナム", "name_en": "Viet Nam"}
    )
    Field.objects.get_or_create(code="environment", defaults={"name_ja": "環境", "name_en": "Environment"})
    haiphong = PlaceFactory(
        country=vietnam, name_ja="ハイフォン", name_en="Hai Phong", name_local="Hải Phòng"
    )
    page = browser_page
    login(page, env_editor)

    page.goto("/projects/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("事業の新規登録")
    page.get_by_label("事業名（日本語）").fill("ハイフォン市 浄水場運転管理研修")
    page.get_by_label("事業名（英語）").fill("Water treatment operation training for Hai Phong")
    page.get_by_label("主管部署").select_option(str(env_bureau.pk))
    page.get_by_label("開始日").fill("2026-04-01")
    page.get_by_label("終了日").fill("2028-03-31")
    page.get_by_label("環境", exact=True).check()
    page.locator("select[name='partners-0-place']").select_option(str(haiphong.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()

    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("ハイフォン市 浄水場運転管理研修")

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="ハイフォン").first.click()
    expect(page).to_have_url(re.compile(rf"/partners/places/{haiphong.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("ハイフォン")
    dossier_project = page.locator("main").get_by_role("link", name="ハイフォン市 浄水場運転管理研修")
    expect(dossier_project.first).to_be_visible()
    expect(page.locator("main")).to_contain_text("2026年度（令和8年度）")
    screenshot(page, "dossier-ja")

    switch_language(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Timeline by fiscal year")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Hai Phong")
    english_project = page.locator("main").get_by_role(
        "link", name="Water treatment operation training for Hai Phong"
    )
    expect(english_project.first).to_be_visible()
    expect(page.locator("main")).to_contain_text("FY2026")
    screenshot(page, "dossier-en")

    switch_language(page)
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(dossier_project.first).to_be_visible()
