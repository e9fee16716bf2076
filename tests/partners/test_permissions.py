"""Who may change partners records, checked on every write endpoint: by form, by direct POST, by admin.

Places and organisations are shared reference data: any department editor may
add or correct them (an "other" department's editor as much as the one who
created the record). Agreements and networks are the coordinator's work.
Deleting and restoring: coordinators only. Viewers (the outsiders) read only.
"""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    AgreementFactory,
    NetworkFactory,
    OrganisationFactory,
    PlaceFactory,
    country,
)
from tsunagu.partners import actions
from tsunagu.partners.models import Agreement, Network, Organisation, Place

CAST = ["as_coordinator", "as_water_editor", "as_env_editor", "as_viewer"]
REFERENCE_EDITORS = {"as_coordinator", "as_water_editor", "as_env_editor"}
COORDINATORS = {"as_coordinator"}


@pytest.fixture
def records(coordinator, water_editor):
    """One live and one deleted record of each kind; the place was created by the water editor."""
    place = actions.create_place(
        {"country": country("VN"), "name_ja": "海防", "name_en": "Hai Phong"}, acting_user=water_editor
    )
    deleted = {
        "place": PlaceFactory(deleted_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)),
        "organisation": OrganisationFactory(deleted_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)),
        "agreement": AgreementFactory(deleted_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)),
        "network": NetworkFactory(deleted_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)),
    }
    return {
        "place": place,
        "organisation": OrganisationFactory(),
        "agreement": AgreementFactory(place=PlaceFactory()),
        "network": NetworkFactory(),
        "deleted": deleted,
    }


def write_endpoints(records):
    """(description, url, who may use it) for every write page."""
    endpoints = []
    for key, allowed in [
        ("place", REFERENCE_EDITORS),
        ("organisation", REFERENCE_EDITORS),
        ("agreement", COORDINATORS),
        ("network", COORDINATORS),
    ]:
        live, deleted = records[key], records["deleted"][key]
        endpoints += [
            (f"{key} create", reverse(f"partners:{key}_create"), allowed),
            (f"{key} edit", reverse(f"partners:{key}_edit", args=[live.pk]), allowed),
            (f"{key} delete", reverse(f"partners:{key}_delete", args=[live.pk]), COORDINATORS),
            (f"{key} deleted list", reverse(f"partners:{key}_deleted_list"), COORDINATORS),
            (f"{key} restore", reverse(f"partners:{key}_restore", args=[deleted.pk]), COORDINATORS),
        ]
    return endpoints


@pytest.mark.parametrize("who", CAST)
def test_each_write_form_opens_only_for_those_allowed(request, records, who):
    client = request.getfixturevalue(who)
    for description, url, allowed in write_endpoints(records):
        response = client.get(url)
        if who in allowed:
            assert response.status_code == 200, description
        else:
            assert response.status_code == 403, description
            assert "403.html" in [t.name for t in response.templates], description


@pytest.mark.parametrize("who", CAST)
def test_a_direct_post_by_someone_not_allowed_changes_nothing(request, records, who):
    client = request.getfixturevalue(who)
    counts_before = {m: m.all_objects.count() for m in (Place, Organisation, Agreement, Network)}
    versions_before = {k: records[k].version for k in ("place", "organisation", "agreement", "network")}
    for description, url, allowed in write_endpoints(records):
        if who in allowed:
            continue
        response = client.post(url, {"name_ja": "書き換え", "name_en": "Overwritten", "title_ja": "書き換え",
                                     "kind": "city", "country": country("VN").pk, "seen_version": 1})
        assert response.status_code == 403, description
    assert counts_before == {m: m.all_objects.count() for m in (Place, Organisation, Agreement, Network)}
    for key, version in versions_before.items():
        fresh = type(records[key]).all_objects.get(pk=records[key].pk)
        assert fresh.version == version and fresh.deleted_at is None, key
    for deleted in records["deleted"].values():
        assert type(deleted).all_objects.get(pk=deleted.pk).is_deleted


def test_an_editor_of_another_department_may_correct_a_shared_place(as_env_editor, env_editor, records):
    place = records["place"]  # created by the water editor
    response = as_env_editor.post(
        reverse("partners:place_edit", args=[place.pk]),
        {"country": place.country_id, "kind": "city", "name_ja": "海防", "name_en": "Haiphong",
         "seen_version": place.version},
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.name_en == "Haiphong"
    assert place.history.first().history_user == env_editor


@pytest.mark.parametrize("who", ["as_water_editor", "as_env_editor", "as_viewer"])
def test_only_a_coordinator_may_create_an_agreement(request, who, records):
    client = request.getfixturevalue(who)
    response = client.post(
        reverse("partners:agreement_create"),
        {"kind": "mou", "title_ja": "覚書", "place": records["place"].pk, "signed_on": "2020-04-01"},
    )
    assert response.status_code == 403
    assert not Agreement.objects.filter(title_ja="覚書").exists()


def test_a_coordinator_creates_an_agreement_and_is_recorded_as_its_author(as_coordinator, coordinator, records):
    response = as_coordinator.post(
        reverse("partners:agreement_create"),
        {"kind": "mou", "title_ja": "覚書", "place": records["place"].pk, "signed_on": "2020-04-01"},
    )
    agreement = Agreement.objects.get(title_ja="覚書")
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    assert agreement.history.get().history_user == coordinator


def test_a_viewer_reads_every_partners_page_but_sees_no_write_buttons(as_viewer, records):
    for key in ("place", "organisation", "agreement", "network"):
        response = as_viewer.get(records[key].get_absolute_url())
        assert response.status_code == 200
        assert reverse(f"partners:{key}_edit", args=[records[key].pk]) not in response.content.decode()
        assert reverse(f"partners:{key}_delete", args=[records[key].pk]) not in response.content.decode()


def test_anonymous_users_are_sent_to_the_login_page(client, records):
    for url in [reverse("partners:place_list"), records["place"].get_absolute_url(), reverse("partners:place_create")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- the admin applies the same rules ----------------------------------------------


def admin_change_url(record) -> str:
    return reverse(f"admin:partners_{type(record)._meta.model_name}_change", args=[record.pk])


@pytest.mark.parametrize("who", ["as_water_editor", "as_env_editor", "as_viewer"])
def test_the_admin_is_closed_to_editors_and_viewers(request, records, who):
    client = request.getfixturevalue(who)
    for key in ("place", "organisation", "agreement", "network"):
        url = admin_change_url(records[key])
        assert client.get(url).status_code == 302  # to the admin login
        client.post(url, {"name_ja": "書き換え", "title_ja": "書き換え"})
        fresh = type(records[key]).objects.get(pk=records[key].pk)
        assert fresh.version == records[key].version


@pytest.mark.parametrize("who", ["as_coordinator", "as_admin"])
def test_coordinators_and_administrators_open_every_admin_change_page(request, records, who):
    client = request.getfixturevalue(who)
    for key in ("place", "organisation", "agreement", "network"):
        assert client.get(admin_change_url(records[key])).status_code == 200, key
    assert client.get(reverse("admin:partners_country_change", args=[country("VN").pk])).status_code == 200


def test_nobody_adds_or_deletes_iso_countries_in_the_admin(as_coordinator):
    assert as_coordinator.get(reverse("admin:partners_country_add")).status_code == 403
    assert as_coordinator.get(
        reverse("admin:partners_country_delete", args=[country("VN").pk])
    ).status_code == 403


def test_the_admin_permission_methods_follow_the_partners_rules(rf, coordinator, water_editor, viewer):
    from django.contrib import admin

    place_admin = admin.site._registry[Place]
    agreement_admin = admin.site._registry[Agreement]
    for user, can_edit_place, can_edit_agreement, can_delete in [
        (coordinator, True, True, True),
        (water_editor, False, False, False),  # not staff: the admin is for data stewards
        (viewer, False, False, False),
    ]:
        request = rf.get("/admin/")
        request.user = user
        assert place_admin.has_change_permission(request) is can_edit_place
        assert place_admin.has_add_permission(request) is can_edit_place
        assert agreement_admin.has_change_permission(request) is can_edit_agreement
        assert place_admin.has_delete_permission(request) is can_delete
