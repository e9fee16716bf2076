"""The synthetic city: deterministic by seed, honours the counts, never duplicates."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F

from tsunagu.demo.generate import CitySize, generate_city
from tsunagu.demo.loader import load_demo
from tsunagu.org.models import Department, User
from tsunagu.partners.models import Agreement, Network, NetworkMembership, Organisation, Place
from tsunagu.portfolio.models import BudgetLine, Project, ProjectPartner

SMALL = CitySize(
    departments=12, projects=60, fiscal_years=8, places=40, countries=9, organisations=15, agreements=10,
    networks=3, last_fiscal_year=2026,
)


def snapshot() -> dict:
    """What a seed determines: titles, dates, statuses, places and amounts, in creation order."""
    return {
        "projects": list(Project.objects.order_by("pk").values_list(
            "title_ja", "title_en", "start_date", "end_date", "status", "lead_department__code")),
        "budget": list(BudgetLine.objects.order_by("pk").values_list(
            "fiscal_year", "source", "amount_jpy", "currency", "amount_foreign", "source_name")),
        "places": list(Place.objects.order_by("pk").values_list("name_ja", "name_en", "country__code", "latitude")),
        "agreements": list(Agreement.objects.order_by("pk").values_list("title_ja", "signed_on")),
        "partners": list(ProjectPartner.objects.order_by("pk").values_list("project__title_ja", "place__name_en")),
    }


def generated(seed: int, size: CitySize = SMALL) -> dict:
    """Generate inside a savepoint, read what was made, then undo it."""
    with transaction.atomic():
        generate_city(seed, size)
        result = snapshot()
        transaction.set_rollback(True)
    return result


def test_the_same_seed_gives_the_same_city(db):
    first = generated(7)
    second = generated(7)
    assert first == second
    assert len(first["projects"]) == SMALL.projects


def test_another_seed_gives_another_city(db):
    assert generated(7)["projects"] != generated(8)["projects"]


def test_the_counts_are_honoured(db):
    result = generate_city(3, SMALL)
    prefix = "gen3-"
    assert Department.objects.filter(code__startswith=prefix).count() == SMALL.departments
    assert Project.objects.count() == SMALL.projects
    assert Place.objects.count() == SMALL.places
    assert Place.objects.values("country").distinct().count() == SMALL.countries
    assert Organisation.objects.count() == SMALL.organisations
    assert Agreement.objects.count() == SMALL.agreements
    assert Network.objects.count() == SMALL.networks
    years = set(BudgetLine.objects.values_list("fiscal_year", flat=True))
    assert min(years) >= SMALL.last_fiscal_year - SMALL.fiscal_years + 1
    assert max(years) <= SMALL.last_fiscal_year + 1
    assert result.counts["projects"] == SMALL.projects
    assert result.counts["budget lines"] == BudgetLine.objects.count() > SMALL.projects


def test_the_department_tree_has_bureaus_departments_and_sections(db):
    generate_city(4, SMALL)
    kinds = dict(Department.objects.values_list("kind").annotate(n=Count("pk")))
    assert set(kinds) == {"bureau", "department", "section"}
    assert not Department.objects.filter(kind="section", parent__isnull=True).exists()
    editors = User.objects.filter(username__startswith="gen4-editor")
    assert editors.count() == kinds["bureau"]
    assert not any(user.has_usable_password() for user in editors)


def test_running_twice_with_the_same_seed_adds_nothing(db):
    generate_city(5, SMALL)
    projects = Project.objects.count()
    again = generate_city(5, SMALL)
    assert again.skipped
    assert Project.objects.count() == projects


def test_generated_records_are_sample_data_and_pass_validation(db):
    generate_city(6, SMALL)
    for model in (Place, Organisation, Agreement, Network, Project):
        assert not model.objects.filter(is_sample=False).exists(), model
    for model in (Department, Organisation, Agreement, Project, BudgetLine, ProjectPartner, NetworkMembership):
        for obj in model._base_manager.all():
            obj.full_clean()
    # Places are checked field by field and for their parent rule directly: the
    # parent check of Place.clean is being reworked in the partners app.
    for place in Place.objects.all():
        if place.parent_id is None:
            place.full_clean()
        else:
            place.clean_fields()
            place.validate_constraints()
    with_parent = Place.objects.filter(parent__isnull=False)
    assert with_parent.exists()
    assert not with_parent.exclude(parent__country=F("country")).exists()
    assert not with_parent.filter(parent=F("pk")).exists()
    assert not with_parent.filter(parent__parent__isnull=False).exists()


def test_every_generated_record_has_one_creation_history_record(db):
    generate_city(9, SMALL)
    project = Project.objects.order_by("pk").first()
    record = project.history.get()
    assert record.history_type == "+"
    assert record.history_user.username == "gen9-coordinator"
    assert "seed=9" in record.history_change_reason
    assert set(record.fields.values_list("field_id", flat=True)) == set(project.fields.values_list("pk", flat=True))
    assert BudgetLine.history.count() == BudgetLine.objects.count()


def test_the_generator_coexists_with_the_demo(db):
    load_demo()
    before = Project.objects.count()
    generate_city(1, SMALL)
    assert Project.objects.count() == before + SMALL.projects


def test_nonsense_sizes_are_refused_with_a_clear_message(db):
    with pytest.raises(ValueError, match="countries"):
        generate_city(2, CitySize(countries=1000))
    with pytest.raises(ValueError, match="negative"):
        generate_city(2, CitySize(projects=-1))


def test_the_command_is_a_thin_shell(db, capsys):
    args = ["--seed", "11", "--departments", "6", "--projects", "20", "--fiscal-years", "5", "--places", "12",
            "--countries", "4", "--organisations", "5", "--agreements", "3", "--networks", "1"]
    call_command("generate", *args)
    assert "Generated city for seed 11" in capsys.readouterr().out
    assert Project.objects.count() == 20
    call_command("generate", *args)
    assert "already in this database" in capsys.readouterr().out
    assert Project.objects.count() == 20
    with pytest.raises(CommandError):
        call_command("generate", "--seed", "12", "--countries", "999")
