"""load_programs follows the reference file: what nobody edited is updated, what a coordinator
edited is kept (unless --force), every change is in the history, and a dry run writes nothing."""

import pytest
import yaml
from django.core.management import call_command

from tsunagu.programs.models import Program
from tsunagu.programs.transfer.seed import REFERENCE_PATH, load_programs
from tsunagu.programs.transfer.seed_update import KEPT, TAKEN

CODE = "clair-lgotp"


def changed_reference(tmp_path, **values):
    """A copy of the reference file whose LGOTP entry has the given values."""
    document = yaml.safe_load(REFERENCE_PATH.read_text(encoding="utf-8"))
    (entry,) = [e for e in document["programs"] if e["id"] == CODE]
    entry.update(values)
    path = tmp_path / "programs.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def edit(code=CODE, **values):
    """An edit made in tsunagu after the seed (a save with a new version, as the form makes)."""
    program = Program.objects.get(code=code)
    for name, value in values.items():
        setattr(program, name, value)
    program.version += 1
    program.save()
    return program


@pytest.fixture
def seeded(catalogue):
    return Program.objects.get(code=CODE)


def test_a_value_nobody_edited_follows_the_file_and_the_change_is_in_the_history(seeded, tmp_path, coordinator):
    path = changed_reference(tmp_path, name_en="Local Government Officials Training Program (renamed)")
    report = load_programs(path, acting_user=coordinator)
    assert (report.created, report.updated) == (0, 1)
    (update,) = report.updates
    assert [(c.key, c.outcome) for c in update.changes] == [("name_en", TAKEN)]
    program = Program.objects.get(code=CODE)
    assert program.name_en == "Local Government Officials Training Program (renamed)"
    latest = program.history.first()
    assert latest.history_user == coordinator
    assert latest.diff_against(latest.prev_record).changed_fields == ["name_en"]


def test_a_value_a_coordinator_edited_is_kept_and_reported_until_forced(seeded, tmp_path):
    edit(name_en="LGOTP (as the division writes it)")
    path = changed_reference(tmp_path, name_en="Local Government Officials Training Program (renamed)")
    report = load_programs(path)
    (update,) = report.updates
    (change,) = update.changes
    assert (change.key, change.outcome, change.why) == ("name_en", KEPT, "edited")
    assert change.current == "LGOTP (as the division writes it)"
    assert Program.objects.get(code=CODE).name_en == "LGOTP (as the division writes it)"
    # The same file again: nothing new to say.
    assert load_programs(path).updates == []
    # --force takes the file's value.
    forced = load_programs(changed_reference(tmp_path, name_en="Renamed again"), force=True)
    assert forced.updated == 1
    assert Program.objects.get(code=CODE).name_en == "Renamed again"


def test_the_file_updates_one_key_while_the_edited_one_is_kept(seeded, tmp_path):
    edit(name_en="Edited in tsunagu")
    path = changed_reference(tmp_path, name_en="From the file", city_role_note="Now with a note")
    report = load_programs(path)
    (update,) = report.updates
    outcomes = {c.key: c.outcome for c in update.changes}
    assert outcomes == {"name_en": KEPT, "city_role_note": TAKEN}
    program = Program.objects.get(code=CODE)
    assert (program.name_en, program.city_role_note) == ("Edited in tsunagu", "Now with a note")


def test_a_dry_run_shows_the_changes_and_writes_nothing(seeded, tmp_path):
    before = (seeded.version, seeded.history.count(), seeded.seeded)
    path = changed_reference(tmp_path, name_en="From the file")
    report = load_programs(path, dry_run=True)
    assert report.updated == 1 and not report.written
    program = Program.objects.get(code=CODE)
    assert program.name_en != "From the file"
    assert (program.version, program.history.count(), program.seeded) == before


def test_a_deleted_programme_stays_deleted_when_the_file_changes(seeded, tmp_path):
    seeded.mark_deleted()
    seeded.save()
    report = load_programs(changed_reference(tmp_path, name_en="From the file"))
    assert report.updates == []
    assert Program.all_objects.get(code=CODE).is_deleted


def test_a_programme_seeded_before_this_bookkeeping_is_not_overwritten_without_force(seeded, tmp_path):
    Program.objects.filter(code=CODE).update(seeded={})
    path = changed_reference(tmp_path, name_en="From the file")
    (update,) = load_programs(path).updates
    assert [(c.outcome, c.why) for c in update.changes] == [(KEPT, "unknown")]
    assert Program.objects.get(code=CODE).name_en != "From the file"
    load_programs(changed_reference(tmp_path, name_en="Forced"), force=True)
    assert Program.objects.get(code=CODE).name_en == "Forced"


def test_after_an_update_the_same_file_is_answered_by_one_query(seeded, tmp_path, django_assert_num_queries):
    path = changed_reference(tmp_path, name_en="From the file")
    load_programs(path)
    with django_assert_num_queries(1):
        report = load_programs(path)
    assert report.updates == [] and report.existing == 24


def test_the_command_prints_the_preview(seeded, tmp_path, capsys):
    edit(name_en="Edited in tsunagu")
    path = changed_reference(tmp_path, name_en="From the file", city_role_note="Now with a note")
    call_command("load_programs", "--file", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert f"~ {CODE}" in out
    assert "city_role_note: — → Now with a note" in out
    assert "name_en: Edited in tsunagu → From the file  [kept: edited in tsunagu" in out
    assert "Dry run, nothing written" in out
    assert Program.objects.get(code=CODE).city_role_note == ""
