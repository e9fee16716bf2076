"""Statistics by 年度 and provider, and the article's "17 model projects adopted by FY2011" from the demo data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tsunagu.demo.loader import load_demo
from tsunagu.demo.specs import CLAIR_MODEL_PROJECT
from tsunagu.partners.models import Organisation
from tsunagu.portfolio.models import BudgetLine
from tsunagu.programs.applications.stats import application_statistics
from tsunagu.programs.models import Application

Status = Application.Status


def make(project, program, year, status, **kwargs):
    return Application.objects.create(project=project, program=program, fiscal_year=year, status=status, **kwargs)


def test_counts_rate_and_money_follow_the_documented_definitions(env_project, water_project, model_program, grassroots_program):
    make(env_project, model_program, 2024, Status.CLOSED, submitted_on=datetime.date(2023, 11, 1),
         decided_on=datetime.date(2024, 4, 1), amount_granted_jpy=3_000_000)
    make(water_project, model_program, 2024, Status.RUNNING, amount_granted_jpy=2_000_000)
    make(water_project, model_program, 2024, Status.REJECTED, submitted_on=datetime.date(2023, 11, 1),
         decided_on=datetime.date(2024, 4, 1))
    make(env_project, model_program, 2024, Status.SUBMITTED, submitted_on=datetime.date(2023, 11, 1))
    make(env_project, model_program, 2024, Status.DRAFTING)
    make(env_project, model_program, 2024, Status.CLOSED)  # withdrawn before submission: not counted
    make(env_project, grassroots_program, 2025, Status.ADOPTED, amount_granted_jpy=10_000_000)
    stats = application_statistics()
    total = stats.total
    assert (total.applications, total.adoptions, total.rejections, total.pending, total.preparing) == (5, 3, 1, 1, 1)
    assert total.granted_jpy == 15_000_000
    assert str(total.adoption_rate) == "0.750"
    clair_2024 = next(r for r in stats.rows if r.fiscal_year.year == 2024)
    assert (clair_2024.provider.name_ja, clair_2024.applications, clair_2024.adoptions) == ("自治体国際化協会", 4, 2)
    assert str(clair_2024.adoption_percent) == "66.7"
    only_jica = application_statistics(provider_ids=[grassroots_program.provider_id])
    assert (only_jica.total.adoptions, only_jica.total.granted_jpy) == (1, 10_000_000)
    assert application_statistics(last_year=2024).total.adoptions == 2


def test_deleted_applications_and_projects_are_left_out(env_project, model_program, env_editor):
    from tsunagu.portfolio.actions import delete_project

    make(env_project, model_program, 2024, Status.RUNNING, amount_granted_jpy=1)
    assert application_statistics().total.adoptions == 1
    delete_project(env_project, acting_user=env_editor)
    assert application_statistics().total.adoptions == 0


def test_the_page_asks_a_fixed_number_of_queries(as_viewer, env_project, model_program, grassroots_program):
    def add(n):
        for i in range(n):
            make(env_project, model_program if i % 2 else grassroots_program, 2024 + i % 3, Status.RUNNING,
                 amount_granted_jpy=1000)

    add(3)
    with CaptureQueriesContext(connection) as few:
        assert as_viewer.get(reverse("programs:stats")).status_code == 200
    add(60)
    with CaptureQueriesContext(connection) as many:
        assert as_viewer.get(reverse("programs:stats")).status_code == 200
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_demo_reproduces_17_clair_model_projects_adopted_by_fy2011(client, coordinator):
    load_demo()
    clair = Organisation.objects.get(name_ja="自治体国際化協会")
    stats = application_statistics(provider_ids=[clair.pk], last_year=2011)
    assert stats.total.adoptions == 17
    assert stats.total.applications == 17
    assert [r.adoptions for r in stats.by_year if r.fiscal_year.year == 2010] == [2]
    lines = BudgetLine.objects.filter(source_name=CLAIR_MODEL_PROJECT, funder=clair, fiscal_year__lte=2011)
    assert stats.total.granted_jpy == sum(line.amount_jpy for line in lines)
    # The statistics page, filtered to CLAIR up to FY2011, shows the same.
    client.force_login(coordinator)
    page = client.get(reverse("programs:stats"), {"provider": clair.pk, "to": 2011}).content.decode()
    assert 'data-testid="total-adoptions">17<' in page
    # Every adoption carries the budget line's amount; the two later model projects are outside the count.
    assert application_statistics(provider_ids=[clair.pk]).total.adoptions == 19
    load_demo()  # idempotent: no second set of applications
    assert application_statistics(provider_ids=[clair.pk], last_year=2011).total.adoptions == 17
