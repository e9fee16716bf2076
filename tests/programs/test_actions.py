"""Catalogue writes: coordinators only, atomic, recorded in the history, refused over someone else's change."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.programs.catalogue import actions
from tsunagu.programs.models import ApplicationWindow, Program, ProgramTerms


def test_two_editors_of_one_programme_do_not_overwrite_each_other(make, coordinator):
    program = make("p1")
    mine, theirs = Program.objects.get(pk=program.pk), Program.objects.get(pk=program.pk)
    theirs.contact = "他の人"
    actions.update_program(theirs, acting_user=coordinator, seen_version=theirs.version)
    mine.contact = "私"
    with pytest.raises(ConcurrentEditError):
        actions.update_program(mine, acting_user=coordinator, seen_version=mine.version)
    assert Program.objects.get(pk=program.pk).contact == "他の人"


def test_a_term_edited_meanwhile_also_refuses_a_stale_programme_form(make, coordinator):
    program = make("p2")
    seen = program.version
    actions.save_row(ProgramTerms(program=program, fiscal_year=2026, cap_jpy=1, cap_basis="per_year"),
                     acting_user=coordinator, seen_version=seen)
    with pytest.raises(ConcurrentEditError):
        actions.save_row(ProgramTerms(program=program, fiscal_year=2027), acting_user=coordinator, seen_version=seen)
    assert program.terms.count() == 1


def test_the_edit_form_answers_409_and_keeps_the_input(make, as_coordinator, coordinator):
    program = make("p3")
    url = reverse("programs:edit", args=["p3"])
    form = as_coordinator.get(url).context["form"]
    actions.update_program(Program.objects.get(pk=program.pk), acting_user=coordinator, seen_version=program.version)
    data = {key: value for key, value in form.initial.items() if value not in (None, [], "")}
    data.update({"name_ja": "私の変更", "seen_version": program.version, "provider": program.provider_id,
                 "status": "active", "region_scope": "any"})
    response = as_coordinator.post(url, data)
    assert response.status_code == 409
    assert "私の変更" in response.content.decode()
    assert Program.objects.get(pk=program.pk).name_ja != "私の変更"


def test_only_coordinators_may_write(make, water_editor, viewer):
    program = make("p4")
    for user in (water_editor, viewer, None):
        with pytest.raises(PermissionDenied):
            actions.update_program(program, acting_user=user, seen_version=program.version)
        with pytest.raises(PermissionDenied):
            actions.save_row(ApplicationWindow(program=program, kind="rolling", fiscal_year=2026),
                             acting_user=user, seen_version=program.version)


def test_history_records_the_acting_user_for_programmes_terms_and_windows(make, coordinator):
    program = make("p5")
    program.contact = "窓口"
    actions.update_program(program, acting_user=coordinator, seen_version=program.version)
    window = ApplicationWindow(program=program, kind="rolling", fiscal_year=2026)
    actions.save_row(window, acting_user=coordinator, seen_version=program.version)
    actions.delete_row(window, acting_user=coordinator, seen_version=program.version)
    assert program.history.first().history_user == coordinator
    assert [r.history_type for r in ApplicationWindow.history.filter(program_id=program.pk).order_by("history_id")] == ["+", "-"]
    assert all(r.history_user == coordinator for r in ApplicationWindow.history.filter(program_id=program.pk))


def test_a_code_of_a_deleted_programme_cannot_be_reused(make, coordinator, provider):
    program = make("p6")
    actions.delete_program(program, acting_user=coordinator)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        actions.create_program(acting_user=coordinator, program=Program(code="p6", provider=provider, name_ja="別"))
    assert "復元" in str(error.value)


def test_terms_form_reads_fractions_and_era_years(make, as_coordinator):
    program = make("p7")
    response = as_coordinator.post(
        reverse("programs:terms_create", args=["p7"]),
        {"fiscal_year": "令和8年度", "rate": "2/3", "cap_jpy": "5000000", "cap_basis": "per_project",
         "cap_variants": "単独 | 3,000,000\n共同 | 5000000", "seen_version": program.version},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    terms = program.terms.get()
    assert (terms.fiscal_year, str(terms.rate)) == (2026, "0.6667")
    assert terms.cap_variants == [{"label": "単独", "amount_jpy": 3_000_000}, {"label": "共同", "amount_jpy": 5_000_000}]
    again = as_coordinator.post(
        reverse("programs:terms_create", args=["p7"]),
        {"fiscal_year": "2026", "seen_version": Program.objects.get(pk=program.pk).version},
    )
    assert again.status_code == 400
    assert "この年度の条件が既に登録されています" in again.content.decode()


def test_the_code_of_an_existing_programme_cannot_be_changed_in_the_form(make, as_coordinator):
    program = make("p8")
    url = reverse("programs:edit", args=["p8"])
    response = as_coordinator.post(url, {"code": "renamed", "name_ja": "名称変更", "provider": program.provider_id,
                                         "status": "active", "region_scope": "any", "seen_version": program.version})
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.code, program.name_ja) == ("p8", "名称変更")


def test_an_activity_type_cannot_be_both_funded_and_not_funded(make, as_coordinator):
    from tsunagu.portfolio.models import ActivityType

    program = make("p9")
    survey = ActivityType.objects.get(code="survey")
    training = ActivityType.objects.get(code="trainee-acceptance")
    url = reverse("programs:edit", args=["p9"])
    data = {"name_ja": "調査事業", "provider": program.provider_id, "status": "active", "region_scope": "any",
            "seen_version": program.version, "activity_types": [survey.pk, training.pk],
            "excluded_activity_types": [survey.pk]}
    response = as_coordinator.post(url, data)
    assert response.status_code == 400
    assert f"{survey.name_ja}は、対象の事業形態と対象外の事業形態の両方に" in response.content.decode()
    program.refresh_from_db()
    assert program.name_ja != "調査事業" and not program.excluded_activity_types.exists()


def test_the_admin_form_refuses_an_activity_type_both_funded_and_not_funded(make, coordinator):
    from django.contrib import admin
    from django.test import RequestFactory

    from tsunagu.portfolio.models import ActivityType

    program = make("p10")
    survey = ActivityType.objects.get(code="survey")
    request = RequestFactory().get("/admin/")
    request.user = coordinator
    form_class = admin.site._registry[Program].get_form(request, program)
    data = {"code": "p10", "name_ja": "調査事業", "provider": program.provider_id, "status": "active",
            "region_scope": "any", "funding_forms": "[]", "city_roles": "[]", "eligible_applicants": "[]",
            "links": "[]", "sources": "[]", "unconfirmed": "[]",
            "activity_types": [survey.pk], "excluded_activity_types": [survey.pk]}
    form = form_class(data, instance=program)
    assert not form.is_valid()
    assert "両方に選ばれています" in str(form.errors["excluded_activity_types"])
