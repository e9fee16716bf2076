"""The admin writes through partners.actions: history user, version, soft delete, restore."""

from django.urls import reverse

from tsunagu.partners.models import Agreement, NetworkMembership, Place


def place_post(place, **changes):
    data = {"country": place.country_id, "kind": place.kind, "name_ja": place.name_ja, "name_en": place.name_en,
            "name_local": place.name_local, "seen_version": place.version}
    data.update(changes)
    return data


def test_an_admin_change_is_validated_versioned_and_attributed(as_coordinator, coordinator, haiphong):
    response = as_coordinator.post(
        reverse("admin:partners_place_change", args=[haiphong.pk]), place_post(haiphong, notes="2026年度に訪問予定")
    )
    assert response.status_code == 302
    haiphong.refresh_from_db()
    assert haiphong.notes == "2026年度に訪問予定"
    assert haiphong.version == 2
    assert haiphong.history.first().history_user == coordinator


def test_an_admin_change_gets_the_same_validation_as_the_form(as_coordinator, haiphong, dalian):
    response = as_coordinator.post(
        reverse("admin:partners_place_change", args=[haiphong.pk]), place_post(haiphong, parent=dalian.pk)
    )
    assert response.status_code == 200
    assert "上位の地域には同じ国の相手都市を選んでください。" in response.content.decode()
    haiphong.refresh_from_db()
    assert haiphong.parent_id is None


def test_adding_in_the_admin_goes_through_the_actions(as_coordinator, coordinator, vietnam):
    response = as_coordinator.post(
        reverse("admin:partners_place_add"),
        {"country": vietnam.pk, "kind": "city", "name_ja": "ダナン", "name_en": "Da Nang"},
    )
    assert response.status_code == 302
    place = Place.objects.get(name_en="Da Nang")
    assert place.history.get().history_user == coordinator


def test_deleting_in_the_admin_is_soft_and_restorable(as_coordinator, coordinator, haiphong):
    url = reverse("admin:partners_place_delete", args=[haiphong.pk])
    assert as_coordinator.get(url).status_code == 200
    response = as_coordinator.post(url, {"post": "yes"})
    assert response.status_code == 302
    haiphong = Place.all_objects.get(pk=haiphong.pk)
    assert haiphong.is_deleted
    assert haiphong.history.first().history_user == coordinator

    response = as_coordinator.post(
        reverse("admin:partners_place_changelist"),
        {"action": "restore_selected", "_selected_action": [haiphong.pk]},
    )
    assert response.status_code == 302
    assert Place.objects.filter(pk=haiphong.pk).exists()


def test_the_admin_will_not_delete_a_place_others_refer_to(as_coordinator, haiphong_agreement):
    place = haiphong_agreement.place
    response = as_coordinator.get(reverse("admin:partners_place_delete", args=[place.pk]))
    assert "協定 1件" in response.content.decode()
    as_coordinator.post(reverse("admin:partners_place_delete", args=[place.pk]), {"post": "yes"})
    assert Place.objects.filter(pk=place.pk).exists()


def test_deleted_records_can_be_listed_in_the_admin(as_coordinator, haiphong_agreement):
    haiphong_agreement.mark_deleted()
    haiphong_agreement.save()
    response = as_coordinator.get(reverse("admin:partners_agreement_changelist"), {"deleted": "yes"})
    assert list(response.context["cl"].queryset) == [Agreement.all_objects.get(pk=haiphong_agreement.pk)]


def test_network_members_edited_in_the_admin_record_who_did_it(as_coordinator, coordinator, network, haiphong):
    membership = network.memberships.get()
    data = {
        "name_ja": network.name_ja, "name_en": network.name_en, "seen_version": network.version,
        "memberships-TOTAL_FORMS": "2", "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": membership.pk, "memberships-0-network": network.pk,
        "memberships-0-place": membership.place_id, "memberships-0-role": "founder",
        "memberships-1-network": network.pk, "memberships-1-place": haiphong.pk, "memberships-1-role": "member",
    }
    response = as_coordinator.post(reverse("admin:partners_network_change", args=[network.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    added = NetworkMembership.objects.get(network=network, place=haiphong)
    assert added.history.get().history_user == coordinator
