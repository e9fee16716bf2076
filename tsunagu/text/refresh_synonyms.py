"""Refresh the vendored Sudachi synonym dictionary: ``python -m tsunagu.text.refresh_synonyms``.

The synonym dictionary of SudachiDict (Works Applications, Apache-2.0) is
published on the npm registry as ``sudachi-synonyms-dictionary`` (one JSON
file). The PyPI route (``chikkarpy``) downloads its dictionary while it is
built, which a closed network does not allow, so the JSON is converted here
into ``data/sudachi_synonyms.tsv.gz`` and committed.

What is kept (see ``synonyms`` for how it is used):

- nouns only (体言); verbs and adjectives (用言) would widen queries too much;
- every entry except those marked "never expand" (展開制御フラグ 2);
- with each entry its group, its flag (0: expands and is expanded to,
  1: is expanded to but does not trigger an expansion) and its tokens as the
  kernel analyser cuts them today, so that loading the file needs no Sudachi
  run (analysing the 69,000 headwords takes half a minute);
- groups left with fewer than two distinct entries are dropped.

The first line records the source version and the analyser stamp
(``analysis.ANALYSER_STAMP``); a test re-analyses a sample of entries and
fails when the stamp or the tokens no longer match, which is the cue to run
this script again.

Usage::

    python -m tsunagu.text.refresh_synonyms                 # npm pack the pinned version
    python -m tsunagu.text.refresh_synonyms --json FILE     # convert a JSON file at hand
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "sudachi-synonyms-dictionary"
VERSION = "18.0.0"
DATA_PATH = Path(__file__).resolve().parent / "data" / "sudachi_synonyms.tsv.gz"


def fetch_json(workdir: Path) -> Path:
    """``npm pack`` the pinned version (the registry's tarball) and unpack its JSON file."""
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}"], cwd=workdir, check=True,  # noqa: S603, S607
                   capture_output=True)
    (tarball,) = workdir.glob(f"{PACKAGE}-*.tgz")
    with tarfile.open(tarball) as archive:
        member = archive.getmember(f"package/{PACKAGE}.json")
        archive.extract(member, workdir, filter="data")
    return workdir / "package" / f"{PACKAGE}.json"


def convert(groups: list[dict]) -> list[tuple[str, int, str, str]]:
    """(group, flag, tokens, headword) rows of the entries kept (see the module docstring)."""
    from .analysis import morphemes

    rows: list[tuple[str, int, str, str]] = []
    for group in groups:
        kept: dict[str, tuple[str, int, str, str]] = {}
        for item in group["items"]:
            if item["taigenYogen"] != "体言" or item["expandControl"] == 2:
                continue
            headword = item["midashi"].strip()
            tokens = " ".join(m.key for m in morphemes(headword))
            if not tokens or "\t" in headword:
                continue
            flag = int(item["expandControl"])
            current = kept.get(tokens)
            if current is None or flag < current[1]:  # a variant that triggers wins
                kept[tokens] = (group["id"], flag, tokens, headword)
        if len(kept) >= 2:
            rows.extend(kept.values())
    return rows


def write(rows: list[tuple[str, int, str, str]], path: Path = DATA_PATH) -> None:
    from .analysis import ANALYSER_STAMP

    lines = [f"# {PACKAGE} {VERSION} (SudachiDict synonyms, Apache-2.0); analyser {ANALYSER_STAMP}"]
    lines += ["\t".join((group, str(flag), tokens, headword)) for group, flag, tokens, headword in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same rows give the same bytes, so a refresh without change shows no diff.
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help=f"a {PACKAGE}.json at hand (default: npm pack {VERSION})")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        source = options.json or fetch_json(Path(workdir))
        groups = json.loads(source.read_text(encoding="utf-8"))
        rows = convert(groups)
    write(rows)
    print(f"{DATA_PATH}: {len(rows)} entries in {len({r[0] for r in rows})} groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
