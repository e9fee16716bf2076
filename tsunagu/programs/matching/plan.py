"""The plan the matcher ranks programmes for, built from a project, a form or a YAML file.

The plan format is documented in docs/plan-format.md. Every way of building
a plan ends in the same ``Plan`` object, so the project page, the plan form
and the command line give the same ranking for the same plan.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

import yaml
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tsunagu.core.fiscal import FiscalYear

from ..models import ApplicantType, CityRole

LOCAL_GOVERNMENTS = frozenset(
    {ApplicantType.PREFECTURE, ApplicantType.DESIGNATED_CITY, ApplicantType.CITY, ApplicantType.TOWN_VILLAGE}
)

# How the city takes part when the plan does not say: a plan of the city accepts
# every role in which the city itself acts; a plan of someone else (an NGO, the
# international association, a company) accepts every role.
CITY_PLAN_ROLES = (CityRole.APPLICANT, CityRole.PARTNER, CityRole.BENEFICIARY)
ALL_ROLES = tuple(CityRole.values)

# An open-ended plan is matched for this many fiscal years from its start (or from today).
OPEN_ENDED_YEARS = 3

# The applicant type of the city itself (Kitakyushu is a designated city); a
# deployment for another municipality sets TSUNAGU_CITY_APPLICANT_TYPE.
DEFAULT_CITY_APPLICANT_TYPE = ApplicantType.DESIGNATED_CITY

PLAN_KEYS = (
    "title", "applicant_type", "city_roles", "fields", "activity_types", "country", "countries",
    "start_date", "end_date", "money_needed_jpy", "national_funding", "continuing", "people", "experience",
    "joint", "text", "as_of", "bench",
)

# Whose people move (see docs/plan-format.md); without ``people`` a plan's activity types say it.
PEOPLE_CHOICES = (
    ("trainees_in", gettext_lazy("accepting trainees from abroad (officials or engineers are trained here)")),
    ("staff_training", gettext_lazy("training the city's own staff (at a ministry, in Japan or abroad)")),
    ("experts_out", gettext_lazy("sending the city's staff abroad as experts or volunteers")),
)
PEOPLE_FROM_ACTIVITY = {"trainee-acceptance": "trainees_in", "expert-dispatch": "experts_out"}
EXPERIENCE_CHOICES = (
    ("new", gettext_lazy("new to overseas work")),
    ("experienced", gettext_lazy("experienced abroad (a track record of overseas projects)")),
)
REQUIRED_KEYS = ("applicant_type", "start_date")


def city_applicant_type() -> str:
    value = getattr(settings, "TSUNAGU_CITY_APPLICANT_TYPE", DEFAULT_CITY_APPLICANT_TYPE)
    return value if value in ApplicantType.values else DEFAULT_CITY_APPLICANT_TYPE


def default_roles(applicant_type: str) -> tuple[str, ...]:
    return tuple(CITY_PLAN_ROLES) if applicant_type in LOCAL_GOVERNMENTS else ALL_ROLES


@dataclass(frozen=True)
class Plan:
    """What the matcher needs to know about a plan. The derived values (``today``,
    ``fiscal_years``…) are computed once per plan (cached on the instance)."""

    applicant_type: str
    start_date: datetime.date
    city_roles: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()  # portfolio.Field codes
    activity_types: tuple[str, ...] = ()  # portfolio.ActivityType codes
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2; JP for activities in Japan
    end_date: datetime.date | None = None
    money_needed_jpy: int | None = None
    national_funding: bool = False  # already funded by the state or a similar body
    continuing: bool = False  # continues an existing project unchanged (neither new nor expanded)
    people: tuple[str, ...] = ()  # whose people move: PEOPLE_CHOICES; () = as the activity types say
    experience: str = ""  # the applicant's overseas experience: "new", "experienced" or "" (not said)
    joint: bool = False  # several local governments (or organisations) apply jointly
    text: str = ""
    title: str = ""
    as_of: datetime.date | None = None  # "today" for the windows; None = the real today

    def __post_init__(self) -> None:
        # Plain strings (not choice members), so that a plan compares, prints and dumps simply.
        object.__setattr__(self, "applicant_type", str(self.applicant_type))
        roles = self.city_roles or default_roles(self.applicant_type)
        object.__setattr__(self, "city_roles", tuple(str(role) for role in roles))

    @cached_property
    def people_moving(self) -> frozenset[str]:
        """Whose people the plan moves: as it says, else as its activity types say."""
        if self.people:
            return frozenset(self.people)
        return frozenset(PEOPLE_FROM_ACTIVITY[a] for a in self.activity_types if a in PEOPLE_FROM_ACTIVITY)

    @cached_property
    def today(self) -> datetime.date:
        return self.as_of or timezone.localdate()

    @cached_property
    def is_city_plan(self) -> bool:
        return self.applicant_type in LOCAL_GOVERNMENTS

    @cached_property
    def last_day(self) -> datetime.date:
        """The end of the period the plan needs funding for."""
        if self.end_date:
            return self.end_date
        first = FiscalYear.of(max(self.start_date, self.today))
        return FiscalYear(first.year + OPEN_ENDED_YEARS - 1).end

    @cached_property
    def fiscal_years(self) -> frozenset[int]:
        """The 年度 the plan needs funding for: from its start (or today, if later) to its end."""
        first = FiscalYear.of(self.start_date).year
        last = FiscalYear.of(self.last_day).year
        return frozenset(range(first, max(first, last) + 1))

    @cached_property
    def first_open_fiscal_year(self) -> int:
        """The first 年度 of the plan that has not ended yet."""
        return max(FiscalYear.of(self.start_date).year, FiscalYear.of(self.today).year)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("start_date", "end_date", "as_of"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        for key in ("city_roles", "fields", "activity_types", "countries", "people"):
            data[key] = list(data[key])
        return data


class PlanError(ValueError):
    """A plan that cannot be read; ``messages`` says every problem found."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


# -- vocabularies the plan refers to ---------------------------------------------------------


@dataclass
class Vocabulary:
    """Codes and names of fields, activity types and countries, to read what a plan names."""

    fields: dict[str, str] = field(default_factory=dict)  # lookup key → code
    field_codes: list[str] = field(default_factory=list)
    activity_types: dict[str, str] = field(default_factory=dict)
    activity_codes: list[str] = field(default_factory=list)
    countries: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Vocabulary:
        from tsunagu.partners.models import Country
        from tsunagu.portfolio.models import ActivityType, Field

        vocabulary = cls()
        for model, names, codes in (
            (Field, vocabulary.fields, vocabulary.field_codes),
            (ActivityType, vocabulary.activity_types, vocabulary.activity_codes),
        ):
            for code, name_ja, name_en in model.objects.values_list("code", "name_ja", "name_en"):
                codes.append(code)
                for key in (code, name_ja, name_en):
                    names[_key(key)] = code
        for code, alpha3, name_ja, name_en in Country.objects.values_list("code", "alpha3", "name_ja", "name_en"):
            for key in (code, alpha3, name_ja, name_en):
                if key:
                    vocabulary.countries[_key(key)] = code
        return vocabulary


def _key(value: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


# -- reading a plan from a mapping (a YAML file) -------------------------------------------------


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, datetime.date):
        return _("a date")
    if value is None:
        return _("nothing")
    return _("text")


def _list_of_text(data: dict, key: str, errors: list[str]) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(not isinstance(item, str) for item in value):
        errors.append(
            _("%(key)s must be a list of codes or names, not %(type)s.") % {"key": key, "type": _type_name(value)}
        )
        return []
    return [item for item in value if item.strip()]


def _resolve(values: list[str], lookup: dict[str, str], key: str, known: list[str], errors: list[str]) -> list[str]:
    codes, unknown = [], []
    for value in values:
        code = lookup.get(_key(value))
        if code is None:
            unknown.append(value)
        elif code not in codes:
            codes.append(code)
    if unknown:
        message = _("Unknown value(s) in %(key)s: %(values)s.") % {"key": key, "values": ", ".join(unknown)}
        if known:
            message += " " + _("Known codes: %(codes)s.") % {"codes": ", ".join(known)}
        errors.append(message)
    return codes


def _date(data: dict, key: str, errors: list[str], *, required: bool = False) -> datetime.date | None:
    value = data.get(key)
    if value is None:
        if required and key in data:
            errors.append(_("%(key)s must be a date like 2026-04-01.") % {"key": key})
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    errors.append(_("%(key)s must be a date like 2026-04-01, not “%(value)s”.") % {"key": key, "value": value})
    return None


def _bool(data: dict, key: str, errors: list[str]) -> bool:
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        errors.append(_("%(key)s must be true or false, not %(type)s.") % {"key": key, "type": _type_name(value)})
        return False
    return value


def plan_from_mapping(data: Any, vocabulary: Vocabulary | None = None) -> Plan:
    """A plan from the keys of a plan file; raises ``PlanError`` listing every problem."""
    if not isinstance(data, dict):
        raise PlanError([_("A plan must be a mapping of keys (applicant_type, start_date, fields …), not %(type)s.")
                         % {"type": _type_name(data)}])
    vocabulary = vocabulary or Vocabulary.load()
    errors: list[str] = []
    unknown_keys = [str(key) for key in data if key not in PLAN_KEYS]
    if unknown_keys:
        errors.append(_("Unknown key(s): %(keys)s. Known keys: %(known)s.")
                      % {"keys": ", ".join(unknown_keys), "known": ", ".join(k for k in PLAN_KEYS if k != "bench")})
    missing = [key for key in REQUIRED_KEYS if data.get(key) in (None, "")]
    if missing:
        errors.append(_("Missing key(s): %(keys)s.") % {"keys": ", ".join(missing)})

    applicant_type = data.get("applicant_type")
    if applicant_type not in (None, "") and applicant_type not in ApplicantType.values:
        errors.append(_("applicant_type must be one of %(values)s, not “%(value)s”.")
                      % {"values": ", ".join(ApplicantType.values), "value": applicant_type})
    roles = _list_of_text(data, "city_roles", errors)
    unknown_roles = [role for role in roles if role not in CityRole.values]
    if unknown_roles:
        errors.append(_("Unknown value(s) in %(key)s: %(values)s.") % {"key": "city_roles", "values": ", ".join(unknown_roles)}
                      + " " + _("Known codes: %(codes)s.") % {"codes": ", ".join(CityRole.values)})

    fields = _resolve(_list_of_text(data, "fields", errors), vocabulary.fields, "fields", vocabulary.field_codes, errors)
    activities = _resolve(_list_of_text(data, "activity_types", errors), vocabulary.activity_types,
                          "activity_types", vocabulary.activity_codes, errors)
    country_names = _list_of_text(data, "country", errors) + _list_of_text(data, "countries", errors)
    countries = _resolve(country_names, vocabulary.countries, "countries", [], errors)

    start = _date(data, "start_date", errors, required=True)
    end = _date(data, "end_date", errors)
    as_of = _date(data, "as_of", errors)
    if start and end and end < start:
        errors.append(_("end_date cannot be before start_date."))

    money = data.get("money_needed_jpy")
    if money is not None and (isinstance(money, bool) or not isinstance(money, int) or money < 0):
        errors.append(_("money_needed_jpy must be a whole number of yen (0 or more), not “%(value)s”.")
                      % {"value": money})
        money = None

    text, title = data.get("text", ""), data.get("title", "")
    for key, value in (("text", text), ("title", title)):
        if value is not None and not isinstance(value, str):
            errors.append(_("%(key)s must be text, not %(type)s.") % {"key": key, "type": _type_name(value)})
    text = text if isinstance(text, str) else ""
    title = title if isinstance(title, str) else ""
    national_funding = _bool(data, "national_funding", errors)
    continuing = _bool(data, "continuing", errors)
    joint = _bool(data, "joint", errors)
    people = _list_of_text(data, "people", errors)
    known_people = [code for code, _label in PEOPLE_CHOICES]
    unknown_people = [value for value in people if value not in known_people]
    if unknown_people:
        errors.append(_("Unknown value(s) in %(key)s: %(values)s.") % {"key": "people", "values": ", ".join(unknown_people)}
                      + " " + _("Known codes: %(codes)s.") % {"codes": ", ".join(known_people)})
    experience = data.get("experience") or ""
    if experience not in ("", *(code for code, _label in EXPERIENCE_CHOICES)):
        errors.append(_("experience must be one of %(values)s, not “%(value)s”.")
                      % {"values": ", ".join(code for code, _label in EXPERIENCE_CHOICES), "value": experience})
        experience = ""
    bench = data.get("bench")
    if bench is not None and not isinstance(bench, dict):
        errors.append(_("bench must be a mapping (it is read by bench/match_quality.py only)."))

    if not errors and not (fields or activities or text.strip() or title.strip()):
        errors.append(_("Say what the plan is about: give fields, activity_types or text."))
    if errors:
        raise PlanError(errors)
    return Plan(
        applicant_type=applicant_type,
        city_roles=tuple(dict.fromkeys(roles)),
        fields=tuple(fields),
        activity_types=tuple(activities),
        countries=tuple(countries),
        start_date=start,
        end_date=end,
        money_needed_jpy=money,
        national_funding=national_funding,
        continuing=continuing,
        people=tuple(code for code in known_people if code in people),
        experience=experience,
        joint=joint,
        text=text.strip(),
        title=title.strip(),
        as_of=as_of,
    )


def read_plan_file(path, vocabulary: Vocabulary | None = None) -> tuple[Plan, dict]:
    """The plan in a YAML file (UTF-8) and the raw mapping; raises ``PlanError``."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise PlanError([_("Cannot read the plan file %(path)s: %(error)s.") % {"path": path, "error": error.strerror}]) from error
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PlanError([
            _("The plan file is not UTF-8 text (byte 0x%(byte)02x at position %(position)s). "
              "Save it as UTF-8 and try again.") % {"byte": raw[error.start], "position": error.start}
        ]) from error
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        if mark is not None:
            message = _("The plan file is not valid YAML: %(problem)s at line %(line)s, column %(column)s.") % {
                "problem": problem, "line": mark.line + 1, "column": mark.column + 1}
        else:
            message = _("The plan file is not valid YAML: %(problem)s.") % {"problem": problem}
        raise PlanError([message]) from error
    if data is None:
        raise PlanError([_("The plan file is empty.")])
    return plan_from_mapping(data, vocabulary), data


# -- a plan from a project ---------------------------------------------------------------------


def plan_from_project(project, *, as_of: datetime.date | None = None) -> Plan:
    """The plan of an existing project (a few queries; fields and activity types may be prefetched).

    - fields, activity types, start and end as recorded;
    - countries: of the partner places and organisations (JP when they are all in Japan);
    - money needed: the project's budget from the current 年度 on (None without budget lines);
    - national funding: a budget line from an external programme of a ministry or public agency
      in those years;
    - continuing: the project is already running;
    - text: its titles and summary.
    """
    from tsunagu.partners.models import Organisation
    from tsunagu.portfolio.models import BudgetLine, Project, ProjectPartner

    today = as_of or timezone.localdate()
    countries: list[str] = []
    for place_country, org_country in ProjectPartner.objects.filter(project=project).values_list(
        "place__country__code", "organisation__country__code"
    ):
        for code in (place_country, org_country):
            if code and code not in countries:
                countries.append(code)
    foreign = [code for code in countries if code != "JP"]
    countries = foreign or countries

    first_year = max(FiscalYear.of(project.start_date).year, FiscalYear.of(today).year)
    money = 0
    national = False
    lines = BudgetLine.objects.filter(project=project, fiscal_year__gte=first_year).values_list(
        "amount_jpy", "source", "funder__kind"
    )
    has_lines = False
    for amount, source, funder_kind in lines:
        has_lines = True
        money += amount
        if source == BudgetLine.Source.PROGRAM and funder_kind in (
            Organisation.Kind.GOVERNMENT, Organisation.Kind.AGENCY
        ):
            national = True
    text = "\n".join(part for part in (project.title_ja, project.title_en, project.summary) if part)
    return Plan(
        applicant_type=city_applicant_type(),
        fields=tuple(f.code for f in project.fields.all()),
        activity_types=tuple(a.code for a in project.activity_types.all()),
        countries=tuple(countries),
        start_date=project.start_date,
        end_date=project.end_date,
        money_needed_jpy=money if has_lines else None,
        national_funding=national,
        continuing=project.status == Project.Status.RUNNING,
        text=text,
        title=project.title_ja or project.title_en,
        as_of=as_of,
    )


def dump_plan(plan: Plan) -> str:
    """The plan as a plan file (YAML) that reads back to the same plan."""
    data = {key: value for key, value in plan.as_dict().items() if value not in (None, "", [], False)}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
