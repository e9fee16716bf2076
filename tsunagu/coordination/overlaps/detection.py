"""Which departments overlap: computed in SQL, a fixed number of queries whatever the number of projects.

A warning is one of:

- **same place**: projects of two or more departments have the same partner place in the same 年度;
- **same field in the same country**: projects of two or more departments share a field (分野) and
  have partner places in the same country in the same 年度.

Rules, each tested in ``tests/coordination/overlaps/test_detection.py``:

- "department" means the bureau (局, the top of the department tree): two sections of 上下水道局
  are one bureau that coordinates itself; the International Policy Division coordinates between
  bureaus. The warning names the sections that lead the projects;
- a project counts in every 年度 its period touches (a project from January 2026 to June 2026 counts
  in 2025年度 and 2026年度); an open-ended one counts in every 年度 from its start;
- deleted projects and dropped ones (中止) do not count; ideas, plans, running and finished projects
  count in their 年度 (a finished project overlapped in the years it ran);
- our own city (``Place.is_home``) is no partner place; the home country is left out of "same
  country" for the same reason;
- a "same field in the same country" warning that holds exactly the projects of a "same place"
  warning of the same 年度 says nothing more and is left out.

Agreements (``partners.Agreement``) belong to the city, not to a department: they cannot make two
departments overlap, so they are shown beside a "same place" warning (the agreements in force with
that place in that 年度) rather than counted. There is no visit model yet: visits are left out.

One SQL statement per kind returns the members of every overlapping group (GROUP BY … HAVING
COUNT(DISTINCT bureau) > 1); names, contacts and reviews are then fetched for the warnings shown
(``queries.py``), a fixed number of queries more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.models import Department
from tsunagu.partners.models import Place
from tsunagu.portfolio.models import Project, ProjectPartner

from .models import OverlapKind


def warning_key(kind: str, fiscal_year: int, first: int, second: int | None = None) -> str:
    """The stable identity of a warning: ``2026-place-12`` or ``2026-field-3-45`` (field 3, country 45)."""
    if kind == OverlapKind.PLACE:
        return f"{fiscal_year}-place-{first}"
    return f"{fiscal_year}-field-{first}-{second}"


def parse_key(key: str) -> tuple[str, int, int, int | None] | None:
    """``warning_key`` read back; None for anything else."""
    parts = key.split("-")
    try:
        if len(parts) == 3 and parts[1] == "place":
            return OverlapKind.PLACE, int(parts[0]), int(parts[2]), None
        if len(parts) == 4 and parts[1] == "field":
            return OverlapKind.FIELD_COUNTRY, int(parts[0]), int(parts[2]), int(parts[3])
    except ValueError:
        return None
    return None


@dataclass
class OverlapWarning:
    kind: str
    fiscal_year: int
    first_id: int  # the place, or the field
    second_id: int | None  # the country of a field warning
    project_ids: set[int] = field(default_factory=set)
    department_ids: set[int] = field(default_factory=set)  # bureaus

    @property
    def key(self) -> str:
        return warning_key(self.kind, self.fiscal_year, self.first_id, self.second_id)

    @property
    def fy(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    @property
    def place_id(self) -> int | None:
        return self.first_id if self.kind == OverlapKind.PLACE else None

    @property
    def field_id(self) -> int | None:
        return self.first_id if self.kind == OverlapKind.FIELD_COUNTRY else None

    @property
    def country_id(self) -> int | None:
        return self.second_id


def bureaus_of(parents: dict[int, int | None]) -> dict[int, int]:
    """Every department's bureau (the top of its branch of the tree), from ``{department: parent}``."""
    result = {}
    for pk in parents:
        top, seen = pk, set()
        while parents.get(top) is not None and top not in seen:
            seen.add(top)
            top = parents[top]
        result[pk] = top
    return result


def bureau_of_departments() -> dict[int, int]:
    """Every department's bureau: one query."""
    return bureaus_of(dict(Department.objects.values_list("pk", "parent_id")))


def _values(rows: list[tuple], width: int) -> tuple[str, list]:
    placeholders = ", ".join("(" + ", ".join(["%s"] * width) + ")" for _ in rows)
    return placeholders, [value for row in rows for value in row]


def detect(
    years: list[int],
    *,
    kinds: tuple[str, ...] = (OverlapKind.PLACE, OverlapKind.FIELD_COUNTRY),
    place_ids: list[int] | None = None,
    project_id: int | None = None,
    first_id: int | None = None,
    second_id: int | None = None,
    bureaus: dict[int, int] | None = None,
) -> list[OverlapWarning]:
    """The warnings of these 年度, newest year first.

    Narrowed, in SQL, to the warnings of some places (the dossier: a "same place" warning of one of
    them, or a "same field" warning holding one of their projects), of one project (the project
    page), or of one place / field and country (a warning's own page).
    """
    if not years:
        return []
    bureaus = bureau_of_departments() if bureaus is None else bureaus
    if not bureaus:
        return []
    warnings: list[OverlapWarning] = []
    for kind in kinds:
        warnings.extend(
            _detect_kind(kind, sorted(set(years)), bureaus, place_ids, project_id, first_id, second_id)
        )
    place_sets = {
        (w.fiscal_year, frozenset(w.project_ids)) for w in warnings if w.kind == OverlapKind.PLACE
    }
    warnings = [
        w for w in warnings
        if w.kind == OverlapKind.PLACE or (w.fiscal_year, frozenset(w.project_ids)) not in place_sets
    ]
    warnings.sort(key=lambda w: (-w.fiscal_year, w.kind != OverlapKind.PLACE, -len(w.department_ids), w.key))
    return warnings


def _detect_kind(kind, years, bureaus, place_ids, project_id, first_id, second_id) -> list[OverlapWarning]:
    project = Project._meta.db_table
    partner = ProjectPartner._meta.db_table
    place = Place._meta.db_table
    project_fields = Project.fields.through._meta.db_table

    years_sql, years_params = _values([(y, FiscalYear(y).start, FiscalYear(y).end) for y in years], 3)
    bureaus_sql, bureaus_params = _values(sorted(bureaus.items()), 2)
    params: list = [*years_params, *bureaus_params]

    if kind == OverlapKind.PLACE:
        keys = "pp.place_id AS k1, 0 AS k2"
        joins = ""
        where = ""
    else:
        keys = "pf.field_id AS k1, pl.country_id AS k2"
        joins = f"JOIN {project_fields} pf ON pf.project_id = p.id"
        # Domestic partners (the home country) are not "abroad".
        where = (
            f"AND pl.country_id NOT IN (SELECT h.country_id FROM {place} h "  # noqa: S608 (table names from _meta; every value is a parameter)
            "WHERE h.is_home = %s AND h.deleted_at IS NULL)"
        )
    members = f"""
        SELECT y.fy AS fy, {keys}, p.id AS project_id, b.bureau_id AS bureau_id
        FROM {project} p
        JOIN bureaus b ON b.department_id = p.lead_department_id
        JOIN years y ON p.start_date <= y.fy_end AND (p.end_date IS NULL OR p.end_date >= y.fy_start)
        JOIN {partner} pp ON pp.project_id = p.id
        JOIN {place} pl ON pl.id = pp.place_id
        {joins}
        WHERE p.start_date <= %s AND (p.end_date IS NULL OR p.end_date >= %s)
          AND p.deleted_at IS NULL AND p.status <> %s AND pl.deleted_at IS NULL AND pl.is_home = %s {where}
    """  # noqa: S608 (table names from _meta; every value is a parameter)
    # The whole span first (project_period_idx), so the years are joined to the few projects in it.
    params += [FiscalYear(years[-1]).end, FiscalYear(years[0]).start, Project.Status.DROPPED, False]
    if kind != OverlapKind.PLACE:
        params.append(True)

    having = ["COUNT(DISTINCT bureau_id) > 1"]
    narrow = []
    if first_id is not None:
        narrow.append("k1 = %s")
    if second_id is not None:
        narrow.append("k2 = %s")
    narrow_params = [v for v in (first_id, second_id) if v is not None]
    having_params: list = []
    if project_id is not None:
        having.append("SUM(CASE WHEN project_id = %s THEN 1 ELSE 0 END) > 0")
        having_params.append(project_id)
    if place_ids is not None:
        if not place_ids:
            return []
        marks = ", ".join(["%s"] * len(place_ids))
        if kind == OverlapKind.PLACE:
            narrow.append(f"k1 IN ({marks})")
            narrow_params += list(place_ids)
        else:
            having.append(
                "SUM(CASE WHEN project_id IN "  # noqa: S608 (table names from _meta; every value is a parameter)
                f"(SELECT project_id FROM {partner} WHERE place_id IN ({marks})) THEN 1 ELSE 0 END) > 0"
            )
            having_params += list(place_ids)

    sql = f"""
        WITH years (fy, fy_start, fy_end) AS (VALUES {years_sql}),
        bureaus (department_id, bureau_id) AS (VALUES {bureaus_sql}),
        members AS ({members}),
        hot AS (
            SELECT fy, k1, k2 FROM members
            {"WHERE " + " AND ".join(narrow) if narrow else ""}
            GROUP BY fy, k1, k2 HAVING {" AND ".join(having)}
        )
        SELECT DISTINCT m.fy, m.k1, m.k2, m.project_id, m.bureau_id
        FROM members m JOIN hot h ON h.fy = m.fy AND h.k1 = m.k1 AND h.k2 = m.k2
    """  # noqa: S608 (table names from _meta; every value is a parameter)
    params += narrow_params + having_params
    groups: dict[tuple[int, int, int], OverlapWarning] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    by_key = defaultdict(list)
    for fy, k1, k2, project_pk, bureau in rows:
        by_key[(fy, k1, k2)].append((project_pk, bureau))
    for (fy, k1, k2), items in by_key.items():
        warning = groups.setdefault(
            (fy, k1, k2),
            OverlapWarning(kind=kind, fiscal_year=fy, first_id=k1, second_id=None if kind == OverlapKind.PLACE else k2),
        )
        for project_pk, bureau in items:
            warning.project_ids.add(project_pk)
            warning.department_ids.add(bureau)
    return list(groups.values())
