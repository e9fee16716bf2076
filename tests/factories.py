"""Factories for test data. Reference data (countries, fields, SDGs) comes from migrations."""

import datetime

import factory

from tsunagu.org.models import Department, User
from tsunagu.partners.models import Agreement, Country, Network, Organisation, Place
from tsunagu.portfolio.models import BudgetLine, Project, ProjectPartner


def country(code: str) -> Country:
    return Country.objects.get(code=code)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept-{n}")
    name_ja = factory.Sequence(lambda n: f"部署{n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")
    kind = Department.Kind.BUREAU


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.VIEWER
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)
        if create:
            self.save()


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    country = factory.LazyFunction(lambda: country("VN"))
    name_ja = factory.Sequence(lambda n: f"都市{n}")
    name_en = factory.Sequence(lambda n: f"City {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.AGENCY
    name_ja = factory.Sequence(lambda n: f"機関{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title_ja = factory.Sequence(lambda n: f"事業{n}")
    title_en = factory.Sequence(lambda n: f"Project {n}")
    lead_department = factory.SubFactory(DepartmentFactory)
    status = Project.Status.RUNNING
    start_date = datetime.date(2024, 4, 1)
    end_date = datetime.date(2027, 3, 31)


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    place = factory.SubFactory(PlaceFactory)
    role = ProjectPartner.Role.COUNTERPART


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    fiscal_year = 2024
    source = BudgetLine.Source.CITY
    amount_jpy = 1_000_000


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    kind = Agreement.Kind.FRIENDSHIP_COOPERATION
    title_ja = factory.Sequence(lambda n: f"協定{n}")
    place = factory.SubFactory(PlaceFactory)
    signed_on = datetime.date(2014, 4, 21)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name_ja = factory.Sequence(lambda n: f"ネットワーク{n}")
    name_en = factory.Sequence(lambda n: f"Network {n}")
