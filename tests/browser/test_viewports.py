"""The main pages of every role, in Chromium at 390 px (a phone) and 1366 px (an office laptop),
on the demo data: nothing widens the page sideways, the header keeps a sane height (one row on a
laptop, a folded menu on a phone), and the phone menu opens by keyboard."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tsunagu.demo.kitakyushu import DEMO_PASSWORD
from tsunagu.org.models import User
from tsunagu.partners.models import Place
from tsunagu.portfolio.models import Project
from tsunagu.programs.models import Program

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
MAX_HEADER = 64  # px: one row of header (logo, menu, search, language, user)

MEASURE = """() => ({
  scroll: document.documentElement.scrollWidth,
  inner: window.innerWidth,
  header: Math.round(document.querySelector('header.site-header').getBoundingClientRect().height),
})"""


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    haiphong = Place.objects.get(name_en="Hai Phong")
    project = Project.objects.filter(partners__place=haiphong, lead_department__name_ja="下水道計画課").first()
    return {
        "haiphong": haiphong.pk,
        "project": project.pk,
        "program": Program.objects.order_by("code").first().code,
    }


def pages_of(role: str, ids: dict) -> list[str]:
    common = ["/", "/projects/", f"/projects/{ids['project']}/", f"/partners/places/{ids['haiphong']}/",
              "/programs/", f"/programs/p/{ids['program']}/", f"/programs/match/?project={ids['project']}",
              "/programs/subscriptions/"]
    return {
        "kokusai": [*common, "/partners/places/", "/partners/organisations/", "/partners/agreements/",
                    "/partners/networks/", "/partners/countries/", "/programs/stats/", "/search/?q=水道"],
        "suido": [*common, "/projects/new/", f"/projects/{ids['project']}/edit/", "/programs/subscriptions/new/"],
        "etsuran": common,
        "admin": ["/", "/projects/", "/programs/"],
    }[role]


def _log_in(page, username: str) -> None:
    page.goto("/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()


@pytest.mark.parametrize("role", ["kokusai", "suido", "etsuran", "admin"])
def test_main_pages_fit_a_phone_and_a_laptop(chromium_browser, live_server, demo, role):
    assert User.objects.filter(username=role).exists()
    problems = []
    for viewport in (PHONE, LAPTOP):
        context = chromium_browser.new_context(base_url=live_server.url, locale="ja-JP", viewport=viewport)
        try:
            page = context.new_page()
            _log_in(page, role)
            for path in pages_of(role, demo):
                response = page.goto(path)
                assert response.status < 400, f"{path}: {response.status}"
                size = page.evaluate(MEASURE)
                where = f"{role} {viewport['width']}px {path}"
                if size["scroll"] > size["inner"]:
                    problems.append(f"{where}: the page is {size['scroll']} px wide")
                if size["header"] > MAX_HEADER:
                    problems.append(f"{where}: the header is {size['header']} px high")
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def test_the_phone_menu_opens_by_keyboard_and_shows_who_is_logged_in(chromium_browser, live_server, demo):
    context = chromium_browser.new_context(base_url=live_server.url, locale="ja-JP", viewport=PHONE)
    try:
        page = context.new_page()
        _log_in(page, "kokusai")
        toggle = page.get_by_role("button", name="メニュー")
        expect(page.get_by_role("link", name="海外事業", exact=True)).to_be_hidden()
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.get_by_role("link", name="海外事業", exact=True)).to_be_visible()
        page.locator(".user-menu summary").click()
        badge = page.locator(".user-badge")
        expect(badge).to_contain_text("取りまとめ担当")
        # The name and role read as a line or two, never one character per line.
        assert badge.bounding_box()["height"] < 3 * 26
        expect(page.get_by_role("button", name="ログアウト")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()


def test_the_feed_address_is_copied_by_keyboard(chromium_browser, live_server, demo):
    context = chromium_browser.new_context(base_url=live_server.url, locale="ja-JP", viewport=LAPTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    try:
        page = context.new_page()
        _log_in(page, "suido")
        page.goto("/programs/subscriptions/new/")
        with page.expect_navigation():
            page.get_by_role("button", name="保存").click()
        address = page.get_by_test_id("feed-url").input_value()
        copy = page.get_by_role("button", name="コピー")
        copy.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".copy-status")).to_have_text("コピーしました。")
        assert page.evaluate("navigator.clipboard.readText()") == address
    finally:
        context.close()
