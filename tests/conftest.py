"""The cast every permission test uses.

- ``coordinator``: International Policy Division (国際政策課), edits everything;
- ``water_editor``: editor of 上下水道局 (Water and Sewer Bureau);
- ``env_editor``: editor of 環境局 (Environment Bureau);
- ``viewer``: any staff member, reads only;
- ``admin_user``: the system administrator.
"""

import pytest
from django.test import Client

from tests.factories import DepartmentFactory, UserFactory
from tsunagu.org.models import Department, User


@pytest.fixture(autouse=True)
def _reference_data(request, django_db_blocker):
    """Put back the reference rows of the data migrations if a transactional test flushed them.

    A transactional test (live server, browser) empties every table when it ends, countries,
    fields and SDGs included; a test after it on the same worker would then miss them.
    """
    uses_db = request.node.get_closest_marker("django_db") or any(
        name in request.fixturenames for name in ("db", "transactional_db")
    )
    if not uses_db:
        return
    from tsunagu.partners.countries import sync_countries
    from tsunagu.partners.models import Country
    from tsunagu.portfolio.models import ActivityType, Field, SdgGoal, SdgTarget
    from tsunagu.portfolio.reference import load_reference

    with django_db_blocker.unblock():
        if not Country.objects.exists():
            sync_countries(Country)
            load_reference(Field, ActivityType, SdgGoal, SdgTarget)


@pytest.fixture(autouse=True)
def _fast_and_japanese(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "ja"


@pytest.fixture
def intl_division(db):
    return DepartmentFactory(
        code="intl-policy", name_ja="国際政策課", name_en="International Policy Division",
        kind=Department.Kind.SECTION, is_international_division=True,
    )


@pytest.fixture
def water_bureau(db):
    return DepartmentFactory(code="water", name_ja="上下水道局", name_en="Water and Sewer Bureau")


@pytest.fixture
def water_section(water_bureau):
    return DepartmentFactory(
        code="water-intl", name_ja="海外事業課", name_en="Overseas Business Section",
        kind=Department.Kind.SECTION, parent=water_bureau,
    )


@pytest.fixture
def env_bureau(db):
    return DepartmentFactory(code="env", name_ja="環境局", name_en="Environment Bureau")


@pytest.fixture
def coordinator(intl_division):
    return UserFactory(username="coordinator", role=User.Role.COORDINATOR, departments=[intl_division])


@pytest.fixture
def water_editor(water_bureau):
    return UserFactory(username="water", role=User.Role.EDITOR, departments=[water_bureau])


@pytest.fixture
def env_editor(env_bureau):
    return UserFactory(username="env", role=User.Role.EDITOR, departments=[env_bureau])


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer", role=User.Role.VIEWER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=User.Role.ADMINISTRATOR)


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ja")
    client.force_login(user)
    return client


@pytest.fixture
def as_coordinator(coordinator):
    return client_for(coordinator)


@pytest.fixture
def as_water_editor(water_editor):
    return client_for(water_editor)


@pytest.fixture
def as_env_editor(env_editor):
    return client_for(env_editor)


@pytest.fixture
def as_viewer(viewer):
    return client_for(viewer)
