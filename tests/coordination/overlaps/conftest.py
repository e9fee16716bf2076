import datetime

import pytest

from tests.factories import PlaceFactory, ProjectFactory, ProjectPartnerFactory, country
from tsunagu.core.fiscal import FiscalYear


@pytest.fixture
def haiphong(db):
    return PlaceFactory(name_ja="ハイフォン", name_en="Hai Phong", country=country("VN"))


@pytest.fixture
def this_year():
    return FiscalYear.current()


def add_project(department, place, fy: FiscalYear, **extra):
    project = ProjectFactory(lead_department=department, start_date=fy.start, end_date=fy.end, **extra)
    ProjectPartnerFactory(project=project, place=place)
    return project


@pytest.fixture
def overlap(haiphong, water_bureau, env_bureau, this_year):
    """上下水道局 and 環境局 both in Hai Phong this 年度."""
    water = add_project(water_bureau, haiphong, this_year, title_ja="ハイフォン浄水場改善")
    env = add_project(env_bureau, haiphong, this_year, title_ja="ハイフォン廃棄物管理")
    return {"water": water, "env": env, "key": f"{this_year.year}-place-{haiphong.pk}"}


D = datetime.date
