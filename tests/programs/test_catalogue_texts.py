"""The programme page reads as Japanese: Japanese texts for every seeded programme (the English
original one click away), structured facts as labelled Japanese lines, 出典 for source addresses,
年度 labels that never wrap, and a history that shows the latest changes with a link to the rest."""

import re
from html import unescape

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from tsunagu.programs.models import ORIGINAL_TEXTS, Program
from tsunagu.programs.transfer.seed import (
    JA_TEXTS_PATH,
    REFERENCE_PATH,
    _english_originals,
    program_from_reference,
    read_japanese_texts,
    read_reference,
)

REFERENCE = read_reference()
CODES = [str(entry["id"]) for entry in REFERENCE["programs"]]
# What the first user saw: raw keys of the reference and dumps of its mappings.
RAW = re.compile(r"amount_jpy|as_written:|typical_window|eligible_fields|\(truncated\)|\b[a-z]+(?:_[a-z0-9]+)+:\s")
# An English sentence: four Latin words in a row (names such as "JICA Biz" are shorter).
ENGLISH = re.compile(r"[A-Za-z][a-z]+(?:[ ,;/-]+[A-Za-z][a-z]+){3}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def english_in(text: str):
    """An English sentence in ``text`` (names quoted in 「」 are names, not sentences)."""
    return ENGLISH.search(re.sub(r"「[^」]*」", "", text or ""))


def visible(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", page))


def outside_details(html: str) -> str:
    return visible(re.sub(r"<details.*?</details>", " ", html, flags=re.DOTALL))


def test_japanese_texts_cover_every_english_text_of_the_reference():
    texts = read_japanese_texts()
    assert set(texts.programs) <= set(CODES), "the Japanese file names a programme the reference does not have"
    for entry in REFERENCE["programs"]:
        code = str(entry["id"])
        originals = _english_originals(entry, "")
        japanese = texts.programs.get(code, {})
        for name, original in originals.items():
            if name == "application_note":
                continue  # checked on the converted programme below (it includes the windows' wording)
            if ENGLISH.search(original):
                assert JAPANESE.search(japanese.get(name, "")), f"{code}.{name} has no Japanese text"
        data = program_from_reference(entry, texts)
        for name, original_name in ORIGINAL_TEXTS.items():
            assert not english_in(data[name]), f"{code}.{name} is still English: {data[name]!r}"
            assert not RAW.search(data[name] or ""), f"{code}.{name} shows a raw key: {data[name]!r}"
            assert not RAW.search(data[original_name] or ""), f"{code}.{original_name}: {data[original_name]!r}"
            if data[name] and data[original_name]:
                assert data[name] != data[original_name]
        if entry.get("purpose"):
            assert JAPANESE.search(data["purpose"]) and data["purpose_en"] == " ".join(str(entry["purpose"]).split())
        for row in data["terms"] + data["windows"]:
            for key in ("as_written", "note", "rate_text", "duration_text", "in_kind"):
                assert not RAW.search(row.get(key) or ""), f"{code}: {key} {row.get(key)!r}"
            for key in ("note", "rate_text", "duration_text", "in_kind"):
                assert not english_in(row.get(key)), f"{code}: {key} is English: {row.get(key)!r}"


def test_the_reference_copy_stays_verbatim_and_the_japanese_file_says_what_it_is():
    assert REFERENCE_PATH.read_text(encoding="utf-8").startswith("# ORIGIN: a verbatim copy")
    header = JA_TEXTS_PATH.read_text(encoding="utf-8")
    assert "programs.yaml" in header.splitlines()[0]
    assert set(yaml.safe_load(header)) == {"labels", "phrases", "programs"}


def test_every_seeded_programme_page_is_japanese_without_raw_keys(catalogue, as_viewer, fixed_today):
    for code in CODES:
        html = as_viewer.get(reverse("programs:detail", args=[code])).content.decode()
        assert not RAW.search(visible(html)), f"{code}: {RAW.search(visible(html))[0]!r}"
        program = Program.objects.get(code=code)
        if program.purpose_en:
            # The Japanese purpose is shown; the English original is one click away.
            assert program.purpose in html and JAPANESE.search(program.purpose)
            assert program.purpose_en not in outside_details(html)
            assert "原文（英語）" in html
        # (The history lists stored values as they are, the source's wording included.)
        shown = outside_details(html[: html.index('id="history-heading"')])
        shown = re.sub(r"https?://\S+", "", shown.replace(program.name_en, "").replace(program.code, ""))
        assert not english_in(shown), (code, english_in(shown))


def test_structured_facts_are_labelled_japanese_lines(catalogue, as_viewer, fixed_today):
    html = as_viewer.get(reverse("programs:detail", args=["moe-city-to-city"])).content.decode()
    text = visible(html)
    assert "年間上限額: 全地域一律(上限)2,000万円/年(税込)、対象の募集回: R6・R8" in text
    assert "募集回: R4 2次、年間上限額: 1,000万円、期間: 最長2.5か年" in text
    assert "応募件数: 24、採択件数: 18" in text
    assert "例年の募集時期: 前年度の2月に1次募集（約3〜4週間）" in text
    assert "対象分野: 省エネルギー、再生可能エネルギー" in text
    # The source's wording stays one click away.
    assert re.search(r"<details class=\"original\"><summary>資料の表記（原文）</summary>", html)
    assert "1st call Feb of the preceding fiscal year" in html
    tabunka = visible(as_viewer.get(reverse("programs:detail", args=["clair-tabunka-kyosei"])).content.decode())
    assert "下限額: 下限額50万円" in tabunka and "補助率: 記載が見当たらない" in tabunka


def test_the_english_page_shows_the_english_original_first(catalogue, viewer, fixed_today):
    from django.test import Client

    viewer.language = "en"
    viewer.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(viewer)
    html = client.get(reverse("programs:detail", args=["clair-model-cooperation"])).content.decode()
    assert "Certify pioneering international-cooperation projects" in outside_details(html)
    assert "<summary>Japanese</summary>" in html


def test_fiscal_year_cells_never_wrap(catalogue, as_viewer, fixed_today):
    html = as_viewer.get(reverse("programs:detail", args=["moe-city-to-city"])).content.decode()
    assert '<td class="nowrap"><span class="fy">2026年度（令和8年度）</span>' in html
    assert '<span class="fy">2020年度（令和2年度）</span>' in html


def test_source_addresses_are_labelled_shuten_and_budget_sources_stay_zaigen(catalogue, as_coordinator, fixed_today):
    program = Program.objects.get(code="moe-city-to-city")
    terms = program.terms.order_by("fiscal_year").first()
    window = program.windows.first()
    for url in (
        reverse("programs:terms_create", args=[program.code]),
        reverse("programs:terms_edit", args=[program.code, terms.pk]),
        reverse("programs:window_edit", args=[program.code, window.pk]),
        reverse("programs:detail", args=[program.code]),
        reverse("programs:history", args=[program.code]),
    ):
        html = as_coordinator.get(url).content.decode()
        assert "出典" in html and "財源" not in html, url
    with translation.override("ja"):
        from django.utils.translation import gettext, pgettext

        assert pgettext("web page", "source") == "出典"
        assert gettext("source") == "財源"  # a project's budget source (portfolio) keeps its word


def test_the_page_shows_the_latest_five_changes_and_links_to_the_full_history(catalogue, as_viewer, fixed_today):
    # moe-city-to-city was created with 4 terms and 6 windows: 11 changes.
    html = as_viewer.get(reverse("programs:detail", args=["moe-city-to-city"])).content.decode()
    history = html[html.index('id="history-heading"'):]
    assert history.count("<tr>") == 1 + 5  # header + the 5 latest changes
    full_url = reverse("programs:history", args=["moe-city-to-city"])
    assert f'href="{full_url}"' in history and "すべての変更履歴を見る（11件）" in history

    page = as_viewer.get(full_url).content.decode()
    assert page.count("<tr>") == 1 + 11
    assert "脱炭素社会実現のための都市間連携事業(委託業務)の変更履歴" in page
    assert f'href="{reverse("programs:detail", args=["moe-city-to-city"])}"' in page

    few = as_viewer.get(reverse("programs:detail", args=["mofa-diplomatic-trainee"])).content.decode()
    assert "すべての変更履歴を見る" not in few and few.count("<tr>") >= 2


def test_the_full_history_of_a_deleted_programme_is_for_coordinators_only(catalogue, as_viewer, as_coordinator):
    program = Program.objects.get(code="jica-biz")
    program.mark_deleted()
    program.save()
    url = reverse("programs:history", args=["jica-biz"])
    assert as_viewer.get(url).status_code == 404
    assert as_coordinator.get(url).status_code == 200


@pytest.mark.parametrize("language", ["ja", "en"])
def test_history_page_needs_a_login(client, catalogue, language):
    response = client.get(reverse("programs:history", args=["jica-biz"]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302 and "/login/" in response["Location"]
