"""A large synthetic city for benchmarks and load tests.

``generate_city(seed, size)`` plans every record from ``random.Random(seed)``
first (no database ids involved, so the same seed gives the same titles,
dates and amounts on any database), then inserts them in bulk, each with one
creation history record attributed to a generated coordinator. All partner
records are marked ``is_sample``.

Generated departments carry codes ``gen<seed>-…``. Running again with a seed
already present in the database does nothing and says so (a second city
needs another seed); this keeps ``make generate`` safe to repeat.

Names are invented from syllables (e.g. "Saverino" / "サヴェリノ") so they
cannot be mistaken for real partners; a name already in the database is
skipped, so the generator coexists with the Kitakyushu demo.
"""

from __future__ import annotations

import datetime
import random
import time
from bisect import bisect
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

from django.db import transaction

from tsunagu.core.fiscal import FiscalYear
from tsunagu.org.models import Department, User
from tsunagu.partners.models import (
    Agreement,
    Country,
    Network,
    NetworkMembership,
    Organisation,
    Place,
)
from tsunagu.portfolio.models import (
    ActivityType,
    BudgetLine,
    Field,
    Project,
    ProjectPartner,
    SdgGoal,
    SdgTarget,
)
from tsunagu.portfolio.reference import sdg_target_codes

from .records import create_with_history

HOME_COUNTRY = "JP"


@dataclass(frozen=True)
class CitySize:
    departments: int = 40
    projects: int = 3000
    fiscal_years: int = 30
    places: int = 800
    countries: int = 120
    organisations: int = 400
    agreements: int = 250
    networks: int = 12
    last_fiscal_year: int = 2026

    def validate(self, available_countries: int) -> None:
        for name in ("departments", "projects", "fiscal_years", "places", "countries", "organisations",
                     "agreements", "networks"):
            if getattr(self, name) < 0:
                raise ValueError(f"--{name.replace('_', '-')} cannot be negative.")
        if self.fiscal_years < 1:
            raise ValueError("--fiscal-years must be at least 1.")
        if self.countries > available_countries:
            raise ValueError(f"--countries can be at most {available_countries} (ISO countries other than Japan).")
        if self.places and not self.countries:
            raise ValueError("Places need at least one country (--countries).")
        if self.projects and not self.departments:
            raise ValueError("Projects need at least one department (--departments).")
        if (self.projects or self.agreements or self.networks) and not self.places:
            raise ValueError("Projects, agreements and networks need places (--places).")
        try:
            FiscalYear(self.last_fiscal_year - self.fiscal_years + 1)
            FiscalYear(self.last_fiscal_year + 1)
        except ValueError as error:
            raise ValueError("The fiscal years fall outside the supported range (1927–2199).") from error


@dataclass
class GenerateResult:
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False

    def summary(self) -> str:
        return ", ".join(f"{count:,} {name}" for name, count in self.counts.items())


def code_prefix(seed: int) -> str:
    return f"gen{seed}-"


def already_generated(seed: int) -> bool:
    return Department.objects.filter(code__startswith=code_prefix(seed)).exists()


def generate_city(seed: int = 1, size: CitySize | None = None, *, batch_size: int = 1000) -> GenerateResult:
    """Build the synthetic city for ``seed``; see the module docstring."""
    size = size or CitySize()
    started = time.perf_counter()
    if already_generated(seed):
        return GenerateResult(seed=seed, skipped=True, seconds=time.perf_counter() - started)
    countries = list(Country.objects.exclude(code=HOME_COUNTRY).order_by("code"))
    size.validate(len(countries))
    with transaction.atomic():
        counts = _Generator(seed, size, countries, batch_size).run()
    return GenerateResult(seed=seed, counts=counts, seconds=time.perf_counter() - started)


# -- vocabulary ---------------------------------------------------------------------------

# Syllables with their katakana; names are 2–3 of them.
SYLLABLES = (
    ("sa", "サ"), ("ve", "ヴェ"), ("ri", "リ"), ("no", "ノ"), ("ta", "タ"), ("ma", "マ"), ("la", "ラ"),
    ("do", "ド"), ("ka", "カ"), ("mi", "ミ"), ("lo", "ロ"), ("ne", "ネ"), ("ba", "バ"), ("ru", "ル"),
    ("te", "テ"), ("po", "ポ"), ("ga", "ガ"), ("pe", "ペ"), ("so", "ソ"), ("di", "ディ"), ("ku", "ク"),
    ("vi", "ヴィ"), ("ha", "ハ"), ("yo", "ヨ"), ("ni", "ニ"), ("bo", "ボ"), ("fe", "フェ"), ("tu", "トゥ"),
    ("ze", "ゼ"), ("mo", "モ"), ("li", "リィ"), ("an", "アン"), ("el", "エル"), ("or", "オル"), ("is", "イス"),
    ("ar", "アル"), ("on", "オン"), ("ca", "キャ"), ("dan", "ダン"), ("kel", "ケル"), ("tor", "トール"),
    ("var", "ヴァル"), ("sin", "シン"), ("pol", "ポル"), ("gra", "グラ"), ("bel", "ベル"),
)

# Bureau themes: Japanese and English names and the fields their projects touch.
THEMES = (
    ("環境", "Environment", ("environment",)),
    ("上下水道", "Water and Sewer", ("water",)),
    ("消防", "Fire", ("fire-disaster",)),
    ("産業経済", "Industrial Economy", ("industry", "trade")),
    ("保健福祉", "Health and Welfare", ("health", "animal-care")),
    ("港湾空港", "Port and Airport", ("port-transport", "trade")),
    ("市民文化スポーツ", "Citizens, Culture and Sports", ("culture", "multicultural")),
    ("総務企画", "General Affairs and Planning", ("general-administration", "multicultural")),
    ("教育", "Education", ("education", "culture")),
    ("建築都市", "Urban Development", ("general-administration", "environment")),
    ("農林水産", "Agriculture, Forestry and Fisheries", ("industry", "environment")),
    ("危機管理", "Crisis Management", ("fire-disaster", "general-administration")),
)
DIVISIONS = (("企画", "Planning"), ("事業", "Operations"), ("技術", "Engineering"), ("国際", "International"),
             ("管理", "Management"), ("推進", "Promotion"))
SECTIONS = (("国際協力", "International Cooperation"), ("海外事業", "Overseas Business"), ("計画調整", "Planning"),
            ("技術管理", "Technical Management"), ("交流推進", "Exchange Promotion"), ("研修", "Training"),
            ("調査", "Research"), ("総務", "General Affairs"))

FIELD_GOALS = {
    "environment": (11, 12, 13), "water": (6,), "trade": (8, 17), "fire-disaster": (11, 1),
    "health": (3,), "animal-care": (3, 15), "general-administration": (16, 17), "culture": (8, 11),
    "education": (4,), "multicultural": (10, 16), "port-transport": (9,), "industry": (8, 9),
}
FIELD_WORDS = {
    "environment": ("環境保全", "environmental protection"), "water": ("上下水道", "water and sewerage"),
    "trade": ("経済交流", "economic exchange"), "fire-disaster": ("消防・防災", "fire and disaster management"),
    "health": ("保健医療", "public health"), "animal-care": ("動物愛護管理", "animal care"),
    "general-administration": ("行政運営", "public administration"), "culture": ("文化・観光", "culture and tourism"),
    "education": ("人材育成", "human resources"), "multicultural": ("多文化共生", "multicultural coexistence"),
    "port-transport": ("港湾物流", "port logistics"), "industry": ("産業振興", "industrial promotion"),
}
ACTIVITY_WORDS = {
    "trainee-acceptance": ("研修員受入", "Trainees"), "expert-dispatch": ("専門家派遣", "Expert dispatch"),
    "technical-cooperation": ("技術協力", "Technical cooperation"),
    "business-development": ("ビジネス展開支援", "Business development"),
    "network-platform": ("都市間ネットワーク", "City network"),
    "friendship-exchange": ("友好交流", "Friendship exchange"), "survey": ("調査", "Survey"),
}
ORGANISATION_KINDS = (
    ("company", 35, "{}工業株式会社", "{} Industries Co., Ltd."),
    ("university", 15, "{}大学", "University of {}"),
    ("agency", 15, "{}開発公社", "{} Development Corporation"),
    ("ngo", 15, "{}環境協会", "{} Environmental Association"),
    ("government", 8, "{}省", "Ministry of {}"),
    ("international", 5, "{}地域協力機構", "{} Regional Cooperation Organisation"),
    ("local_government", 7, "{}州政府", "{} Provincial Government"),
)
PROGRAMMES = (
    ("海外技術協力助成", "overseas technical cooperation grant"),
    ("都市間連携委託事業", "city-to-city collaboration commission"),
    ("国際交流支援助成", "international exchange grant"),
    ("草の根協力委託", "grassroots cooperation commission"),
    ("環境インフラ調査委託", "environmental infrastructure survey commission"),
    ("研修員受入委託", "training commission"),
)
CURRENCIES = (("USD", 110.0), ("EUR", 130.0), ("CNY", 17.0), ("KRW", 0.095), ("THB", 3.6), ("VND", 0.0055))
AGREEMENT_KINDS = (
    ("sister_city", 20, "姉妹都市提携", "Sister-city affiliation"),
    ("friendship_city", 15, "友好都市提携", "Friendship-city affiliation"),
    ("friendship_cooperation", 25, "友好・協力協定", "Friendship and cooperation agreement"),
    ("economic_exchange", 15, "経済交流協定", "Economic exchange agreement"),
    ("mou", 25, "協力に関する覚書", "Memorandum of understanding"),
)
NETWORK_THEMES = (("環境", "Environment"), ("港湾", "Port"), ("観光", "Tourism"), ("水", "Water"),
                  ("防災", "Disaster Resilience"), ("産業", "Industry"), ("教育", "Education"))


class _Names:
    """Unique invented names: English (compared case-insensitively) and katakana."""

    def __init__(self, rng: random.Random, taken_en: set[str], taken_ja: set[str]) -> None:
        self.rng = rng
        self.taken_en = taken_en
        self.taken_ja = taken_ja

    def new(self, min_syllables: int = 2, max_syllables: int = 3) -> tuple[str, str]:
        for _attempt in range(1000):
            parts = [self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(min_syllables, max_syllables))]
            en = "".join(p[0] for p in parts).capitalize()
            ja = "".join(p[1] for p in parts)
            if en.lower() not in self.taken_en and ja not in self.taken_ja:
                self.taken_en.add(en.lower())
                self.taken_ja.add(ja)
                return en, ja
        return self.new(min_syllables + 1, max_syllables + 1)


def _weighted_picker(rng: random.Random, items: list, exponent: float = 0.9):
    """Pick items with Zipf-like weights: a few very active, many occasional."""
    cumulative = list(accumulate(1.0 / (rank + 1) ** exponent for rank in range(len(items))))
    total = cumulative[-1] if cumulative else 0.0

    def pick():
        return items[min(bisect(cumulative, rng.random() * total), len(items) - 1)]

    return pick


def _pick_distinct(pick, count: int, limit: int) -> list:
    chosen: list = []
    for _attempt in range(count * 10):
        if len(chosen) >= min(count, limit):
            break
        item = pick()
        if item not in chosen:
            chosen.append(item)
    return chosen


def _yen(value: float) -> int:
    return max(1_000, int(round(value, -3)))


class _Generator:
    def __init__(self, seed: int, size: CitySize, countries: list[Country], batch_size: int) -> None:
        self.seed = seed
        self.size = size
        self.rng = random.Random(seed)
        self.all_countries = countries
        self.batch_size = batch_size
        self.reason = f"合成データの生成（seed={seed}）"
        self.counts: dict[str, int] = {}
        self.first_fy = size.last_fiscal_year - size.fiscal_years + 1

    def run(self) -> dict[str, int]:
        self.make_departments_and_users()
        self.make_places()
        self.make_organisations()
        self.make_agreements()
        self.make_networks()
        self.make_projects()
        return self.counts

    def _create(self, model, objs, label: str, m2m=None) -> list:
        create_with_history(model, objs, user=self.coordinator, reason=self.reason, m2m=m2m,
                            batch_size=self.batch_size)
        self.counts[label] = self.counts.get(label, 0) + len(objs)
        return objs

    # -- the city --------------------------------------------------------------------------

    def make_departments_and_users(self) -> None:
        prefix = code_prefix(self.seed)
        total = self.size.departments
        bureau_count = max(1, total // 5) if total else 0
        allotments = [0] * bureau_count
        for i in range(total - bureau_count):
            allotments[i % bureau_count] += 1

        self.coordinator = User(username=f"{prefix}coordinator", role=User.Role.COORDINATOR,
                                full_name=f"合成 取りまとめ担当{self.seed}")
        self.coordinator.set_unusable_password()
        self.coordinator.save()

        bureaus, divisions, sections = [], [], []
        self.bureau_theme: dict[str, tuple] = {}
        order = 0
        for b, extra in enumerate(allotments):
            theme = THEMES[b % len(THEMES)]
            cycle = b // len(THEMES)
            suffix_ja = f"第{cycle + 1}" if cycle else ""
            suffix_en = f" {cycle + 1}" if cycle else ""
            order += 1
            bureau = Department(
                code=f"{prefix}b{b + 1:02d}", name_ja=f"{theme[0]}{suffix_ja}局（合成）",
                name_en=f"{theme[1]} Bureau{suffix_en} (generated)", kind=Department.Kind.BUREAU,
                sort_order=10_000 + order,
            )
            bureaus.append(bureau)
            self.bureau_theme[bureau.code] = theme
            division_count = extra // 3 if extra >= 3 else 0
            own_divisions = []
            for d in range(division_count):
                words = DIVISIONS[d % len(DIVISIONS)]
                order += 1
                division = Department(
                    code=f"{bureau.code}-d{d + 1}", name_ja=f"{words[0]}部", name_en=f"{words[1]} Department",
                    kind=Department.Kind.DEPARTMENT, sort_order=10_000 + order,
                )
                division._parent = bureau
                own_divisions.append(division)
                self.bureau_theme[division.code] = theme
            divisions += own_divisions
            for s in range(extra - division_count):
                words = SECTIONS[s % len(SECTIONS)]
                number = f"第{s // len(SECTIONS) + 1}" if s >= len(SECTIONS) else ""
                order += 1
                section = Department(
                    code=f"{bureau.code}-s{s + 1}", name_ja=f"{words[0]}{number}課",
                    name_en=f"{words[1]} Section" + (f" {s // len(SECTIONS) + 1}" if number else ""),
                    kind=Department.Kind.SECTION, sort_order=10_000 + order,
                )
                section._parent = own_divisions[s % len(own_divisions)] if own_divisions else bureau
                sections.append(section)
                self.bureau_theme[section.code] = theme

        self._create(Department, bureaus, "departments")
        for division in divisions:
            division.parent = division._parent
        self._create(Department, divisions, "departments")
        for section in sections:
            section.parent = section._parent
        self._create(Department, sections, "departments")
        self.departments = bureaus + divisions + sections
        # Projects are led mostly by sections, some by bureaus.
        self.lead_pool = sections + bureaus if sections else bureaus

        editors = []
        for i in range(len(bureaus)):
            editor = User(username=f"{prefix}editor{i + 1:02d}", role=User.Role.EDITOR,
                          full_name=f"合成 編集者{i + 1}")
            editor.set_unusable_password()
            editors.append(editor)
        User.objects.bulk_create(editors, batch_size=self.batch_size)
        through = User.departments.through
        through.objects.bulk_create(
            [through(user_id=editor.pk, department_id=bureau.pk) for editor, bureau in zip(editors, bureaus, strict=True)]
        )
        if sections:
            self.coordinator.departments.add(sections[0])
        self.counts["users"] = len(editors) + 1

    # -- partners ----------------------------------------------------------------------------

    def make_places(self) -> None:
        chosen = sorted(self.rng.sample(self.all_countries, self.size.countries), key=lambda c: c.code)
        self.rng.shuffle(chosen)  # popularity order
        codes = [c.code for c in chosen]
        taken_en, taken_ja = set(), set()
        for name_en, name_ja in Place.all_objects.filter(country__code__in=codes).values_list(
            "name_en", "name_ja"
        ):
            taken_en.add(name_en.lower())
            taken_ja.add(name_ja)
        # Organisation names are global: reserve them in the same name space.
        self.names = _Names(self.rng, taken_en, taken_ja)

        per_country = [0] * len(chosen)
        for i in range(min(self.size.places, len(chosen))):
            per_country[i] = 1
        pick_country = _weighted_picker(self.rng, list(range(len(chosen))), exponent=1.0)
        for _ in range(self.size.places - sum(per_country)):
            per_country[pick_country()] += 1

        self.country_center = {}
        provinces, cities = [], []
        for country, count in zip(chosen, per_country, strict=True):
            lat0, lon0 = self.rng.uniform(-40, 60), self.rng.uniform(-120, 150)
            self.country_center[country.code] = (lat0, lon0)
            province_count = count // 8
            own_provinces = []
            for i in range(count):
                en, ja = self.names.new()
                is_province = i < province_count
                place = Place(
                    country=country,
                    kind=Place.Kind.PROVINCE if is_province else Place.Kind.CITY,
                    name_en=en if not is_province else f"{en} Province",
                    name_ja=ja if not is_province else f"{ja}州",
                    name_local=en,
                    latitude=Decimal(f"{max(-89.9, min(89.9, lat0 + self.rng.uniform(-4, 4))):.6f}"),
                    longitude=Decimal(f"{max(-179.9, min(179.9, lon0 + self.rng.uniform(-4, 4))):.6f}"),
                    notes="合成データ", is_sample=True,
                )
                if is_province:
                    own_provinces.append(place)
                    provinces.append(place)
                else:
                    if own_provinces and self.rng.random() < 0.6:
                        place._parent = self.rng.choice(own_provinces)
                    cities.append(place)
        self._create(Place, provinces, "places")
        for city in cities:
            city.parent = getattr(city, "_parent", None)
        self._create(Place, cities, "places")
        self.places = cities + provinces
        # Popular places come first: they get most projects and agreements.
        self.rng.shuffle(self.places)
        self.pick_place = _weighted_picker(self.rng, self.places, exponent=0.8)

    def make_organisations(self) -> None:
        taken = set(Organisation.all_objects.values_list("name_ja", flat=True))
        kinds = [k for k in ORGANISATION_KINDS for _ in range(k[1])]
        japan = Country.objects.get(code=HOME_COUNTRY)
        organisations = []
        while len(organisations) < self.size.organisations:
            kind, _weight, pattern_ja, pattern_en = self.rng.choice(kinds)
            en, ja = self.names.new()
            name_ja = pattern_ja.format(ja)
            if name_ja in taken:
                continue
            taken.add(name_ja)
            domestic = kind in ("company", "university", "ngo") and self.rng.random() < 0.3
            place = None if domestic or not self.places else self.rng.choice(self.places)
            country = japan if domestic else (place.country if place else None)
            if kind == "international":
                place, country = None, None
            elif place is not None and self.rng.random() < 0.5:
                place = None
            organisations.append(
                Organisation(
                    kind=kind, name_ja=name_ja, name_en=pattern_en.format(en), country=country, place=place,
                    notes="合成データ", is_sample=True,
                )
            )
        self._create(Organisation, organisations, "organisations")
        self.organisations = organisations
        funders = [o for o in organisations if o.kind in ("agency", "government", "international")]
        self.programmes = []
        for i, (name_ja, name_en) in enumerate(PROGRAMMES):
            if funders:
                self.programmes.append((name_ja, name_en, funders[i % len(funders)]))

    def make_agreements(self) -> None:
        kinds = [k for k in AGREEMENT_KINDS for _ in range(k[1])]
        last_day = FiscalYear(self.size.last_fiscal_year).end
        first_day = datetime.date(max(1950, self.first_fy - 20), 1, 1)
        span = (last_day - first_day).days
        agreements = []
        for _ in range(self.size.agreements):
            kind, _weight, label_ja, label_en = self.rng.choice(kinds)
            place = self.pick_place()
            signed = first_day + datetime.timedelta(days=self.rng.randrange(span))
            ended = renewed = approved = None
            term = self.rng.choice((3, 5)) if kind in ("friendship_cooperation", "mou") else None
            if self.rng.random() < 0.12:
                candidate = signed + datetime.timedelta(days=self.rng.randint(365, 15 * 365))
                ended = candidate if candidate <= last_day else None
            if self.rng.random() < 0.25:
                limit = ended or last_day
                if (limit - signed).days > 30:
                    renewed = signed + datetime.timedelta(days=self.rng.randint(30, (limit - signed).days))
            needs_approval = kind in ("sister_city", "friendship_city") and self.rng.random() < 0.6
            if needs_approval:
                approved = signed - datetime.timedelta(days=self.rng.randint(10, 60))
            agreements.append(
                Agreement(
                    kind=kind, title_ja=f"{place.name_ja}との{label_ja}", title_en=f"{label_en} with {place.name_en}",
                    place=place, signed_on=signed, renewed_on=renewed, ended_on=ended, term_years=term,
                    signatory_city="市長", signatory_partner=f"{place.name_ja}市長",
                    assembly_approval_required=needs_approval, assembly_approved_on=approved,
                    letter_references=f"第{self.rng.randint(100, 9999)}号", notes="合成データ", is_sample=True,
                )
            )
        self._create(Agreement, agreements, "agreements")

    def make_networks(self) -> None:
        taken = set(Network.all_objects.values_list("name_ja", flat=True))
        networks, memberships = [], []
        while len(networks) < self.size.networks:
            theme_ja, theme_en = self.rng.choice(NETWORK_THEMES)
            en, ja = self.names.new()
            name_ja = f"{ja}{theme_ja}都市ネットワーク"
            if name_ja in taken:
                continue
            taken.add(name_ja)
            founded = datetime.date(self.rng.randint(self.first_fy - 10, self.size.last_fiscal_year), 1, 1) + \
                datetime.timedelta(days=self.rng.randrange(365))
            network = Network(
                name_ja=name_ja, name_en=f"{en} {theme_en} Cities Network", founded_on=founded,
                purpose=f"{theme_ja}分野の都市間協力（合成データ）", is_sample=True,
            )
            networks.append(network)
            members = _pick_distinct(self.pick_place, self.rng.randint(5, 20), len(self.places))
            for i, place in enumerate(members):
                role = ("founder", "secretariat", "chair")[i] if i < 3 else (
                    "observer" if self.rng.random() < 0.1 else "member")
                membership = NetworkMembership(role=role, place=place, joined_on=founded if i < 3 else None)
                membership._network = network
                memberships.append(membership)
        self._create(Network, networks, "networks")
        for membership in memberships:
            membership.network = membership._network
        self._create(NetworkMembership, memberships, "network memberships")

    # -- the portfolio ----------------------------------------------------------------------

    def make_projects(self) -> None:
        fields = {f.code: f.pk for f in Field.objects.order_by("code")}
        activities = {a.code: a.pk for a in ActivityType.objects.order_by("code")}
        goals = {g.number: g.pk for g in SdgGoal.objects.order_by("number")}
        targets = {t.code: t.pk for t in SdgTarget.objects.order_by("code")}
        field_codes = sorted(fields)
        activity_codes = sorted(activities)
        last = self.size.last_fiscal_year

        projects, partners, lines = [], [], []
        m2m: dict[str, list] = {"co_departments": [], "fields": [], "activity_types": [], "sdg_goals": [],
                                "sdg_targets": []}
        for number in range(1, self.size.projects + 1):
            lead = self.rng.choice(self.lead_pool)
            theme = self.bureau_theme[lead.code]
            own_fields = [self.rng.choice(theme[2])]
            if self.rng.random() < 0.4:
                extra = self.rng.choice(field_codes)
                if extra not in own_fields:
                    own_fields.append(extra)
            own_activities = self.rng.sample(activity_codes, self.rng.choice((1, 1, 2)))
            places = _pick_distinct(self.pick_place, self.rng.choice((1, 1, 1, 2, 2, 3)), len(self.places))

            start_fy = self.rng.randint(self.first_fy, last + 1)
            open_ended = start_fy <= last and self.rng.random() < 0.08
            duration = self.rng.choice((1, 1, 1, 2, 2, 3, 3, 4, 5))
            start = FiscalYear(start_fy).start + datetime.timedelta(days=self.rng.randint(0, 120))
            end = None
            if not open_ended:
                end = FiscalYear(start_fy + duration - 1).end - datetime.timedelta(days=self.rng.randint(0, 60))
                end = max(end, start)
            end_fy = FiscalYear.of(end).year if end else last
            if start_fy > last:
                status = self.rng.choice(("idea", "planned", "planned"))
            elif end_fy < last:
                status = "dropped" if self.rng.random() < 0.06 else "finished"
            else:
                status = "running"

            place = places[0]
            field_ja, field_en = FIELD_WORDS[own_fields[0]]
            activity_ja, activity_en = ACTIVITY_WORDS[own_activities[0]]
            project = Project(
                title_ja=f"{place.name_ja}における{field_ja}{activity_ja}（{FiscalYear(start_fy).wareki}〜）",
                title_en=f"{activity_en} in {field_en}: {place.name_en} (from FY{start_fy})",
                summary=f"{place.name_ja}との{field_ja}分野の{activity_ja}。合成データ No.{number}。",
                lead_department=lead, status=status, start_date=start, end_date=end, is_sample=True,
            )
            projects.append(project)

            for code in own_fields:
                m2m["fields"].append((project, fields[code]))
            for code in own_activities:
                m2m["activity_types"].append((project, activities[code]))
            own_goals = sorted({g for code in own_fields for g in FIELD_GOALS[code]})
            own_goals = self.rng.sample(own_goals, min(len(own_goals), self.rng.randint(1, 3)))
            for goal in own_goals:
                m2m["sdg_goals"].append((project, goals[goal]))
            if own_goals and self.rng.random() < 0.5:
                goal = self.rng.choice(own_goals)
                for code in self.rng.sample(sdg_target_codes(goal), 1):
                    m2m["sdg_targets"].append((project, targets[code]))
            if len(self.departments) > 1 and self.rng.random() < 0.25:
                others = [d for d in self.rng.sample(self.departments, 2) if d is not lead]
                for department in others[: self.rng.randint(1, 2)]:
                    m2m["co_departments"].append((project, department))

            for i, partner_place in enumerate(places):
                role = "counterpart" if i == 0 else self.rng.choice(("counterpart", "beneficiary", "partner"))
                partner = ProjectPartner(role=role, place=partner_place)
                partner._project = project
                partners.append(partner)
            if self.organisations and self.rng.random() < 0.4:
                for organisation in self.rng.sample(self.organisations, self.rng.randint(1, 2)):
                    role = self.rng.choice(("partner", "implementer", "funder"))
                    partner = ProjectPartner(role=role, organisation=organisation)
                    partner._project = project
                    partners.append(partner)

            scale = self.rng.lognormvariate(14.5, 1.0)  # median about ¥2 million a year
            for fy in range(start_fy, min(end_fy, last + 1) + 1):
                if self.rng.random() < 0.9:
                    lines.append(self._line(project, fy, "city", _yen(scale * self.rng.uniform(0.7, 1.3)),
                                            source_name="一般会計"))
                if self.programmes and self.rng.random() < 0.3:
                    name_ja, _name_en, funder = self.rng.choice(self.programmes)
                    lines.append(self._line(project, fy, "program", _yen(scale * self.rng.uniform(0.5, 2.0)),
                                            source_name=name_ja, funder=funder))
                if self.rng.random() < 0.08:
                    lines.append(self._foreign_line(project, fy, scale))

        # co-departments were collected as instances: resolve their pks once saved.
        m2m["co_departments"] = [(p, d.pk) for p, d in m2m["co_departments"]]
        self._create(Project, projects, "projects", m2m=m2m)
        for partner in partners:
            partner.project = partner._project
        self._create(ProjectPartner, partners, "project partners")
        for line in lines:
            line.project = line._project
        self._create(BudgetLine, lines, "budget lines")

    def _line(self, project, fy, source, amount, *, source_name="", funder=None) -> BudgetLine:
        line = BudgetLine(fiscal_year=fy, source=source, amount_jpy=amount, source_name=source_name, funder=funder,
                          note="合成データ")
        line._project = project
        return line

    def _foreign_line(self, project, fy, scale) -> BudgetLine:
        currency, base_rate = self.rng.choice(CURRENCIES)
        rate = Decimal(str(round(base_rate * self.rng.uniform(0.85, 1.15), 6)))
        amount = Decimal(str(round(scale * self.rng.uniform(0.2, 0.8) / float(rate), 0))) or Decimal(1)
        yen = int((amount * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        rate_day = FiscalYear(fy).start + datetime.timedelta(days=self.rng.randint(0, 300))
        line = BudgetLine(fiscal_year=fy, source="partner", amount_jpy=yen, currency=currency,
                          amount_foreign=amount, exchange_rate=rate, rate_date=rate_day,
                          source_name="相手側負担金", note="合成データ")
        line._project = project
        return line
