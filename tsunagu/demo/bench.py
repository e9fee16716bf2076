"""Helpers for the speed benchmarks (bench/search_speed.py, bench/match_speed.py).

- ``generate_programs(seed, count)``: a deterministic synthetic catalogue of
  support programmes (names, purposes, fields, activity types, regions,
  applicants and windows drawn from ``random.Random(seed)``), inserted in bulk;
- ``build_catalogue(seed, programs, projects)``: the synthetic city of
  ``tsunagu.demo.generate`` (projects, places, organisations) plus those
  programmes, then the search index rebuilt; reuses what is already there;
- ``search_benchmark(repeat)``: p50/p95 of the indexed search beside a naive
  ``icontains`` scan doing the same job, in the same run, over ``QUERIES``,
  searching as a viewer (``bench_user``).

Nothing here runs in a request; it is shipped so that both benchmarks build
and time the same catalogue. It lives in ``demo`` (the top app, next to the
city generator) because it reaches into every app.
"""

from __future__ import annotations

import datetime
import math
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db import transaction
from django.db.models import Q

from tsunagu.org.models import User
from tsunagu.partners.models import Country, Organisation, Place
from tsunagu.portfolio.models import ActivityType, Field, Project
from tsunagu.programs.catalogue.search import ProgramSearch
from tsunagu.programs.models import ApplicantType, ApplicationWindow, FundingForm, Program
from tsunagu.search.index import rebuild_index
from tsunagu.search.models import SearchEntry
from tsunagu.search.queries import faceted_search, search, search_grouped
from tsunagu.text import related_terms

# Realistic queries a member of staff types (Japanese and English, one or two words).
QUERIES = [
    "水道", "上下水道", "ごみ", "ゴミ", "廃棄物 研修", "環境", "ＪＩＣＡ", "jica", "研修員受入", "防災",
    "観光 ビジネス", "技術協力", "姉妹都市", "港湾", "保健 医療", "専門家派遣", "下水道 ベトナム",
    "water", "training", "sewerage", "disaster prevention", "tourism", "environment", "expert",
]

_FIELD_WORDS = [
    ("上下水道", "water and sewerage"), ("廃棄物処理", "waste management"), ("環境保全", "environmental protection"),
    ("防災", "disaster prevention"), ("消防", "firefighting"), ("観光振興", "tourism promotion"),
    ("教育", "education"), ("保健医療", "health care"), ("港湾", "port"), ("農業", "agriculture"),
    ("多文化共生", "multicultural community"), ("中小企業", "small business"), ("脱炭素", "decarbonisation"),
    ("都市計画", "urban planning"), ("交通", "transport"), ("文化交流", "cultural exchange"),
]
_ACTIVITY_WORDS = [
    ("技術協力", "technical cooperation"), ("研修員受入", "trainee acceptance"), ("専門家派遣", "expert dispatch"),
    ("調査", "survey"), ("海外展開", "overseas business development"), ("人材育成", "capacity building"),
    ("交流", "exchange"), ("モデル", "model"),
]
_SUFFIXES = [
    ("支援事業", "Support Programme"), ("推進事業", "Promotion Programme"), ("促進事業", "Facilitation Programme"),
    ("補助金", "Grant"), ("助成事業", "Subsidy Programme"), ("委託事業", "Commissioned Programme"),
]
_PURPOSES = [
    "地方自治体が持つ{field}の知見を活かし、開発途上国の{activity}を支援する。",
    "{field}分野で海外の都市と連携し、{activity}を通じて課題解決を図る事業を助成する。",
    "自治体と地域の企業・NGOが協力して行う{field}に関する{activity}の経費を補助する。",
]
_PURPOSES_EN = [
    "Supports {activity} in developing countries using local governments' know-how in {field}.",
    "Funds projects with partner cities abroad that solve problems in {field} through {activity}.",
]


def bench_prefix(seed: int) -> str:
    return f"bench{seed}-"


def generate_programs(seed: int = 1, count: int = 5000, *, batch_size: int = 1000) -> int:
    """Insert ``count`` synthetic programmes (codes ``bench<seed>-00001``…) unless already there.

    Returns the number created (0 when the seed's programmes exist).
    """
    prefix = bench_prefix(seed)
    if Program.all_objects.filter(code__startswith=prefix).exists():
        return 0
    rng = random.Random(seed)
    providers = list(
        Organisation.objects.filter(kind__in=["agency", "government", "international"]).order_by("pk")
    ) or list(Organisation.objects.order_by("pk")[:20])
    if not providers:
        providers = [
            Organisation.objects.create(kind=Organisation.Kind.AGENCY, name_ja=f"合成機構{seed}", name_en=f"Bench Agency {seed}")
        ]
    fields = {f.code: f for f in Field.objects.all()}
    activities = list(ActivityType.objects.all())
    countries = list(Country.objects.exclude(code="JP").order_by("code"))
    field_codes = list(fields)
    applicants = list(ApplicantType.values)
    funding = list(FundingForm.values)

    programs: list[Program] = []
    plan: list[tuple[list[str], list[int], list[int]]] = []
    windows: list[tuple[int, dict]] = []
    for number in range(1, count + 1):
        field_ja, field_en = rng.choice(_FIELD_WORDS)
        activity_ja, activity_en = rng.choice(_ACTIVITY_WORDS)
        suffix_ja, suffix_en = rng.choice(_SUFFIXES)
        scope = rng.choices(Program.RegionScope.values, weights=[5, 3, 3, 1])[0]
        programs.append(
            Program(
                code=f"{prefix}{number:05d}",
                provider=rng.choice(providers),
                name_ja=f"{field_ja}{activity_ja}{suffix_ja}（第{number}号）",
                name_en=f"{field_en.title()} {activity_en.title()} {suffix_en} No. {number}",
                purpose=rng.choice(_PURPOSES).format(field=field_ja, activity=activity_ja),
                purpose_en=rng.choice(_PURPOSES_EN).format(field=field_en, activity=activity_en),
                funding_forms=rng.sample(funding, rng.randint(1, 2)),
                city_roles=["applicant"],
                eligible_applicants=rng.sample(applicants, rng.randint(1, 4)),
                region_scope=scope,
                status=Program.Status.ACTIVE,
                is_sample=True,
            )
        )
        chosen_fields = rng.sample(field_codes, rng.randint(1, 3)) if field_codes else []
        chosen_activities = [a.pk for a in rng.sample(activities, min(len(activities), rng.randint(1, 2)))]
        chosen_countries = (
            [c.pk for c in rng.sample(countries, min(len(countries), rng.randint(1, 5)))]
            if scope == Program.RegionScope.COUNTRIES
            else []
        )
        plan.append((chosen_fields, chosen_activities, chosen_countries))
        kind = rng.choices(["dated", "recurring", "none"], weights=[5, 4, 1])[0]
        if kind == "dated":
            opens = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 540))
            windows.append((number - 1, {"kind": "dated", "opens_on": opens,
                                         "closes_on": opens + datetime.timedelta(days=rng.randint(14, 90))}))
        elif kind == "recurring":
            month = rng.randint(1, 12)
            windows.append((number - 1, {"kind": "recurring", "open_month": month, "open_day": 1,
                                         "close_month": month % 12 + 1, "close_day": 28}))

    with transaction.atomic():
        Program.objects.bulk_create(programs, batch_size=batch_size)
        field_rows, activity_rows, country_rows = [], [], []
        for program, (chosen_fields, chosen_activities, chosen_countries) in zip(programs, plan, strict=True):
            field_rows += [Program.fields.through(program_id=program.pk, field_id=fields[c].pk) for c in chosen_fields]
            activity_rows += [
                Program.activity_types.through(program_id=program.pk, activitytype_id=pk) for pk in chosen_activities
            ]
            country_rows += [Program.countries.through(program_id=program.pk, country_id=pk) for pk in chosen_countries]
        Program.fields.through.objects.bulk_create(field_rows, batch_size=batch_size)
        Program.activity_types.through.objects.bulk_create(activity_rows, batch_size=batch_size)
        Program.countries.through.objects.bulk_create(country_rows, batch_size=batch_size)
        ApplicationWindow.objects.bulk_create(
            [ApplicationWindow(program=programs[i], fiscal_year=2026, **values) for i, values in windows],
            batch_size=batch_size,
        )
    return len(programs)


@dataclass
class CatalogueReport:
    programs: int
    projects: int
    places: int
    organisations: int
    generate_seconds: float
    index_seconds: float
    reused: bool


def build_catalogue(seed: int = 1, programs: int = 5000, projects: int = 3000) -> CatalogueReport:
    """The synthetic city and catalogue for ``seed``, indexed (work already done is reused)."""
    from tsunagu.demo.generate import CitySize, generate_city

    started = time.perf_counter()
    city = generate_city(seed, CitySize(projects=projects))
    created = generate_programs(seed, programs)
    generated = time.perf_counter() - started
    reused = city.skipped and not created
    started = time.perf_counter()
    if not reused or not SearchEntry.objects.exists():
        rebuild_index()
    indexed = time.perf_counter() - started
    return CatalogueReport(
        programs=Program.objects.count(),
        projects=Project.objects.count(),
        places=Place.objects.count(),
        organisations=Organisation.objects.count(),
        generate_seconds=generated,
        index_seconds=indexed,
        reused=reused,
    )


# -- timing ------------------------------------------------------------------------------------


@dataclass
class Timing:
    name: str
    samples: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def time_calls(name: str, function: Callable[[str], object], queries: list[str], repeat: int) -> Timing:
    """Milliseconds of ``function(query)`` for every query, ``repeat`` times (after one warm-up each)."""
    for query in queries:
        function(query)
    samples = []
    for _ in range(repeat):
        for query in queries:
            started = time.perf_counter()
            function(query)
            samples.append((time.perf_counter() - started) * 1000)
    return Timing(name, samples)


def _words(query: str) -> list[str]:
    import unicodedata

    return unicodedata.normalize("NFKC", query).split()


def _related_words(word: str) -> list[str]:
    """``word`` and the words of its synonym group, as a naive search would widen it."""
    return list(dict.fromkeys([word, *related_terms(word)]))


SCAN_FIELDS = {
    Program: ("name_ja", "name_en", "purpose", "purpose_en", "provider__name_ja", "provider__name_en",
              "provider__abbreviation"),
    Project: ("title_ja", "title_en", "summary"),
    Place: ("name_ja", "name_en", "name_local"),
    Organisation: ("name_ja", "name_en", "abbreviation"),
}


def _scan(query: str, limit: int, widen: bool) -> list[tuple[str, int]]:
    hits: list[tuple[str, int]] = []
    words = _words(query)
    if not words:
        return hits
    for model, names in SCAN_FIELDS.items():
        condition = reduce(
            and_,
            (
                reduce(or_, (Q(**{f"{name}__icontains": w}) for name in names for w in
                             (_related_words(word) if widen else [word])))
                for word in words
            ),
        )
        matches = model.objects.filter(condition)
        matches.count()
        hits += [(model.__name__, pk) for pk in matches.values_list("pk", flat=True)[:limit]]
    return hits


def scan_search(query: str, limit: int = 20) -> list[tuple[str, int]]:
    """The naive baseline: every typed word ``icontains`` in the main text columns of the four
    kinds, the number of matches of each kind and its first ``limit`` rows (no ranking)."""
    return _scan(query, limit, widen=False)


def scan_search_widened(query: str, limit: int = 20) -> list[tuple[str, int]]:
    """As ``scan_search``, each word widened with its related terms as the index does
    (ゴミ also looks for 廃棄物…): a scan that tries to find what the index finds."""
    return _scan(query, limit, widen=True)


def scan_programs(query: str, limit: int = 20) -> list[int]:
    """The programme list's own plain scan (``programs.catalogue.queries.search_programs``), counted and paged."""
    from tsunagu.programs.catalogue.queries import search_programs as plain_scan

    matches = plain_scan(query, Program.objects.all())
    matches.count()
    return list(matches.order_by("code").values_list("pk", flat=True)[:limit])


def bench_user() -> User:
    """The member of staff the benchmarks search as (a viewer: sees what everyone sees)."""
    user, _created = User.objects.get_or_create(username="bench-viewer", defaults={"role": User.Role.VIEWER})
    return user


def search_benchmark(repeat: int = 5, queries: list[str] | None = None) -> list[tuple[Timing, Timing]]:
    """(indexed, naive scan) timings of the same jobs over ``queries``, measured in this run."""
    queries = queries or QUERIES
    user = bench_user()
    return [
        (
            time_calls("search(q, limit=20): ranked, 4 kinds", lambda q: search(q, limit=20, user=user), queries,
                       repeat),
            time_calls("scan typed words: count + 20 rows", scan_search, queries, repeat),
        ),
        (
            time_calls("search page groups: totals + 5 each", lambda q: search_grouped(q, per_kind=5, user=user),
                       queries, repeat),
            time_calls("scan typed words: count + 5 rows", lambda q: scan_search(q, limit=5), queries, repeat),
        ),
        (
            time_calls("programmes + 6 facet counts, 20 rows", lambda q: faceted_search(ProgramSearch.name, q, limit=20, user=user), queries,
                       repeat),
            time_calls("programme list scan: count + 20", scan_programs, queries, repeat),
        ),
    ]


def widened_scan_timing(repeat: int = 5, queries: list[str] | None = None) -> Timing:
    """The scan that also looks for related terms (what the index finds), for job 1."""
    return time_calls("scan words + related terms", scan_search_widened, queries or QUERIES, repeat)
