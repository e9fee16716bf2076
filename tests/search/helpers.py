"""The search functions as a signed-in viewer uses them (every query path takes the user who
searches; records that every member of staff may find are found by a viewer too)."""

from tests.factories import UserFactory
from tsunagu.org.models import User
from tsunagu.search import queries


def reader() -> User:
    return UserFactory(username="search-reader", role=User.Role.VIEWER)


def search(query, kinds=None, limit=queries.DEFAULT_LIMIT, offset=0):
    return queries.search(query, kinds=kinds, limit=limit, offset=offset, user=reader())


def search_programs(query, selected=None, **options):
    return queries.faceted_search("program", query, selected, user=reader(), **options)
