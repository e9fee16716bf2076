"""`load_demo` can run on every `make run`: the second run creates nothing and is fast."""

import pytest
from django.apps import apps
from django.core.management import call_command

from tsunagu.demo import kitakyushu as story
from tsunagu.demo.loader import load_demo
from tsunagu.org.models import User
from tsunagu.portfolio.models import Project

DEMO_APPS = ("org", "partners", "portfolio")


def row_counts() -> dict[str, int]:
    """Rows of every model of the domain apps, history tables included."""
    counts = {}
    for label in DEMO_APPS:
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model._base_manager.count()
    return counts


def test_loading_twice_gives_the_same_counts(db):
    first = load_demo()
    after_first = row_counts()
    second = load_demo()
    assert row_counts() == after_first
    assert first.created_anything
    assert not second.created_anything
    assert second.existing["projects"] == len(story.PROJECTS)


def test_the_second_run_reads_a_few_keys_and_writes_nothing(demo, django_assert_max_num_queries):
    # One read of the keys per kind of record (programmes, applications and the coordination
    # sub-capabilities' policy framework, circulars and councils included).
    with django_assert_max_num_queries(22):
        load_demo()


def test_existing_records_are_left_as_a_user_changed_them(demo):
    project = Project.objects.get(title_ja=story.LGOTP_2011_TITLE)
    project.summary = "編集済み"
    project.save()
    load_demo()
    project.refresh_from_db()
    assert project.summary == "編集済み"


def test_a_deleted_demo_record_is_not_brought_back_or_duplicated(demo):
    project = Project.objects.get(title_ja=story.LGOTP_2011_TITLE)
    project.mark_deleted()
    project.save()
    load_demo()
    assert not Project.objects.filter(title_ja=story.LGOTP_2011_TITLE).exists()
    assert Project.all_objects.filter(title_ja=story.LGOTP_2011_TITLE).count() == 1


def test_loading_is_atomic(db, monkeypatch):
    from tsunagu.demo import loader

    def fail(self):
        raise RuntimeError("boom")

    before = row_counts()
    monkeypatch.setattr(loader._Loader, "load_projects", fail)
    with pytest.raises(RuntimeError):
        load_demo()
    assert row_counts() == before
    assert not User.objects.filter(username="kokusai").exists()


def test_reset_logins_restores_password_and_role(demo):
    user = User.objects.get(username="suido")
    user.role = User.Role.VIEWER
    user.set_password("something-else-entirely")
    user.save()
    user.departments.clear()
    load_demo(reset_logins=True)
    user.refresh_from_db()
    assert user.role == User.Role.EDITOR
    assert user.check_password(story.DEMO_PASSWORD)
    assert [d.code for d in user.departments.all()] == ["suido"]


def test_the_command_says_whether_it_loaded_anything(db, capsys):
    call_command("load_demo")
    assert "Demo data loaded" in capsys.readouterr().out
    call_command("load_demo")
    assert "already loaded" in capsys.readouterr().out
