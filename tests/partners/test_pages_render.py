"""Every partners page renders for a reader, in Japanese and in English."""

import pytest
from django.urls import reverse


@pytest.fixture
def picture(haiphong_agreement, network, organisation, dalian):
    return {"place": haiphong_agreement.place, "agreement": haiphong_agreement, "network": network,
            "organisation": organisation}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_read_page_renders(as_viewer, picture, lang):
    urls = [
        reverse("partners:place_list"),
        reverse("partners:place", args=[picture["place"].pk]),
        reverse("partners:country_list"),
        reverse("partners:country", args=["VN"]),
        reverse("partners:country", args=["cn"]),
        reverse("partners:organisation_list"),
        reverse("partners:organisation", args=[picture["organisation"].pk]),
        reverse("partners:agreement_list"),
        reverse("partners:agreement", args=[picture["agreement"].pk]),
        reverse("partners:network_list"),
        reverse("partners:network", args=[picture["network"].pk]),
    ]
    for url in urls:
        response = as_viewer.get(url, {"lang": lang})
        assert response.status_code == 200, url


def test_every_write_page_renders_for_the_coordinator(as_coordinator, picture):
    place, agreement, network, organisation = (
        picture["place"], picture["agreement"], picture["network"], picture["organisation"]
    )
    urls = [
        reverse("partners:place_create"),
        reverse("partners:place_create") + f"?parent={place.pk}",
        reverse("partners:place_edit", args=[place.pk]),
        reverse("partners:place_delete", args=[place.pk]),
        reverse("partners:place_deleted_list"),
        reverse("partners:organisation_create"),
        reverse("partners:organisation_edit", args=[organisation.pk]),
        reverse("partners:organisation_delete", args=[organisation.pk]),
        reverse("partners:organisation_deleted_list"),
        reverse("partners:agreement_create") + f"?place={place.pk}",
        reverse("partners:agreement_edit", args=[agreement.pk]),
        reverse("partners:agreement_delete", args=[agreement.pk]),
        reverse("partners:agreement_deleted_list"),
        reverse("partners:network_create"),
        reverse("partners:network_edit", args=[network.pk]),
        reverse("partners:network_delete", args=[network.pk]),
        reverse("partners:network_deleted_list"),
    ]
    for url in urls:
        response = as_coordinator.get(url)
        assert response.status_code == 200, url
