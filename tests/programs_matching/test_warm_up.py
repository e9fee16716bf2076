"""The catalogue snapshot is built at start-up in the processes that serve users, once,
and a match arriving during that build waits for it instead of building a second one."""

import threading

import pytest

from tsunagu.programs.apps import serves_requests
from tsunagu.programs.matching import catalogue, match

from .conftest import city_plan


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["manage.py", "runserver", "127.0.0.1:8000"], {"RUN_MAIN": "true"}, True),  # the reloader's child
        (["manage.py", "runserver", "127.0.0.1:8000"], {}, False),  # the reloader itself serves nothing
        (["manage.py", "runserver", "--noreload"], {}, True),
        (["manage.py", "db_worker"], {}, True),
        (["/srv/venv/bin/gunicorn", "tsunagu.wsgi"], {}, True),
        (["manage.py", "migrate"], {}, False),
        (["manage.py", "makemigrations"], {}, False),
        (["manage.py", "test"], {}, False),
        (["manage.py", "shell"], {}, False),
        ([".venv/bin/pytest", "tests"], {}, False),
        (["bench/match_speed.py"], {}, False),
        (["manage.py", "migrate"], {"TSUNAGU_WARM_MATCHER": "1"}, True),
        (["gunicorn", "tsunagu.wsgi"], {"TSUNAGU_WARM_MATCHER": "0"}, False),
    ],
)
def test_only_serving_processes_warm_the_matcher(argv, environ, expected):
    assert serves_requests(argv, environ) is expected


@pytest.fixture
def fresh_cache():
    catalogue.invalidate()
    catalogue._cached = None
    yield
    catalogue.invalidate()


@pytest.mark.django_db(transaction=True)
def test_a_match_during_the_warm_up_waits_for_that_build(make_program, fresh_cache, monkeypatch):
    make_program("warm", countries=("VN",), region_scope="countries")
    builds = []
    started, release = threading.Event(), threading.Event()
    real_build = catalogue.build

    def slow_build(stamp):
        builds.append(threading.current_thread().name)
        started.set()
        release.wait(10)  # the warm-up is still building when the match arrives
        return real_build(stamp)

    monkeypatch.setattr(catalogue, "build", slow_build)
    thread = catalogue.warm_up()
    assert started.wait(10)
    result = {}
    matcher = threading.Thread(target=lambda: result.update(codes=[r.code for r in match(city_plan(
        countries=("VN",))).ranked]))
    matcher.start()
    release.set()
    thread.join(10)
    matcher.join(10)
    assert builds == ["matcher-warm-up"]  # one build, by the warm-up
    assert result["codes"] == ["warm"]
    assert catalogue.snapshot() is catalogue._cached


@pytest.mark.django_db(transaction=True)
def test_the_warmed_snapshot_still_follows_changes(make_program, fresh_cache):
    make_program("before", countries=("VN",), region_scope="countries")
    catalogue.warm_up().join(10)
    assert [p.code for p in catalogue._cached.programs] == ["before"]
    make_program("after", countries=("VN",), region_scope="countries")
    assert {r.code for r in match(city_plan(countries=("VN",))).ranked} == {"after", "before"}
