"""Fixtures of the catalogue tests: the seeded catalogue and small programmes built by hand."""

import datetime

import pytest

from tests.factories import OrganisationFactory
from tsunagu.partners.models import Organisation
from tsunagu.portfolio.models import Field
from tsunagu.programs.models import ApplicationWindow, Program, ProgramTerms
from tsunagu.programs.transfer.seed import load_programs


@pytest.fixture
def catalogue(db):
    """The 24 programmes of the reference file."""
    load_programs()
    return Program.objects.all()


@pytest.fixture
def provider(db):
    return OrganisationFactory(name_ja="テスト財団", name_en="Test Foundation", kind=Organisation.Kind.AGENCY)


def make_program(code: str, provider, *, fields=(), terms=(), windows=(), **values) -> Program:
    program = Program(code=code, provider=provider, name_ja=values.pop("name_ja", f"支援{code}"), **values)
    program.full_clean()
    program.save()
    if fields:
        program.fields.set(Field.objects.filter(code__in=fields))
    for row in terms:
        ProgramTerms.objects.create(program=program, **row)
    for row in windows:
        ApplicationWindow.objects.create(program=program, **row)
    return program


@pytest.fixture
def make(provider):
    def build(code, **values):
        return make_program(code, values.pop("provider", provider), **values)

    return build


TODAY = datetime.date(2026, 5, 15)


@pytest.fixture
def fixed_today(monkeypatch):
    """The catalogue pages' “today” (window status) pinned to 2026-05-15."""
    from tsunagu.programs.catalogue import queries

    monkeypatch.setattr(queries, "today", lambda: TODAY)
    return TODAY
