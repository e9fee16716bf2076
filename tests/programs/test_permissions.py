"""Coordinators change the catalogue; editors and viewers read it — refused in views, POSTs and the admin."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tsunagu.programs.admin import ProgramAdmin
from tsunagu.programs.models import Program

WRITE_PAGES = [
    ("programs:create", []),
    ("programs:edit", ["jica-biz"]),
    ("programs:delete", ["jica-biz"]),
    ("programs:restore", ["jica-biz"]),
    ("programs:terms_create", ["jica-biz"]),
    ("programs:window_create", ["jica-biz"]),
    ("programs:import", []),
    ("programs:deleted", []),
]


@pytest.mark.parametrize("client_name", ["as_viewer", "as_water_editor"])
@pytest.mark.parametrize(("name", "args"), WRITE_PAGES)
def test_editors_and_viewers_are_refused_every_write_page(catalogue, request, client_name, name, args):
    client = request.getfixturevalue(client_name)
    url = reverse(name, args=args)
    assert client.get(url).status_code == 403
    assert client.post(url, {"code": "x", "name_ja": "x"}).status_code in (403, 405)  # 405: a read-only page
    assert Program.objects.count() == 24 and not Program.objects.filter(code="x").exists()


@pytest.mark.parametrize("client_name", ["as_viewer", "as_water_editor"])
def test_row_pages_and_confirm_are_refused_too(catalogue, request, client_name):
    client = request.getfixturevalue(client_name)
    program = Program.objects.get(code="jica-biz")
    terms, window = program.terms.get(), program.windows.first()
    for name, pk in (("terms_edit", terms.pk), ("terms_delete", terms.pk), ("window_edit", window.pk), ("window_delete", window.pk)):
        url = reverse(f"programs:{name}", args=["jica-biz", pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"seen_version": program.version}).status_code == 403
    assert client.post(reverse("programs:import_confirm")).status_code == 403
    assert program.terms.count() == 1 and program.windows.count() == 2


def test_editors_and_viewers_can_read_and_export(catalogue, as_water_editor, as_viewer):
    for client in (as_water_editor, as_viewer):
        assert client.get(reverse("programs:detail", args=["jica-biz"])).status_code == 200
        assert client.get(reverse("programs:export_yaml")).status_code == 200
        response = client.get(reverse("programs:export_excel"))
        assert response.status_code == 200 and response.content[:2] == b"PK"
        text = client.get(reverse("programs:detail", args=["jica-biz"])).content.decode()
        assert reverse("programs:edit", args=["jica-biz"]) not in text


def test_a_coordinator_creates_edits_deletes_and_restores(catalogue, as_coordinator, coordinator):
    response = as_coordinator.post(
        reverse("programs:create"),
        {
            "code": "city-own-fund", "name_ja": "市独自の国際協力基金", "provider": Program.objects.get(code="jica-biz").provider_id,
            "status": "active", "region_scope": "any", "funding_forms": ["grant"], "city_roles": ["applicant"],
            "links": "公式 | https://example.jp/fund", "sources": "https://example.jp/fund | official | 2026-04-01 | 要綱",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    program = Program.objects.get(code="city-own-fund")
    assert program.links == [{"title": "公式", "url": "https://example.jp/fund"}]
    assert program.sources == [{"url": "https://example.jp/fund", "type": "official", "seen": "2026-04-01", "note": "要綱"}]
    assert program.history.get().history_user == coordinator

    response = as_coordinator.post(
        reverse("programs:window_create", args=["city-own-fund"]),
        {"kind": "recurring", "fiscal_year": "R8", "open_month": "6", "close_month": "7", "lead_years": "0", "seen_version": program.version},
    )
    assert response.status_code == 302
    assert program.windows.get().fiscal_year == 2026

    assert as_coordinator.post(reverse("programs:delete", args=["city-own-fund"])).status_code == 302
    assert not Program.objects.filter(code="city-own-fund").exists()
    assert as_coordinator.post(reverse("programs:restore", args=["city-own-fund"])).status_code == 302
    assert Program.objects.filter(code="city-own-fund").exists()


def test_the_admin_follows_the_same_rules(catalogue, coordinator, water_editor, viewer, admin_user, client):
    site_admin = ProgramAdmin(Program, None)
    program = Program.objects.get(code="jica-biz")
    factory = RequestFactory()
    for user, allowed in ((coordinator, True), (admin_user, True), (water_editor, False), (viewer, False)):
        request = factory.get("/admin/")
        request.user = user
        assert site_admin.has_change_permission(request, program) is allowed
        assert site_admin.has_delete_permission(request, program) is allowed
        assert site_admin.has_add_permission(request) is allowed
    for user in (water_editor, viewer):
        client.force_login(user)
        response = client.get(reverse("admin:programs_program_change", args=[program.pk]))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(coordinator)
    assert client.get(reverse("admin:programs_program_change", args=[program.pk])).status_code == 200
    assert client.get(reverse("admin:programs_program_changelist")).status_code == 200
