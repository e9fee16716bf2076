"""``tsunagu programs match --plan plan.yaml --json``: valid JSON, and clear errors for bad plan files."""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tsunagu import cli

from .conftest import two_thirds_terms

ROOT = Path(__file__).resolve().parents[2]

GOOD_PLAN = """\
title: ハイフォン市水道研修員受入
applicant_type: designated_city
start_date: 2027-04-01
end_date: 2028-03-31
fields: [water]
activity_types: [研修員受入]
country: VN
money_needed_jpy: 3000000
text: 水道局職員を研修員として受け入れる
as_of: 2026-06-01
"""


@pytest.fixture
def programmes(make_program):
    make_program("water-training", fields=("water",), activities=("trainee-acceptance",), terms=[two_thirds_terms()])
    make_program("ngo-only", city_roles=["indirect"], eligible_applicants=["ngo"])


def write(tmp_path, text, name="plan.yaml", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run_cli(capsys, *args):
    status = cli.main(["programs", "match", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_lists_ranked_codes_scores_confidence_and_reasons(programmes, tmp_path, capsys):
    status, out, err = run_cli(capsys, "--plan", str(write(tmp_path, GOOD_PLAN)), "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["as_of"] == "2026-06-01"
    assert [item["code"] for item in data["ranked"]] == ["water-training"]
    first = data["ranked"][0]
    assert isinstance(first["score"], float) and 0 < first["confidence"] <= 1
    assert first["gained"] and all({"code", "text", "points"} <= set(r) for r in first["gained"])
    assert "分野が一致: 上下水道。" in [r["text"] for r in first["gained"]]
    assert data["ineligible"][0]["code"] == "ngo-only"
    assert data["ineligible"][0]["reasons"][0]["text"]


def test_english_reasons_on_request(programmes, tmp_path, capsys):
    status, out, _err = run_cli(capsys, "--plan", str(write(tmp_path, GOOD_PLAN)), "--json", "--language", "en")
    assert status == 0
    assert "Field matches: Water and sewerage." in [r["text"] for r in json.loads(out)["ranked"][0]["gained"]]


def test_text_output_lists_the_reasons(programmes, tmp_path, capsys):
    status, out, _err = run_cli(capsys, "--plan", str(write(tmp_path, GOOD_PLAN)))
    assert status == 0
    assert "1. water-training" in out and "ngo-only" in out and "x ngo-only" in out


@pytest.mark.parametrize(
    ("content", "encoding", "message"),
    [
        ("start_date: 2027-04-01\nfields: [water]\n", "utf-8", "Missing key(s): applicant_type"),
        ("applicant_type: designated_city\nstart_date: tomorrow\nfields: [water]\n", "utf-8",
         "start_date must be a date like 2026-04-01"),
        ("applicant_type: designated_city\nstart_date: 2027-04-01\nfields: 3\n", "utf-8",
         "fields must be a list of codes or names"),
        ("applicant_type: designated_city\nstart_date: 2027-04-01\nmoney_needed_jpy: lots\nfields: [water]\n",
         "utf-8", "money_needed_jpy must be a whole number of yen"),
        ("applicant_type: designated_city\nstart_date: 2027-04-01\nfields: [plumbing]\n", "utf-8",
         "Unknown value(s) in fields: plumbing"),
        ("applicant_type: mayor\nstart_date: 2027-04-01\nfields: [water]\n", "utf-8", "applicant_type must be one of"),
        ("applicant_type: designated_city\nstart_date: 2027-04-01\ncolour: blue\nfields: [water]\n", "utf-8",
         "Unknown key(s): colour"),
        ("applicant_type: [designated_city\nstart_date: 2027-04-01\n", "utf-8", "not valid YAML"),
        ("applicant_type: designated_city\nstart_date: 2027-04-01\ntext: 水道の研修\n", "shift_jis", "not UTF-8"),
        ("- just\n- a list\n", "utf-8", "A plan must be a mapping"),
        ("", "utf-8", "The plan file is empty"),
        ("applicant_type: designated_city\nstart_date: 2027-04-01\n", "utf-8", "Say what the plan is about"),
    ],
    ids=["missing-key", "bad-date", "wrong-type", "bad-money", "unknown-field", "unknown-applicant", "unknown-key",
         "invalid-yaml", "shift-jis", "not-a-mapping", "empty", "nothing-about"],
)
def test_bad_plan_files_give_clear_messages_and_exit_2(db, tmp_path, capsys, content, encoding, message):
    path = write(tmp_path, content, encoding=encoding)
    with pytest.raises(CommandError) as raised:
        call_command("match_programs", "--plan", str(path), "--language", "en")
    assert raised.value.returncode == 2
    assert message in str(raised.value)
    status, out, err = run_cli(capsys, "--plan", str(path), "--language", "en")
    assert status == 2 and out == "" and message in err


def test_every_problem_of_a_plan_file_is_reported_at_once(db, tmp_path):
    path = write(tmp_path, "applicant_type: mayor\nstart_date: soon\nfields: [plumbing]\n")
    with pytest.raises(CommandError) as raised:
        call_command("match_programs", "--plan", str(path), "--language", "en")
    text = str(raised.value)
    assert "applicant_type" in text and "start_date" in text and "plumbing" in text


def test_missing_file_and_missing_option(db, tmp_path, capsys):
    status, _out, err = run_cli(capsys, "--plan", str(tmp_path / "nowhere.yaml"), "--language", "en")
    assert status == 2 and "Cannot read the plan file" in err
    status, _out, err = run_cli(capsys)
    assert status == 2 and "--plan" in err


def test_unknown_command_and_usage(capsys):
    assert cli.main(["programs", "explode"]) == 2
    assert "unknown command" in capsys.readouterr().err
    assert cli.main(["--help"]) == 0
    assert "tsunagu programs match" in capsys.readouterr().out


def test_the_tsunagu_command_is_declared_for_pip():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["tsunagu"] == "tsunagu.cli:main"
    assert project["tool"]["setuptools"]["packages"]["find"]["include"] == ["tsunagu*"]


def test_module_runs_as_a_program():
    completed = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "tsunagu.cli", "programs", "match", "--help"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "--plan" in completed.stdout and "--json" in completed.stdout


def test_example_plan_of_the_documentation_reads(db):
    from tsunagu.programs.matching import read_plan_file

    plan, raw = read_plan_file(ROOT / "docs" / "plan-example.yaml")
    assert plan.applicant_type == "designated_city" and plan.fields


def test_an_empty_catalogue_is_refused_in_one_sentence_with_status_2(db, tmp_path, capsys):
    status, out, err = run_cli(capsys, "--plan", str(write(tmp_path, GOOD_PLAN)))
    assert status == 2
    assert out == ""
    assert "支援メニューのカタログが空です" in err and "load_programs" in err
    assert "Traceback" not in err


def test_an_empty_catalogue_is_refused_in_english_too(db, tmp_path, capsys):
    status, _out, err = run_cli(capsys, "--plan", str(write(tmp_path, GOOD_PLAN)), "--language", "en")
    assert status == 2
    assert "The support-programme catalogue is empty" in err


@pytest.mark.parametrize(
    ("language", "sentence"),
    [("ja", "データベースがまだ準備されていません"), ("en", "The database is not set up yet")],
)
def test_a_database_without_migrations_is_refused_in_one_sentence(tmp_path, language, sentence):
    """A fresh process on an empty SQLite file: no traceback, one sentence in the asked language, status 2."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["TSUNAGU_VAR_DIR"] = str(tmp_path / "var")
    plan = write(tmp_path, GOOD_PLAN)
    result = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-c", "import sys; from tsunagu import cli; sys.exit(cli.main(sys.argv[1:]))",
         "programs", "match", "--plan", str(plan), "--language", language],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert sentence in result.stderr
    assert "manage.py migrate" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
