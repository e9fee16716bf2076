"""Bad input gets a clear Japanese message on the form and saves nothing; unknown ids get the 404 page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AgreementFactory,
    NetworkFactory,
    OrganisationFactory,
    PlaceFactory,
    country,
)
from tsunagu.partners import actions
from tsunagu.partners.models import Agreement, NetworkMembership, Place

NOTHING_SAVED = "保存されていません。下の印の付いた項目を修正してください。"


def place_form(**overrides):
    data = {"country": country("VN").pk, "kind": "city", "name_ja": "フエ", "name_en": "Hue"}
    data.update(overrides)
    return data


def agreement_form(partner, **overrides):
    data = {"kind": "mou", "title_ja": "覚書", "place": partner.pk, "signed_on": "2015-04-01"}
    data.update(overrides)
    return data


def assert_refused(response, message: str) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTHING_SAVED in html
    assert message in html


# --- places -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("name_en", "hai phong", "この国には同じ英語名の相手都市がすでに登録されています。"),
        ("name_ja", "海防", "この国には同じ日本語名の相手都市がすでに登録されています。"),
    ],
)
def test_a_place_duplicated_in_the_same_country_is_a_form_error(as_water_editor, haiphong, field, typed, message):
    names = {"name_ja": "別名", "name_en": "Other name", field: typed}
    response = as_water_editor.post(reverse("partners:place_create"), place_form(**names))
    assert_refused(response, message)
    assert response.context["form"].errors[field] == [message]
    assert Place.all_objects.count() == 1


def test_the_same_name_in_another_country_is_fine(as_water_editor, haiphong):
    response = as_water_editor.post(
        reverse("partners:place_create"), place_form(country=country("TH").pk, name_ja="海防", name_en="Hai Phong")
    )
    assert response.status_code == 302
    assert Place.objects.filter(name_en="Hai Phong").count() == 2


def test_a_place_duplicating_a_deleted_one_says_it_can_be_restored(as_water_editor, haiphong):
    haiphong.deleted_at = timezone.now()
    haiphong.save()
    response = as_water_editor.post(reverse("partners:place_create"), place_form(name_ja="ハイフォン", name_en="Hai Phong"))
    assert_refused(
        response,
        "この国には同じ英語名の相手都市がすでに登録されています。（削除済みの記録です。国際政策課が復元できます。）",
    )
    assert Place.all_objects.count() == 1


def test_a_duplicate_that_slips_past_validation_is_still_refused_cleanly(monkeypatch, water_editor, haiphong):
    """Two people saving the same new place at once: the database constraint answers, not a 500."""
    monkeypatch.setattr(Place, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError):
        actions.create_place(
            {"country": haiphong.country, "name_ja": "海防", "name_en": "Hai Phong"}, acting_user=water_editor
        )
    assert Place.all_objects.count() == 1


@pytest.mark.parametrize(("given", "missing"), [({"latitude": "20.84"}, "longitude"), ({"longitude": "106.68"}, "latitude")])
def test_latitude_without_longitude_is_refused(as_water_editor, given, missing):
    response = as_water_editor.post(reverse("partners:place_create"), place_form(**given))
    message = "緯度と経度は両方入力するか、両方とも空欄にしてください。"
    assert_refused(response, message)
    assert response.context["form"].errors[missing] == [message]
    assert not Place.objects.exists()


def test_a_parent_place_in_another_country_is_refused(as_water_editor, dalian):
    response = as_water_editor.post(reverse("partners:place_create"), place_form(parent=dalian.pk))
    assert_refused(response, "上位の地域には同じ国の相手都市を選んでください。")
    assert not Place.objects.filter(name_en="Hue").exists()


def test_a_place_cannot_become_part_of_a_place_within_it(as_water_editor, vietnam):
    province = PlaceFactory(country=vietnam, kind=Place.Kind.PROVINCE, name_en="Province")
    city = PlaceFactory(country=vietnam, parent=province, name_en="City")
    response = as_water_editor.post(
        reverse("partners:place_edit", args=[province.pk]),
        place_form(name_ja=province.name_ja, name_en="Province", kind="province", parent=city.pk,
                   seen_version=province.version),
    )
    assert_refused(response, "相手都市を自分自身やその下位の都市に属させることはできません。")
    province.refresh_from_db()
    assert province.parent_id is None


def test_an_organisation_with_a_taken_japanese_name_is_refused(as_env_editor):
    OrganisationFactory(name_ja="国際協力機構")
    response = as_env_editor.post(
        reverse("partners:organisation_create"), {"kind": "agency", "name_ja": "国際協力機構"}
    )
    assert_refused(response, "同じ日本語名の相手機関がすでに登録されています。")


# --- agreements ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("ended_on", "協定の終了日を締結日より前にすることはできません。"),
        ("renewed_on", "協定の更新日を締結日より前にすることはできません。"),
    ],
)
def test_an_agreement_ending_or_renewed_before_it_was_signed_is_refused(as_coordinator, haiphong, field, message):
    response = as_coordinator.post(
        reverse("partners:agreement_create"), agreement_form(haiphong, **{field: "2015-03-31"})
    )
    assert_refused(response, message)
    assert response.context["form"].errors[field] == [message]
    assert not Agreement.objects.exists()


def test_an_agreement_needs_a_partner(as_coordinator, haiphong):
    response = as_coordinator.post(reverse("partners:agreement_create"), agreement_form(haiphong, place=""))
    assert_refused(response, "相手都市または相手機関を選んでください。")


def test_an_edit_that_would_end_an_agreement_before_signing_keeps_the_stored_one(as_coordinator, haiphong_agreement):
    response = as_coordinator.post(
        reverse("partners:agreement_edit", args=[haiphong_agreement.pk]),
        agreement_form(haiphong_agreement.place, title_ja="変更後", signed_on="2014-04-21", ended_on="2014-01-01",
                       kind=haiphong_agreement.kind, seen_version=haiphong_agreement.version),
    )
    assert_refused(response, "協定の終了日を締結日より前にすることはできません。")
    haiphong_agreement.refresh_from_db()
    assert (haiphong_agreement.title_ja, haiphong_agreement.ended_on) == ("海防市との友好・協力協定", None)


# --- networks ---------------------------------------------------------------------------


def members_data(prefix_rows, total_forms=None, initial=0):
    data = {
        "members-TOTAL_FORMS": str(total_forms if total_forms is not None else len(prefix_rows)),
        "members-INITIAL_FORMS": str(initial),
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(prefix_rows):
        for key, value in row.items():
            data[f"members-{i}-{key}"] = value
    return data


def test_a_member_leaving_before_joining_saves_nothing(as_coordinator, dalian):
    data = {"name_ja": "新ネットワーク"}
    data.update(members_data([{"place": dalian.pk, "role": "member", "joined_on": "2010-04-01", "left_on": "2009-04-01"}]))
    response = as_coordinator.post(reverse("partners:network_create"), data)
    assert_refused(response, "脱退日を加盟日より前にすることはできません。")
    assert not NetworkMembership.objects.exists()


def test_the_same_place_twice_in_a_network_is_refused(as_coordinator, dalian):
    network = NetworkFactory()
    data = {"name_ja": network.name_ja, "seen_version": network.version}
    data.update(members_data([{"place": dalian.pk, "role": "member"}, {"place": dalian.pk, "role": "chair"}]))
    response = as_coordinator.post(reverse("partners:network_edit", args=[network.pk]), data)
    assert response.status_code == 200
    assert NOTHING_SAVED in response.content.decode()
    assert not NetworkMembership.objects.exists()


# --- unknown and deleted ids -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("partners:place", args=[999999]),
        reverse("partners:place_edit", args=[999999]),
        reverse("partners:organisation", args=[999999]),
        reverse("partners:agreement", args=[999999]),
        reverse("partners:agreement_edit", args=[999999]),
        reverse("partners:network", args=[999999]),
        reverse("partners:network_delete", args=[999999]),
        reverse("partners:place_restore", args=[999999]),
        reverse("partners:country", args=["ZZ"]),
    ],
)
def test_an_unknown_id_gets_the_404_page(as_coordinator, url):
    response = as_coordinator.get(url)
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_a_deleted_record_is_not_found_at_its_address(as_coordinator, as_viewer, haiphong):
    haiphong.deleted_at = timezone.now()
    haiphong.save()
    for client in (as_coordinator, as_viewer):
        assert client.get(haiphong.get_absolute_url()).status_code == 404
    # Only a coordinator reaches it, on its restore page.
    assert as_coordinator.get(reverse("partners:place_restore", args=[haiphong.pk])).status_code == 200


def test_a_live_record_has_no_restore_page(as_coordinator, haiphong):
    assert as_coordinator.get(reverse("partners:place_restore", args=[haiphong.pk])).status_code == 404


def test_actions_validate_whatever_the_caller(coordinator, haiphong):
    """The demo loader or an importer calling actions directly gets the same rules as the forms."""
    with pytest.raises(ValidationError) as raised:
        actions.create_agreement(
            {"kind": "mou", "title_ja": "覚書", "place": haiphong, "signed_on": datetime.date(2020, 4, 1),
             "ended_on": datetime.date(2020, 1, 1)},
            acting_user=coordinator,
        )
    assert "ended_on" in raised.value.error_dict
    assert not Agreement.objects.exists()
    AgreementFactory(place=haiphong)  # the factory itself is fine


def test_a_place_with_a_parent_can_still_be_edited(as_water_editor, vietnam):
    province = PlaceFactory(country=vietnam, kind=Place.Kind.PROVINCE, name_en="Province")
    city = PlaceFactory(country=vietnam, parent=province, name_en="City")
    response = as_water_editor.post(
        reverse("partners:place_edit", args=[city.pk]),
        place_form(name_ja=city.name_ja, name_en="City renamed", kind="city", parent=province.pk,
                   seen_version=city.version),
    )
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.name_en, city.parent_id) == ("City renamed", province.pk)
