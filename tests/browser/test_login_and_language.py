"""In a real browser: the login page is Japanese by default, login works, and the header's
language button switches the whole UI to English and back (remembered on the user)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def switch_language(page):
    with page.expect_navigation():
        page.get_by_test_id("switch-language").click()


def test_login_page_japanese_by_default_and_switchable(browser_page, screenshot):
    page = browser_page
    page.goto("/login/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_have_text("ログイン")
    expect(page.get_by_label("ユーザー名")).to_be_visible()
    expect(page.get_by_label("パスワード")).to_be_visible()
    expect(page.get_by_test_id("switch-language")).to_have_text("English")
    screenshot(page, "login-ja")

    switch_language(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_label("User name")).to_be_visible()
    expect(page.get_by_test_id("switch-language")).to_have_text("日本語")
    screenshot(page, "login-en")

    switch_language(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("ログイン")


def test_a_wrong_password_gets_a_japanese_message(browser_page, login, water_editor):
    page = browser_page
    login(page, water_editor, password="wrong-password")
    expect(page.get_by_role("alert")).to_contain_text("パスワード")
    expect(page).to_have_url(re.compile(r"/login/$"))


def test_logged_in_user_switches_to_english_and_back(browser_page, login, water_editor, screenshot):
    page = browser_page
    login(page, water_editor)
    expect(page).not_to_have_url(re.compile(r"/login/"))
    header = page.locator("header.site-header")
    # Who is logged in, and the way out, are in the user menu (the name in the header opens it).
    header.locator(".user-menu summary").click()
    expect(header.locator(".user-badge")).to_have_text("water（部署編集者）")
    expect(header.get_by_role("button", name="ログアウト")).to_be_visible()
    expect(header.get_by_role("link", name="海外事業")).to_be_visible()
    screenshot(page, "home-ja")

    switch_language(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    header.locator(".user-menu summary").click()
    expect(header.get_by_role("button", name="Log out")).to_be_visible()
    expect(header.get_by_role("link", name="Projects")).to_be_visible()
    expect(header.locator(".user-badge")).to_have_text("water (Department editor)")
    water_editor.refresh_from_db()
    assert water_editor.language == "en"
    screenshot(page, "home-en")

    switch_language(page)
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    header.locator(".user-menu summary").click()
    expect(header.get_by_role("button", name="ログアウト")).to_be_visible()
    water_editor.refresh_from_db()
    assert water_editor.language == "ja"
