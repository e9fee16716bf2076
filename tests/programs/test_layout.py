"""Each part of the programs app has one home: its views, forms and templates in its own package."""

import re
from pathlib import Path

import pytest
from django.template.loader import get_template
from django.urls import resolve, reverse

PROGRAMS = Path(__file__).resolve().parents[2] / "tsunagu" / "programs"
TEMPLATE_NAME = re.compile(r"""["'](programs/[\w/]+\.(?:html|txt))["']""")


def template_names() -> set[str]:
    names = set()
    for path in PROGRAMS.rglob("*"):
        if path.suffix in {".py", ".html", ".txt"} and "migrations" not in path.parts:
            names.update(TEMPLATE_NAME.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_template_the_programs_code_names_exists():
    names = template_names()
    assert len(names) > 30
    missing = []
    for name in sorted(names):
        try:
            get_template(name)
        except Exception:  # noqa: BLE001 (the name is what the report needs)
            missing.append(name)
    assert missing == []


@pytest.mark.parametrize(
    ("part", "templates"),
    [("catalogue", 12), ("transfer", 1), ("applications", 9), ("deadlines", 10), ("matching", 3)],
)
def test_a_part_keeps_its_templates_in_its_package(part, templates):
    folder = PROGRAMS / part / "templates" / "programs" / part
    assert len([p for p in folder.iterdir() if p.is_file()]) == templates


@pytest.mark.parametrize(
    ("url_name", "kwargs", "module"),
    [
        ("programs:list", {}, "tsunagu.programs.catalogue.views"),
        ("programs:import", {}, "tsunagu.programs.transfer.views"),
        ("programs:stats", {}, "tsunagu.programs.applications.views"),
        ("programs:application", {"pk": 1}, "tsunagu.programs.applications.views"),
        ("programs:subscriptions", {}, "tsunagu.programs.deadlines.views"),
        ("programs:match", {}, "tsunagu.programs.matching.views"),
    ],
)
def test_url_names_lead_to_the_views_of_their_part(url_name, kwargs, module):
    assert resolve(reverse(url_name, kwargs=kwargs)).func.__module__ == module
