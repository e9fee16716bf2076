"""Partners fixtures: a small Kitakyushu-like picture (Hai Phong, Dalian, a network)."""

import datetime

import pytest

from tests.conftest import client_for
from tests.factories import (
    AgreementFactory,
    NetworkFactory,
    OrganisationFactory,
    PlaceFactory,
    country,
)
from tsunagu.partners.models import Agreement, NetworkMembership, Organisation


@pytest.fixture
def as_admin(admin_user):
    return client_for(admin_user)


@pytest.fixture
def vietnam(db):
    return country("VN")


@pytest.fixture
def haiphong(vietnam):
    return PlaceFactory(
        country=vietnam, name_ja="海防", name_en="Hai Phong", name_local="Hải Phòng",
        latitude="20.844900", longitude="106.688100",
    )


@pytest.fixture
def dalian(db):
    return PlaceFactory(country=country("CN"), name_ja="大連", name_en="Dalian", name_local="大连市")


@pytest.fixture
def haiphong_agreement(haiphong):
    return AgreementFactory(
        place=haiphong,
        kind=Agreement.Kind.FRIENDSHIP_COOPERATION,
        title_ja="海防市との友好・協力協定",
        title_en="Friendship and Cooperation Agreement with Hai Phong",
        signed_on=datetime.date(2014, 4, 21),
        signatory_city="北九州市長",
        signatory_partner="海防市人民委員会委員長",
        letter_references="北九国政第12号",
    )


@pytest.fixture
def network(dalian, haiphong):
    network = NetworkFactory(name_ja="東アジア経済交流推進機構", name_en="Organization for East Asia Economic Development")
    NetworkMembership.objects.create(
        network=network, place=dalian, role=NetworkMembership.Role.FOUNDER, joined_on=datetime.date(2004, 11, 1)
    )
    return network


@pytest.fixture
def organisation(haiphong):
    return OrganisationFactory(
        name_ja="海防市上下水道公社", name_en="Hai Phong Water Supply", country=haiphong.country,
        place=haiphong, kind=Organisation.Kind.COMPANY,
    )
