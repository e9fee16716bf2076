"""A node counts the projects of its whole branch, each once, and their budget by 年度; in constant queries."""

import pytest

from tests.factories import BudgetLineFactory, ProjectFactory
from tsunagu.coordination.policy.queries import Framework

from .conftest import link, node

pytestmark = pytest.mark.django_db


def figures(framework_, key_node):
    row = framework_.by_id[key_node.pk]
    return row.project_count, row.budget


def test_a_project_linked_to_two_nodes_of_one_branch_counts_once_above_them(framework, water_project, env_project):
    link(framework["water"], water_project)
    link(framework["trainees"], water_project)  # the same project under the same basic policy
    link(framework["network"], env_project)

    loaded = Framework.load()
    assert figures(loaded, framework["water"]) == (1, 5_000_000)
    assert figures(loaded, framework["trainees"]) == (1, 5_000_000)
    assert figures(loaded, framework["cooperation"]) == (1, 5_000_000)  # not 2 projects, not ¥10M
    assert figures(loaded, framework["economy"]) == (1, 1_000_000)
    assert figures(loaded, framework["plan"]) == (2, 6_000_000)


def test_the_fiscal_year_filter_keeps_the_projects_running_then_and_that_years_budget(
    framework, water_project, env_project
):
    link(framework["water"], water_project)
    link(framework["network"], env_project)

    assert figures(Framework.load(2024), framework["plan"]) == (1, 3_000_000)
    assert figures(Framework.load(2025), framework["plan"]) == (2, 3_000_000)
    assert figures(Framework.load(2026), framework["plan"]) == (1, 0)
    assert figures(Framework.load(2023), framework["plan"]) == (0, 0)


def test_another_fiscal_year_is_derived_from_the_loaded_framework_without_reading_it_again(
    framework, water_project, env_project, django_assert_num_queries
):
    link(framework["water"], water_project)
    link(framework["network"], env_project)

    everything = Framework.load()
    with django_assert_num_queries(0):
        by_year = {year: figures(everything.for_year(year), framework["plan"]) for year in (2023, 2024, 2025, 2026)}
        again = figures(everything.for_year(2024).for_year(None), framework["plan"])
    assert by_year == {year: figures(Framework.load(year), framework["plan"]) for year in (2023, 2024, 2025, 2026)}
    assert again == figures(everything, framework["plan"])


def test_budget_table_by_fiscal_year_and_source(framework, water_project, env_project):
    link(framework["water"], water_project)
    link(framework["trainees"], water_project)
    link(framework["network"], env_project)
    loaded = Framework.load()
    table = {row.fiscal_year: (row.by_source["city"], row.by_source["program"], row.total)
             for row in loaded.budget_table(loaded.by_id[framework["plan"].pk].project_ids)}
    assert table == {2024: (3_000_000, 0, 3_000_000), 2025: (1_000_000, 2_000_000, 3_000_000)}


def test_deleted_projects_and_deleted_nodes_do_not_count(framework, water_project, env_project):
    from django.utils import timezone

    link(framework["water"], water_project)
    link(framework["network"], env_project)
    env_project.deleted_at = timezone.now()
    env_project.save()
    assert figures(Framework.load(), framework["plan"]) == (1, 5_000_000)


def test_node_page_shows_rolled_up_figures_and_the_projects_with_where_they_hang(
    as_viewer, framework, water_project, env_project
):
    link(framework["water"], water_project)
    link(framework["trainees"], water_project)
    link(framework["network"], env_project)
    page = as_viewer.get(f"/coordination/policy/{framework['cooperation'].pk}/").content.decode()
    assert 'data-testid="project-count">1<' in page
    assert "¥5,000,000" in page
    assert "ハイフォン下水道協力" in page and "スラバヤ廃棄物協力" not in page
    assert "海外水ビジネス" in page and "研修員の受入れ" in page
    assert "2024年度（令和6年度）" in page

    filtered = as_viewer.get(f"/coordination/policy/{framework['plan'].pk}/?fy=2024").content.decode()
    assert 'data-testid="project-count">1<' in filtered
    assert "スラバヤ廃棄物協力" not in filtered.split('id="projects-heading"')[1].split("</section>")[0]


def _grow(framework_, water_bureau, count):
    """Another ``count`` measures under the water measure, each with a linked project with budget."""
    for i in range(count):
        measure = node(f"施策{i}", parent=framework_["water"])
        project = ProjectFactory(lead_department=water_bureau)
        BudgetLineFactory(project=project, fiscal_year=2024)
        link(measure, project)
        link(framework_["trainees"], project)


def test_tree_and_node_pages_take_the_same_number_of_queries_whatever_the_size(
    as_viewer, framework, water_bureau, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _grow(framework, water_bureau, 2)
    pages = ["/coordination/policy/", f"/coordination/policy/{framework['plan'].pk}/",
             f"/coordination/policy/{framework['cooperation'].pk}/?fy=2024"]
    small = {}
    for url in pages:
        with CaptureQueriesContext(connection) as captured:
            assert as_viewer.get(url).status_code == 200
        small[url] = len(captured)

    _grow(framework, water_bureau, 25)
    for url in pages:
        with django_assert_max_num_queries(small[url]):
            assert as_viewer.get(url).status_code == 200


def test_tree_page_lists_every_node_with_its_figures(as_viewer, framework, water_project):
    link(framework["water"], water_project)
    page = as_viewer.get("/coordination/policy/").content.decode()
    assert page.index("「元気発進！北九州」プラン") < page.index("北九州市国際政策推進大綱2011") < page.index("海外水ビジネス")
    assert page.count("¥5,000,000") == 4  # the water measure and the three nodes above it


@pytest.mark.parametrize("value", ["abc", "1800", ""])
def test_an_unknown_fiscal_year_shows_every_year(as_viewer, framework, water_project, value):
    link(framework["water"], water_project)
    page = as_viewer.get(f"/coordination/policy/{framework['plan'].pk}/", {"fy": value})
    assert page.status_code == 200
    assert "¥5,000,000" in page.content.decode()
