"""End to end in Chromium: a coordinator fills and saves each create form of the catalogue — a
programme, its terms for a 年度, an application window — and sees the saved values on the
programme page; and finds countries in the matcher's country box by typing."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import OrganisationFactory
from tsunagu.partners.models import Country
from tsunagu.programs.models import ApplicationWindow, Program, ProgramTerms

pytestmark = pytest.mark.django_db(transaction=True)


def save(page):
    with page.expect_navigation():
        page.locator("main form.form").get_by_role("button", name="保存").click()


def test_coordinator_creates_a_programme_its_terms_and_a_window(browser_page, login, coordinator, screenshot):
    clair = OrganisationFactory(name_ja="自治体国際化協会", name_en="CLAIR", abbreviation="CLAIR")
    page = browser_page
    login(page, coordinator)

    # The programme: links and sources start empty (not "[]"), one typed into each.
    page.goto("/programs/new/")
    links, sources = page.get_by_label("リンク", exact=True), page.get_by_label("出典", exact=True)
    expect(links).to_have_value("")
    expect(sources).to_have_value("")
    page.get_by_label("コード").fill("clair-test-model")
    page.get_by_label("名称（日本語）").fill("試験モデル事業")
    page.get_by_role("combobox", name=re.compile(r"^実施機関")).select_option(str(clair.pk))
    links.fill("募集要項 | https://example.org/guide")
    sources.fill("https://example.org/source | official | 2026-04-01")
    save(page)
    expect(page).to_have_url(re.compile(r"/programs/p/clair-test-model/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("試験モデル事業")
    expect(page.locator("main").get_by_role("link", name="募集要項")).to_have_attribute("href", "https://example.org/guide")
    expect(page.locator("main")).to_contain_text("https://example.org/source")

    # 年度別の支援条件: the other caps start empty; one typed in.
    page.get_by_role("link", name="年度の条件を追加").click()
    expect(page.get_by_label("その他の上限額")).to_have_value("")
    page.get_by_role("textbox", name=re.compile(r"^年度")).fill("R8")
    page.get_by_label("上限額（円）").fill("6000000")
    page.get_by_label("上限額の単位").select_option(ProgramTerms.CapBasis.PER_PROJECT.value)
    page.get_by_label("その他の上限額").fill("共同事業 | 8000000")
    save(page)
    expect(page).to_have_url(re.compile(r"/programs/p/clair-test-model/$"))
    main = page.locator("main")
    expect(main).to_contain_text("令和8年度")
    expect(main).to_contain_text(re.compile(r"共同事業.*(8,000,000|800万)"))

    # An application window.
    page.get_by_role("link", name="募集期間を追加").click()
    page.get_by_label("種別").select_option(ApplicationWindow.Kind.DATED.value)
    page.get_by_label("対象年度").fill("2026")
    page.get_by_label("締切日", exact=True).fill("2026-11-30")
    save(page)
    expect(page).to_have_url(re.compile(r"/programs/p/clair-test-model/$"))
    expect(page.locator("main")).to_contain_text(re.compile(r"2026-11-30|2026年11月30日"))
    screenshot(page, "catalogue-created-programme")

    program = Program.objects.get(code="clair-test-model")
    assert program.links == [{"title": "募集要項", "url": "https://example.org/guide"}]
    assert [source["url"] for source in program.sources] == ["https://example.org/source"]
    (terms,) = program.terms.all()
    assert (terms.fiscal_year, terms.cap_jpy) == (2026, 6_000_000)
    assert terms.cap_variants == [{"label": "共同事業", "amount_jpy": 8_000_000}]
    (window,) = program.windows.all()
    assert str(window.closes_on) == "2026-11-30"


def test_matcher_country_box_finds_countries_by_typing(browser_page, login, coordinator, screenshot):
    vietnam = Country.objects.get(code="VN")
    cambodia = Country.objects.get(code="KH")
    page = browser_page
    login(page, coordinator)
    page.goto("/programs/match/")

    box = page.get_by_role("combobox", name="国・地域")
    expect(page.locator("select[name=countries]")).to_be_hidden()
    # Typed in hiragana, the katakana name is found; the keyboard chooses it.
    box.fill("べとなむ" if vietnam.name_ja.startswith("ベトナム") else vietnam.name_ja)
    options = page.get_by_role("option")
    expect(options.filter(has_text=vietnam.name_ja).first).to_be_visible()
    box.press("Enter")
    chosen = page.locator(".picker-chip")
    expect(chosen).to_have_count(1)
    expect(chosen.first).to_contain_text(vietnam.name_ja)
    # By its English name, with ↓ and Enter.
    box.fill(cambodia.name_en)
    expect(page.get_by_role("option", name=cambodia.name_ja)).to_be_visible()
    box.press("ArrowDown")
    box.press("ArrowUp")
    box.press("Enter")
    expect(chosen).to_have_count(2)
    box.fill("zzzz")
    expect(page.locator(".picker-none")).to_be_visible()
    box.press("Escape")
    # Backspace in the empty box drops the last one; the × button drops a named one.
    box.fill("")
    box.press("Backspace")
    expect(chosen).to_have_count(1)
    box.fill("VN")  # Slovenia (SVN) matches too, but the whole code comes first
    expect(options.filter(visible=True).first).to_have_text(vietnam.name_ja)
    box.press("Enter")
    expect(chosen).to_have_count(0)  # Enter on a chosen country drops it
    box.fill("VN")
    box.press("Enter")
    expect(chosen).to_have_count(1)
    screenshot(page, "matcher-country-picker")

    page.get_by_label("計画の内容").fill("下水道の技術協力")
    page.get_by_label("開始日").fill("2027-04-01")
    with page.expect_navigation():
        page.get_by_role("button", name="支援メニューを探す").click()
    expect(page).to_have_url(re.compile(r"/programs/match/$"))  # posted: the plan is not in the address
    expect(page.locator(".picker-chip")).to_have_count(1)
    expect(page.locator(".picker-chip").first).to_contain_text(vietnam.name_ja)
