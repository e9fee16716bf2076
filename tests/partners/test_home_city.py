"""The city itself is a Place (a network member, the seat of local companies) but never a partner place:
it is left out of the lists, pickers and country dossiers of partner places (相手都市)."""

import re

import pytest
from django.core.exceptions import ValidationError

from tests.factories import NetworkFactory, PlaceFactory, country
from tsunagu.partners.models import NetworkMembership, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(db):
    return PlaceFactory(country=country("JP"), name_ja="北九州", name_en="Kitakyushu", is_home=True)


@pytest.fixture
def fukuoka(db):
    return PlaceFactory(country=country("JP"), name_ja="福岡", name_en="Fukuoka")


def options(page: str, name: str) -> str:
    """The <option>s of the select named ``name``."""
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert match, f"no select {name}"
    return match.group(1)


def test_the_place_list_leaves_the_city_itself_out(as_viewer, home, fukuoka):
    page = as_viewer.get("/partners/places/").content.decode()
    assert "福岡" in page and "北九州" not in page


def test_the_country_page_lists_partner_places_only(as_viewer, home, fukuoka):
    page = as_viewer.get("/partners/countries/JP/").content.decode()
    assert "福岡" in page and "北九州" not in page


def test_pickers_of_partner_places_leave_it_out(as_coordinator, home, fukuoka, water_bureau):
    agreement_form = as_coordinator.get("/partners/agreements/new/").content.decode()
    assert "福岡" in options(agreement_form, "place") and "北九州" not in options(agreement_form, "place")
    project_form = as_coordinator.get("/projects/new/").content.decode()
    assert "福岡（日本）" in project_form and "北九州" not in project_form
    agreements = as_coordinator.get("/partners/agreements/").content.decode()
    assert "北九州" not in options(agreements, "place")


def test_it_remains_a_place_a_network_can_have_as_member(as_coordinator, home):
    network = NetworkFactory()
    NetworkMembership.objects.create(network=network, place=home)
    assert as_coordinator.get(f"/partners/places/{home.pk}/").status_code == 200
    page = as_coordinator.get(f"/partners/networks/{network.pk}/").content.decode()
    assert "北九州" in page
    edit = as_coordinator.get(f"/partners/networks/{network.pk}/edit/").content.decode()
    assert "北九州" in edit


def test_only_one_place_is_the_city_itself(home):
    other = Place(country=country("JP"), name_ja="下関", name_en="Shimonoseki", is_home=True)
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "is_home" in error.value.message_dict
