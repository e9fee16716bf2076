"""The reviewed coding of the seeded programmes (``programs/data/coding.yaml``).

Two uses:

- ``apply_coding(data)``: ``seed.py`` gives each programme it converts from the
  reference file its reviewed fields, activity types, and the region and
  applicants a reviewer knows (with the reason and source, kept in the
  programme's notes and sources; the fact is then no longer unconfirmed);
- ``matcher_facts()``: the facts the catalogue has no column for — whose
  people move, which applicants (new or experienced abroad), single or joint
  applications — read by the matcher's snapshot, by programme code. A
  programme without an entry (one a coordinator added) has none of them, and
  the matcher neither adds nor removes points for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CODING_PATH = Path(__file__).resolve().parents[1] / "data" / "coding.yaml"

PEOPLE = ("trainees_in", "staff_training", "experts_out")
EXPERIENCE = ("new", "experienced")
JOINT = ("preferred", "required", "single")
REGION_SCOPES = ("any", "domestic", "developing")


class CodingError(ValueError):
    pass


@dataclass(frozen=True)
class MatcherFacts:
    people: frozenset = frozenset()
    experience: str = ""
    joint: str = ""


@cache
def read_coding(path: Path = CODING_PATH) -> dict:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise CodingError(f"{path}: a mapping of programme ids is expected")
    for code, entry in data.items():
        _check(str(code), entry)
    return data


def _check(code: str, entry) -> None:
    if not isinstance(entry, dict) or not str(entry.get("reason", "")).strip():
        raise CodingError(f"coding of {code}: a mapping with a reason is expected")
    unknown = set(entry) - {"reason", "fields", "activity_types", "region", "applicants", "people", "experience",
                            "joint"}
    if unknown:
        raise CodingError(f"coding of {code}: unknown keys {sorted(unknown)}")
    if not set(entry.get("people") or []) <= set(PEOPLE):
        raise CodingError(f"coding of {code}: people must be among {PEOPLE}")
    for key, allowed in (("experience", EXPERIENCE), ("joint", JOINT)):
        if key in entry and (entry[key] or {}).get("value") not in allowed:
            raise CodingError(f"coding of {code}: {key}.value must be one of {allowed}")
    for key in ("region", "applicants", "experience", "joint"):
        if key in entry and not str((entry[key] or {}).get("reason", "")).strip():
            raise CodingError(f"coding of {code}: {key} needs a reason")
        if key in ("region", "applicants") and key in entry and not str(entry[key].get("reason_ja", "")).strip():
            raise CodingError(f"coding of {code}: {key} needs its reason in Japanese too (reason_ja)")
    if "region" in entry and entry["region"].get("scope") not in REGION_SCOPES:
        raise CodingError(f"coding of {code}: region.scope must be one of {REGION_SCOPES}")


def apply_coding(data: dict, coding: dict | None = None) -> dict:
    """``data`` (a programme in the catalogue interchange format) with its reviewed coding."""
    entry = (coding if coding is not None else read_coding()).get(data["code"])
    if not entry:
        return data
    unconfirmed = list(data.get("unconfirmed") or [])
    if "fields" in entry:
        # ``any``: no field restriction (the catalogue's way of saying "open to every field").
        data["fields"] = [] if entry["fields"] == "any" else list(entry["fields"])
    if "activity_types" in entry:
        excluded = set(data.get("excluded_activity_types") or [])
        data["activity_types"] = [code for code in entry["activity_types"] if code not in excluded]
    sources = list(data.get("sources") or [])
    known_urls = {source.get("url") for source in sources}

    def cite(fact: dict, what: str, note: str) -> None:
        """The reviewed fact's reason, in Japanese in the note and in English in its original."""
        url = str(fact.get("source", ""))
        if url and url not in known_urls:
            sources.append({"url": url, "type": "official", "note": f"reviewed: {what}"})
            known_urls.add(url)
        # The source's address is listed with the sources; the Japanese note gives the reason.
        data[note] = "\n".join(filter(None, [data.get(note, ""), f"確認済み: {fact['reason_ja']}"]))
        data[f"{note}_en"] = "\n".join(filter(None, [data.get(f"{note}_en", ""),
                                                     f"Reviewed: {fact['reason']}" + (f" ({url})" if url else "")]))

    if "region" in entry:
        region = entry["region"]
        data["region_scope"] = region["scope"]
        data["countries"] = []
        cite(region, "region", "region_note")
        unconfirmed = [fact for fact in unconfirmed if fact != "region"]
    if "applicants" in entry:
        applicants = entry["applicants"]
        data["eligible_applicants"] = list(applicants["types"])
        cite(applicants, "eligible applicants", "applicants_note")
        unconfirmed = [fact for fact in unconfirmed if fact != "eligible_applicants"]
    data["unconfirmed"] = unconfirmed
    data["sources"] = sources
    return data


@cache
def matcher_facts() -> dict[str, MatcherFacts]:
    """Programme code → the facts the matcher reads from the reviewed coding."""
    facts = {}
    for code, entry in read_coding().items():
        facts[str(code)] = MatcherFacts(
            people=frozenset(entry.get("people") or []),
            experience=(entry.get("experience") or {}).get("value", ""),
            joint=(entry.get("joint") or {}).get("value", ""),
        )
    return facts
