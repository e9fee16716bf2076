"""Search is a registry: it imports no domain model, and a kind registered by any app is indexed,
found, and hidden from the users its permission filter keeps out — on every query path."""

import ast
from pathlib import Path

import pytest
from django.db.models import Q
from django.urls import reverse

from tests.factories import UserFactory
from tsunagu.org.models import User
from tsunagu.search import queries, registry
from tsunagu.search.index import rebuild_index
from tsunagu.search.models import SearchEntry
from tsunagu.search.registry import Document, Facet, SearchKind, join

SEARCH = Path(__file__).resolve().parents[2] / "tsunagu" / "search"
# What search may build on: the kernel and itself.
ALLOWED = ("tsunagu.core", "tsunagu.text", "tsunagu.search")


def imported_modules(source: str, module: str) -> list[str]:
    """Every module ``source`` (the code of ``module``) imports, relative imports resolved."""
    package = module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            found.append(target)
            found += [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "get_model", "import_module", "__import__",
        ):
            found.append(f"<dynamic import: {ast.unparse(node)}>")
    return found


def forbidden(source: str, module: str) -> list[str]:
    return [
        name for name in imported_modules(source, module)
        if name.startswith("<dynamic") or (name.startswith("tsunagu") and not name.startswith(ALLOWED))
    ]


def test_the_import_check_catches_a_domain_import():
    # The check below must be able to fail: absolute, relative and by-name imports of a domain app.
    assert forbidden("from tsunagu.programs.models import Program", "tsunagu.search.queries")
    assert forbidden("from ..partners import models", "tsunagu.search.queries")
    assert forbidden("import tsunagu.portfolio.models", "tsunagu.search.index")
    assert forbidden("apps.get_model('programs', 'Program')", "tsunagu.search.index")
    assert not forbidden("from tsunagu.text import parse_query\nfrom .models import SearchEntry", "tsunagu.search.x")


def test_search_imports_no_model_of_another_app():
    modules = sorted(SEARCH.rglob("*.py"))
    assert len(modules) > 10
    bad = {}
    for path in modules:
        parts = path.relative_to(SEARCH.parents[1]).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if parts[-1] == "__init__":
            module += ".__init__"
        found = forbidden(path.read_text(encoding="utf-8"), module)
        if found:
            bad[str(path.relative_to(SEARCH))] = found
    assert bad == {}


def test_the_domain_apps_register_their_kinds():
    assert {k.name: k.number for k in registry.kinds()} == {
        "program": 1, "project": 2, "place": 3, "organisation": 4,
        "circular": 21,  # coordination: circulars and inquiries
        "policynode": 22,
        "meeting": 23, "decision": 24,  # coordination/meetings
    }
    assert [type(k).__module__ for k in registry.kinds()] == [
        "tsunagu.programs.catalogue.search", "tsunagu.portfolio.search", "tsunagu.partners.search", "tsunagu.partners.search",
        "tsunagu.coordination.circulars.search", "tsunagu.coordination.policy.search",
        *["tsunagu.coordination.meetings.search"] * 2,
    ]


# -- a throw-away kind: members of staff, personal data that only coordinators may find ---------


class StaffSearch(SearchKind):
    """People: coordinators find everyone; anybody else only themselves."""

    name = "staffmember"
    number = 99
    label = "Staff"
    model = User
    facets = (Facet("role", "Role", lambda values: {v: v.upper() for v in values}),)

    def queryset(self):
        return User.objects.all()

    def live(self, user):
        return user.is_active

    def document(self, user, today):
        return Document(
            kind=self.name, object_id=user.pk, title_ja=user.full_name or user.username,
            title_text=join(user.full_name, user.username), body_text=user.email,
            facets={"role": [user.role]},
        )

    def url(self, object_id, slug):
        return f"/people/{object_id}/"

    def visible(self, user):
        if not registry.signed_in_staff(user):
            return False
        return True if user.is_coordinator else Q(pk=user.pk)


@pytest.fixture
def staff_kind(db):
    kind = StaffSearch()
    registry.register(kind)
    yield kind
    registry.unregister(kind.name)


@pytest.fixture
def nakajima(water_bureau):
    return UserFactory(username="nakajima", full_name="中島浩二", email="nakajima@example.jp",
                       role=User.Role.EDITOR, departments=[water_bureau])


def names(hits):
    return sorted(hit.title_ja for hit in hits)


@pytest.mark.django_db
def test_a_registered_kind_is_indexed_and_found_by_those_allowed(staff_kind, nakajima, coordinator, viewer):
    # Created before the kind was registered: the rebuild indexes it.
    assert rebuild_index([staff_kind.name])[staff_kind.name] == User.objects.count()
    (hit,) = queries.search("中島", user=coordinator)
    assert (hit.kind, hit.title_ja, hit.url, hit.kind_label) == ("staffmember", "中島浩二", f"/people/{nakajima.pk}/",
                                                                 "Staff")
    assert names(queries.search("nakajima", kinds=["staffmember"], user=nakajima)) == ["中島浩二"]
    # The permission filter: a viewer finds no one but themselves.
    assert queries.search("中島", user=viewer) == []
    assert queries.search("nakajima", kinds=["staffmember"], user=viewer) == []
    assert names(queries.search("viewer", kinds=["staffmember"], user=viewer)) == ["viewer"]


@pytest.mark.django_db
def test_the_permission_filter_holds_on_every_query_path(staff_kind, nakajima, coordinator, viewer, as_viewer,
                                                          as_coordinator):
    UserFactory(username="yamada", full_name="山田花子", role=User.Role.VIEWER)
    rebuild_index([staff_kind.name])  # also the accounts made before the kind was registered

    # Grouped hits and their counts.
    (group,) = queries.search_grouped("example", kinds=["staffmember"], user=coordinator)
    assert (names(group.hits), group.total) == (["中島浩二"], 1)
    (group,) = queries.search_grouped("example", kinds=["staffmember"], user=viewer)
    assert (group.hits, group.total) == ([], 0)

    # Facets: the hidden records are not counted.
    everyone = queries.faceted_search("staffmember", "", user=coordinator)
    assert everyone.total == User.objects.count()
    (roles,) = everyone.facets
    assert {v.value: v.count for v in roles.values}["editor"] == 1
    own = queries.faceted_search("staffmember", "", user=viewer)
    assert (names(own.hits), own.total) == (["viewer"], 1)
    assert {v.value: v.count for v in own.facets[0].values if v.count} == {"viewer": 1}
    assert queries.faceted_search("staffmember", "中島", user=viewer).total == 0
    assert queries.facets_for_query("staffmember", "中島", user=viewer)[0].values == []

    # A list's queryset narrowed by the index.
    assert list(queries.filter_queryset("staffmember", "山田", User.objects.all(), user=coordinator)) == [
        User.objects.get(username="yamada")
    ]
    assert not queries.filter_queryset("staffmember", "山田", User.objects.all(), user=viewer).exists()

    # The search page, grouped and by kind.
    url = reverse("search:search")
    for params in ({"q": "山田"}, {"q": "山田", "kind": "staffmember"}):
        assert "山田花子" in as_coordinator.get(url, params).content.decode()
        seen = as_viewer.get(url, params)
        assert "山田花子" not in seen.content.decode()
        assert seen.context["total"] == 0


@pytest.mark.django_db
def test_a_registered_kind_is_kept_fresh_and_leaves_with_its_registration(staff_kind, coordinator):
    person = UserFactory(username="suzuki", full_name="鈴木一郎")
    assert names(queries.search("鈴木", user=coordinator)) == ["鈴木一郎"]
    person.full_name = "佐藤一郎"
    person.save()
    assert queries.search("鈴木", user=coordinator) == []
    assert names(queries.search("佐藤", user=coordinator)) == ["佐藤一郎"]
    person.is_active = False  # live() says an inactive account leaves the index
    person.save()
    assert not SearchEntry.objects.filter(kind="staffmember", object_id=person.pk).exists()

    registry.unregister(staff_kind.name)
    UserFactory(username="tanaka", full_name="田中次郎")
    assert not SearchEntry.objects.filter(kind="staffmember", title_ja="田中次郎").exists()
    with pytest.raises(ValueError):
        queries.search("田中", kinds=["staffmember"], user=coordinator)


@pytest.mark.django_db
def test_entries_of_a_kind_no_longer_registered_are_never_shown(staff_kind, nakajima, coordinator):
    rebuild_index([staff_kind.name])
    registry.unregister(staff_kind.name)
    assert SearchEntry.objects.filter(kind="staffmember").exists()
    assert queries.search("中島", user=coordinator) == []
    assert [g.kind for g in queries.search_grouped("中島", user=coordinator)] == [
        "program", "project", "place", "organisation", "circular", "policynode", "meeting", "decision",
    ]
    rebuild_index()  # a full rebuild drops them
    assert not SearchEntry.objects.filter(kind="staffmember").exists()


def test_a_kind_needs_a_free_number():
    class Clash(StaffSearch):
        name = "clash"
        number = 1

    with pytest.raises(ValueError, match="same number"):
        registry.register(Clash())
    assert "clash" not in registry.kind_names()
