"""Every change is in the record's history on its page; deleting hides, a coordinator restores."""

import pytest
from django.urls import reverse

from tests.factories import AgreementFactory, NetworkFactory, OrganisationFactory, PlaceFactory
from tsunagu.partners.models import Agreement, Network, NetworkMembership, Organisation, Place


def test_an_edit_shows_in_the_history_on_the_place_page(as_water_editor, water_editor, as_viewer, haiphong):
    water_editor.full_name = "中島 浩二"
    water_editor.save()
    response = as_water_editor.post(
        reverse("partners:place_edit", args=[haiphong.pk]),
        {"country": haiphong.country_id, "kind": "city", "name_ja": "ハイフォン", "name_en": "Hai Phong",
         "name_local": "Hải Phòng", "latitude": "20.8449", "longitude": "106.6881",
         "seen_version": haiphong.version},
    )
    assert response.status_code == 302
    page = as_viewer.get(haiphong.get_absolute_url()).content.decode()
    assert "変更履歴" in page
    assert "中島 浩二" in page
    assert "海防 → ハイフォン" in page


@pytest.mark.parametrize(
    ("model", "factory", "key"),
    [
        (Place, PlaceFactory, "place"),
        (Organisation, OrganisationFactory, "organisation"),
        (Agreement, AgreementFactory, "agreement"),
        (Network, NetworkFactory, "network"),
    ],
)
def test_a_coordinator_deletes_and_restores_a_record(as_coordinator, coordinator, model, factory, key):
    record = factory()
    list_url = reverse(f"partners:{key}_list")
    response = as_coordinator.post(
        reverse(f"partners:{key}_delete", args=[record.pk]), {"seen_version": record.version}
    )
    assert response.status_code == 302 and response["Location"] == list_url
    assert not model.objects.filter(pk=record.pk).exists()
    assert model.all_objects.get(pk=record.pk).is_deleted
    assert as_coordinator.get(record.get_absolute_url()).status_code == 404

    deleted_page = as_coordinator.get(reverse(f"partners:{key}_deleted_list")).content.decode()
    assert reverse(f"partners:{key}_restore", args=[record.pk]) in deleted_page

    fresh = model.all_objects.get(pk=record.pk)
    response = as_coordinator.post(
        reverse(f"partners:{key}_restore", args=[record.pk]), {"seen_version": fresh.version}
    )
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    assert model.objects.filter(pk=record.pk).exists()

    response = as_coordinator.get(record.get_absolute_url())
    history = response.context["history"]
    assert [entry.kind for entry in history] == ["restored", "deleted", "+"]
    assert history[0].who == coordinator and history[1].who == coordinator
    assert '<section class="history"' in response.content.decode()


@pytest.mark.parametrize("who", ["as_water_editor", "as_env_editor", "as_viewer"])
def test_deleting_and_restoring_are_refused_to_others(request, who, haiphong):
    client = request.getfixturevalue(who)
    assert client.post(reverse("partners:place_delete", args=[haiphong.pk]), {}).status_code == 403
    assert Place.objects.filter(pk=haiphong.pk).exists()
    gone = PlaceFactory()
    gone.mark_deleted()
    gone.save()
    assert client.post(reverse("partners:place_restore", args=[gone.pk]), {}).status_code == 403
    assert Place.all_objects.get(pk=gone.pk).is_deleted


def test_a_place_with_agreements_cannot_be_deleted(as_coordinator, haiphong_agreement):
    place = haiphong_agreement.place
    page = as_coordinator.get(reverse("partners:place_delete", args=[place.pk])).content.decode()
    assert "次の記録がこの記録を参照しているため、削除できません。" in page
    assert "協定 1件" in page
    response = as_coordinator.post(reverse("partners:place_delete", args=[place.pk]), {"seen_version": place.version})
    assert response.status_code == 200
    assert "協定 1件" in response.content.decode()
    assert Place.objects.filter(pk=place.pk).exists()


def test_network_members_are_edited_with_the_network_and_their_changes_shown(
    as_coordinator, coordinator, network, haiphong, dalian
):
    dalian_membership = network.memberships.get()
    data = {
        "name_ja": network.name_ja, "name_en": network.name_en, "seen_version": network.version,
        "members-TOTAL_FORMS": "2", "members-INITIAL_FORMS": "1",
        "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000",
        "members-0-id": dalian_membership.pk, "members-0-network": network.pk,
        "members-0-place": dalian.pk, "members-0-role": "founder", "members-0-DELETE": "on",
        "members-1-place": haiphong.pk, "members-1-role": "secretariat", "members-1-joined_on": "2010-04-01",
    }
    response = as_coordinator.post(reverse("partners:network_edit", args=[network.pk]), data)
    assert response.status_code == 302
    assert list(network.memberships.values_list("place__name_en", "role")) == [("Hai Phong", "secretariat")]
    assert NetworkMembership.history.filter(network_id=network.pk, history_type="-").get().history_user == coordinator

    page = as_coordinator.get(network.get_absolute_url()).content.decode()
    assert "加盟都市の変更履歴" in page
    assert "除外" in page and "追加" in page
    network.refresh_from_db()
    assert network.version == 2  # the member list is guarded by the network's version


def test_a_record_pointing_at_a_deleted_one_is_restored_only_after_it(as_coordinator, coordinator, vietnam):
    from tsunagu.partners import actions

    province = PlaceFactory(country=vietnam, kind=Place.Kind.PROVINCE)
    city = PlaceFactory(country=vietnam, parent=province)
    actions.delete_place(city, acting_user=coordinator)
    actions.delete_place(province, acting_user=coordinator)

    response = as_coordinator.post(reverse("partners:place_restore", args=[city.pk]), {})
    assert response.status_code == 200
    assert "削除済みの記録を先に復元してください" in response.content.decode()
    assert Place.all_objects.get(pk=city.pk).is_deleted

    actions.restore_place(Place.all_objects.get(pk=province.pk), acting_user=coordinator)
    actions.restore_place(Place.all_objects.get(pk=city.pk), acting_user=coordinator)
    assert Place.objects.filter(pk__in=[city.pk, province.pk]).count() == 2
