"""The programme page: every fact, terms by 年度, windows with their status, 未確認 markers, history."""

import re

from django.urls import reverse

from tsunagu.programs.models import Program


def page(client, code):
    response = client.get(reverse("programs:detail", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def test_terms_by_fiscal_year_with_labels_and_which_applied_when(catalogue, as_viewer, fixed_today):
    text = page(as_viewer, "moe-city-to-city")
    for label in ("2026年度（令和8年度）", "2024年度（令和6年度）", "2022年度（令和4年度）", "2020年度（令和2年度）"):
        assert label in text
    assert "¥20,000,000" in text and "¥10,000,000" in text and "年度あたり" in text
    assert "各年度に適用された条件" in text
    assert "2025年度（令和7年度）: 2024年度（令和6年度）の条件" in re.sub(r"<[^>]+>", "", text)
    assert "2026年度（令和8年度）の支援条件" in text


def test_windows_show_their_period_and_status(catalogue, as_viewer, fixed_today):
    text = page(as_viewer, "clair-tabunka-kyosei")
    assert "2025-07-14 〜 2025-09-30" in text
    assert "毎年 7月〜9月末" in text
    assert "募集終了" in text and "募集予定" in text
    assert "前年度に募集" in text
    assert "2026-07-01 〜 2026-09-30" in text  # the next yearly period


def test_unconfirmed_values_are_marked(catalogue, as_viewer, fixed_today):
    text = page(as_viewer, "japan-foundation-exchange-grants")
    assert "次の項目は未確認です" in text
    assert "対象国・地域" in text and "募集期間" in text
    assert text.count("未確認") >= 3
    exchange = page(as_viewer, "clair-intl-exchange-support")
    assert "1/2（50%）" in exchange and "未確認" in exchange
    assert "低（第三者の情報・過去の募集回）" in exchange


def test_all_facts_and_sources_are_shown(catalogue, as_viewer, fixed_today):
    text = page(as_viewer, "clair-model-cooperation")
    assert "自治体国際化協会（CLAIR）" in text
    assert "助成・補助" in text and "市が申請" in text
    assert "政令指定都市" in text and "地域国際化協会" in text
    assert "重複助成の禁止" in text and "新規事業に限る" in text
    assert "対象外の事業形態" in text and "これらの事業形態だけの計画は対象外です。" in text
    assert "https://www.city.okayama.jp/kyoudou/0000053832.html" in text
    assert "ページの日付: 2023-12-11" in text
    assert "1事業につき上限300万円 (単独事業)" in text
    assert "（年度は推定）" in text


def test_the_page_speaks_english_too(catalogue, viewer, fixed_today):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(viewer)
    viewer.language = "en"
    viewer.save()
    text = page(client, "clair-tabunka-kyosei")
    assert "FY2026" in text and "Every year, July – end of September" in text


def test_history_shows_edits_of_the_programme_and_its_terms(catalogue, as_coordinator, coordinator, fixed_today):
    program = Program.objects.get(code="jica-biz")
    terms = program.terms.get()
    as_coordinator.post(
        reverse("programs:terms_edit", args=["jica-biz", terms.pk]),
        {"fiscal_year": "2025", "cap_jpy": "45000000", "cap_basis": "per_project", "seen_version": program.version},
    )
    text = page(as_coordinator, "jica-biz")
    assert "条件を変更（2025年度（令和7年度））" in text
    assert "¥40,000,000 → ¥45,000,000" in text
    assert str(coordinator) in text


def test_unknown_and_deleted_programmes(catalogue, as_viewer, as_coordinator):
    assert as_viewer.get(reverse("programs:detail", args=["no-such-programme"])).status_code == 404
    program = Program.objects.get(code="jica-biz")
    program.mark_deleted()
    program.save()
    assert as_viewer.get(reverse("programs:detail", args=["jica-biz"])).status_code == 404
    text = page(as_coordinator, "jica-biz")
    assert "削除済み" in text and reverse("programs:restore", args=["jica-biz"]) in text


def test_a_historical_programme_is_never_shown_as_open(catalogue, as_viewer):
    text = page(as_viewer, "mofa-local-gov-subsidy-legacy")
    assert "過去の制度（現状不明）" in text and "募集時期不明" in text
