"""Japanese is the default UI language, so every catalogue must be complete and compiled.

- every .po under locale/ and tsunagu/*/locale/ has no untranslated and no fuzzy entry;
- each .mo says exactly what its .po says (nobody forgot compilemessages);
- re-running makemessages (on a copy of the code) finds no new msgid: every
  string a user sees is in a catalogue. Skipped, with a message, when GNU
  gettext is not installed.
"""

import ast
import gettext
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The root catalogue holds templates/, tsunagu/*.py, tsunagu/core and tsunagu/org;
# every other app keeps its own. The Makefile (MESSAGES_IGNORE) says the same.
ROOT_CATALOGUE_APPS = {"core", "org"}
ROOT_CATALOGUE_IGNORES = [".venv", "var", "tests", "bench", "node_modules"]


def own_catalogue_apps(root: Path) -> list[Path]:
    return sorted(
        p for p in (root / "tsunagu").iterdir()
        if p.is_dir() and p.name not in ROOT_CATALOGUE_APPS and not p.name.startswith((".", "__"))
    )


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def parse_po(path: Path) -> list[Entry]:
    """A small reader for the .po files makemessages writes (C-style escaped strings)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None
    started = False

    def finish():
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry, started, target = Entry(), False, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            started = True
            continue
        if line.startswith("#,"):
            if started and target is not None and target[0] == "msgstr":
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            value = ast.literal_eval(rest)
            if keyword == "msgctxt" or (keyword == "msgid" and started and target and target[0] == "msgstr"):
                finish()
            started = True
            if keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[7:-1]))
                entry.msgstr[target[1]] = ""
            elif keyword == "msgstr":
                target = ("msgstr", 0)
                entry.msgstr[0] = ""
            else:
                target = (keyword, None)
                setattr(entry, keyword, "")
        assert target is not None, f"{path}: cannot read line {raw!r}"
        if target[0] == "msgstr":
            entry.msgstr[target[1]] += value
        else:
            setattr(entry, target[0], getattr(entry, target[0]) + value)
    finish()
    return [e for e in entries if not e.obsolete]


def catalogues() -> list[Path]:
    found = sorted(ROOT.glob("locale/*/LC_MESSAGES/django.po"))
    found += sorted(ROOT.glob("tsunagu/*/locale/*/LC_MESSAGES/django.po"))
    return found


def catalogue_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


CATALOGUES = catalogues()


def test_the_root_catalogue_exists():
    assert (ROOT / "locale/ja/LC_MESSAGES/django.po").exists()


@pytest.mark.parametrize("po", CATALOGUES, ids=catalogue_id)
def test_every_entry_is_translated_and_none_is_fuzzy(po):
    entries = parse_po(po)
    header = [e for e in entries if e.msgid == "" and e.msgctxt is None]
    assert header, f"{catalogue_id(po)} has no header"
    assert "fuzzy" not in header[0].flags, f"{catalogue_id(po)}: remove the '#, fuzzy' flag of the header"
    assert "Language: ja" in header[0].msgstr[0], f"{catalogue_id(po)}: the header should say 'Language: ja'"
    untranslated = [e.msgid for e in entries if e.msgid and not all(e.msgstr.values())]
    fuzzy = [e.msgid for e in entries if e.msgid and "fuzzy" in e.flags]
    assert not untranslated, f"{catalogue_id(po)}: untranslated: {untranslated}"
    assert not fuzzy, f"{catalogue_id(po)}: fuzzy (check, then remove the flag): {fuzzy}"


@pytest.mark.parametrize("po", CATALOGUES, ids=catalogue_id)
def test_the_compiled_catalogue_matches_its_source(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{catalogue_id(po)} is not compiled: run compilemessages"
    with mo.open("rb") as handle:
        compiled = dict(gettext.GNUTranslations(handle)._catalog)
    compiled.pop("", None)

    expected = {}
    for entry in parse_po(po):
        if not entry.msgid or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural is None:
            expected[entry.key] = entry.msgstr[0]
        else:
            for n, text in entry.msgstr.items():
                expected[(entry.key, n)] = text
    stale = {key for key in expected.keys() | compiled.keys() if expected.get(key) != compiled.get(key)}
    assert not stale, (
        f"{catalogue_id(mo)} differs from its .po for {sorted(map(str, stale))[:10]}: "
        "run compilemessages in that folder and commit the .mo"
    )


def test_the_po_reader_handles_context_plurals_flags_and_obsolete_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ja\\n"\n\n'
        '#, python-format\nmsgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s日"\n\n'
        'msgctxt "month"\nmsgid "May"\nmsgstr "5月"\n\n'
        '#, fuzzy\nmsgid "Old"\nmsgstr ""\n"古い"\n\n'
        '#~ msgid "Gone"\n#~ msgstr "消えた"\n',
        encoding="utf-8",
    )
    header, plural, context, fuzzy = parse_po(po)
    assert header.msgstr[0] == "Language: ja\n"
    assert (plural.msgid_plural, plural.msgstr, plural.flags) == ("%(n)s days", {0: "%(n)s日"}, {"python-format"})
    assert (context.key, context.msgstr[0]) == ("month\x04May", "5月")
    assert (fuzzy.msgid, fuzzy.msgstr[0], fuzzy.flags) == ("Old", "古い", {"fuzzy"})


# --- Nothing is missing from the catalogues ----------------------------------


def _msgids(po: Path) -> set[str]:
    return {e.key for e in parse_po(po) if e.msgid} if po.exists() else set()


def _run_makemessages(copy: Path, cwd: Path, extra: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(copy / "manage.py"), "makemessages", "--locale", "ja",
         "--no-location", "--no-obsolete", *extra],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def copy_of_the_code(tmp_path_factory):
    if not all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msguniq")):
        pytest.skip(
            "GNU gettext is not installed, so the check that every UI string is in a catalogue "
            "was skipped: apt-get install gettext to run it."
        )
    copy = tmp_path_factory.mktemp("makemessages") / "tsunagu"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".git", ".venv", "var", "node_modules", "__pycache__", "*.pyc", ".*_cache"),
        symlinks=True,
    )
    return copy


def test_makemessages_finds_no_new_string_for_the_root_catalogue(copy_of_the_code):
    po = Path("locale/ja/LC_MESSAGES/django.po")
    before = _msgids(copy_of_the_code / po)
    ignores = ROOT_CATALOGUE_IGNORES + [
        str(app.relative_to(copy_of_the_code)) for app in own_catalogue_apps(copy_of_the_code)
    ]
    _run_makemessages(copy_of_the_code, copy_of_the_code, [f"--ignore={path}" for path in ignores])
    new = _msgids(copy_of_the_code / po) - before
    assert not new, (
        f"strings missing from {po} (run `make messages`, translate them, run it again): {sorted(new)}"
    )


def test_makemessages_finds_no_new_string_for_the_apps_own_catalogues(copy_of_the_code):
    """Every other app's strings are in its own catalogue, and an app with strings has one."""
    missing = {}
    for app_dir in own_catalogue_apps(copy_of_the_code):
        po = app_dir / "locale/ja/LC_MESSAGES/django.po"
        had_catalogue = po.exists()
        (app_dir / "locale").mkdir(exist_ok=True)  # so that makemessages writes here, not to the root
        before = _msgids(po)
        _run_makemessages(copy_of_the_code, app_dir, [])
        if new := _msgids(po) - before:
            where = f"tsunagu/{app_dir.name}" + ("" if had_catalogue else " (which has no catalogue yet)")
            missing[where] = f"{len(new)} strings, e.g. {sorted(new)[:8]}"
    assert not missing, (
        "strings missing from an app's catalogue (run makemessages in that app's folder, "
        f"translate them, then compilemessages): {missing}"
    )
