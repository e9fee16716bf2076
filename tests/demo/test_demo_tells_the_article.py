"""The demo shows the facts of the seed article (../shared/seed/kitakyushu-clair-article.txt)."""

import datetime

from django.db.models import Min

from tsunagu.demo import kitakyushu as story
from tsunagu.demo.specs import CLAIR_MODEL_PROJECT, SAMPLE_AMOUNT
from tsunagu.org.models import Department, User
from tsunagu.partners.models import Agreement, Network, Organisation, Place
from tsunagu.portfolio.models import BudgetLine, Project, ProjectPartner


def clair_model_budget_lines():
    return BudgetLine.objects.filter(
        source=BudgetLine.Source.PROGRAM, funder__abbreviation="CLAIR", source_name=CLAIR_MODEL_PROJECT,
        project__deleted_at__isnull=True,
    )


def test_the_east_asian_network_has_its_ten_founding_cities(demo):
    network = Network.objects.get(name_ja="東アジア経済交流推進機構")
    assert network.founded_on == datetime.date(2004, 11, 16)
    members = {m.place.name_en: m.role for m in network.memberships.select_related("place")}
    assert set(members) == {
        "Kitakyushu", "Shimonoseki", "Fukuoka", "Dalian", "Qingdao", "Yantai", "Tianjin", "Incheon", "Busan", "Ulsan",
    }
    assert members["Kitakyushu"] == "secretariat"
    assert {role for name, role in members.items() if name != "Kitakyushu"} == {"founder"}
    countries = {m.place.country.code for m in network.memberships.select_related("place__country")}
    assert countries == {"JP", "CN", "KR"}


def test_the_fy2011_lgotp_trainees_came_from_hai_phong_kunming_and_chelyabinsk(demo):
    projects = Project.objects.filter(title_ja__contains="LGOTP", activity_types__code="trainee-acceptance")
    fy2011 = [p for p in projects if p.spans_fiscal_year(2011)]
    assert len(fy2011) == 1
    places = ProjectPartner.objects.filter(project=fy2011[0], place__isnull=False)
    assert {p.place.name_en for p in places} == {"Hai Phong", "Kunming", "Chelyabinsk"}


def test_fy2010_adopted_exactly_the_two_model_projects_of_the_article(demo):
    titles = set(clair_model_budget_lines().filter(fiscal_year=2010).values_list("project__title_ja", flat=True))
    assert titles == set(story.FY2010_CLAIR_MODEL_TITLES)
    thai = Project.objects.get(title_ja=story.FY2010_CLAIR_MODEL_TITLES[1])
    assert thai.partners.filter(organisation__name_en="Chiang Mai University").exists()
    assert thai.partners.filter(place__name_en="Chiang Mai").exists()
    unido = Project.objects.get(title_ja=story.FY2010_CLAIR_MODEL_TITLES[0])
    assert unido.partners.filter(organisation__abbreviation="UNIDO").exists()


def test_seventeen_clair_model_projects_were_adopted_by_fy2011(demo):
    first_years = clair_model_budget_lines().values("project").annotate(first=Min("fiscal_year"))
    adopted_by_fy2011 = {row["project"] for row in first_years if row["first"] <= 2011}
    assert len(adopted_by_fy2011) == 17
    # The programme goes on afterwards (so the cut-off matters).
    assert any(row["first"] > 2011 for row in first_years)


def test_clair_model_grants_stay_within_the_programme_caps(demo):
    for line in clair_model_budget_lines():
        assert line.amount_jpy <= 5_000_000, line  # joint projects; single projects 3,000,000
        if "共同" not in line.project.title_ja:
            assert line.amount_jpy <= 3_000_000, line


def test_the_cambodian_master_plans_cover_nine_cities(demo):
    project = Project.objects.get(title_ja="カンボジア主要9都市水道基本計画策定コンサルタント業務")
    cities = Place.objects.filter(project_links__project=project, country__code="KH")
    assert cities.count() == 9
    assert project.lead_department.code == "suido-kaigai"
    assert project.lead_department.parent.parent.name_ja == "上下水道局"
    # Cities the article does not name are marked as sample data.
    assert cities.filter(is_sample=True).exists()


def test_vietnam_has_two_consulting_contracts_one_in_a_consortium(demo):
    consulting = Project.objects.filter(title_ja__contains="コンサルタント業務", partners__place__country__code="VN")
    assert consulting.distinct().count() == 2
    consortium = consulting.get(title_ja__contains="コンソーシアム")
    assert consortium.partners.filter(organisation__kind=Organisation.Kind.COMPANY, role="implementer").exists()


def test_the_asian_low_carbon_center_opened_in_june_2010(demo):
    project = Project.objects.get(title_ja="アジア低炭素化センターの運営")
    assert project.start_date == datetime.date(2010, 6, 1)
    assert project.status == Project.Status.RUNNING
    assert project.lead_department.name_ja == "アジア低炭素化センター"


def test_agreements_with_the_partner_cities(demo):
    dalian = Agreement.objects.get(place__name_en="Dalian")
    assert (dalian.kind, dalian.signed_on.year) == ("friendship_city", 1979)
    assert Agreement.objects.get(place__name_en="Incheon").signed_on.year == 1988
    haiphong = Agreement.objects.filter(place__name_en="Hai Phong").order_by("signed_on")
    assert [a.kind for a in haiphong] == ["friendship_cooperation", "sister_city"]
    assert haiphong[1].signed_on == datetime.date(2014, 4, 18)
    assert Agreement.objects.get(place__name_en="Chelyabinsk").kind == "economic_exchange"


def test_the_international_policy_division_sits_under_the_international_department(demo):
    division = Department.objects.get(is_international_division=True)
    assert (division.name_ja, division.parent.name_ja, division.parent.parent.name_ja) == (
        "国際政策課", "国際部", "総務企画局",
    )
    for bureau in ("環境局", "上下水道局", "消防局", "産業経済局", "保健福祉局", "港湾空港局", "市民文化スポーツ局"):
        assert Department.objects.get(name_ja=bureau).kind == Department.Kind.BUREAU


def test_places_have_japanese_english_and_local_names_with_coordinates(demo):
    haiphong = Place.objects.get(name_en="Hai Phong")
    assert (haiphong.name_ja, haiphong.name_local, haiphong.country.code) == ("ハイフォン", "Hải Phòng", "VN")
    assert Place.objects.get(name_en="Chelyabinsk").name_local == "Челябинск"
    assert Place.objects.get(name_en="Phnom Penh").name_local == "ភ្នំពេញ"
    assert not Place.objects.filter(latitude__isnull=True).exists()


def test_budgets_span_many_fiscal_years_across_the_era_change(demo):
    years = set(BudgetLine.objects.values_list("fiscal_year", flat=True))
    assert {2018, 2019, 2020} <= years  # 平成30年度, 令和元年度, 令和2年度
    assert min(years) <= 1999 and max(years) >= 2026
    statuses = set(Project.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in Project.Status}


def test_foreign_currency_lines_keep_currency_rate_and_date(demo):
    foreign = BudgetLine.objects.exclude(currency="JPY")
    assert {line.currency for line in foreign} >= {"USD", "KRW", "CNY"}
    for line in foreign:
        assert line.rate_date is not None
        assert abs(line.amount_jpy - line.amount_foreign * line.exchange_rate) <= 1


def test_invented_amounts_are_labelled_as_sample(demo):
    for line in BudgetLine.objects.all():
        assert "サンプル" in line.note, line


def test_every_demo_record_passes_model_validation(demo):
    for model in (Department, Place, Organisation, Agreement, Network, Project, BudgetLine, ProjectPartner):
        for obj in model._base_manager.all():
            obj.full_clean()


def test_history_records_name_the_demo_user_who_entered_them(demo):
    project = Project.objects.get(title_ja=story.FY2010_CLAIR_MODEL_TITLES[1])
    records = list(project.history.order_by("history_date", "history_id"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert {r.history_user.username for r in records} == {"kankyo"}
    assert records[0].history_change_reason == story.CHANGE_REASON
    assert records[1].status == "finished" and records[0].status == "running"
    # The creation record holds the many-to-many fields, so no later record shows them as changed.
    assert set(records[0].fields.values_list("field__code", flat=True)) == {"environment", "culture"}
    place = Place.objects.get(name_en="Dalian")
    assert place.history.get().history_user == User.objects.get(username="kokusai")


def test_a_deleted_demo_project_is_hidden_and_can_be_restored(demo):
    deleted = Project.all_objects.get(title_ja__contains="重複登録")
    assert deleted.is_deleted
    assert not Project.objects.filter(pk=deleted.pk).exists()
    assert deleted.history.latest("history_date").history_change_reason == "重複登録のため削除"


def test_sample_amount_note_is_the_documented_one():
    assert SAMPLE_AMOUNT == "金額はデモ用のサンプル"
