"""What a programme is for outweighs similar wording: the canonical Hai Phong case, whose people move,
who applies, plans without end date, ties, the reviewed coding and whole-word quotes."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from tsunagu.core.fiscal import FiscalYear
from tsunagu.programs.matching import PlanError, match, plan_from_mapping
from tsunagu.programs.matching.coding import read_coding
from tsunagu.programs.matching.text import Query, document
from tsunagu.programs.models import Program
from tsunagu.programs.transfer.seed import read_reference

from .conftest import city_plan
from .test_eligibility_rules import ranked

AS_OF = datetime.date(2026, 6, 1)


@pytest.fixture
def catalogue(db):
    call_command("load_programs", verbosity=0)


def plan(**values):
    data = {"applicant_type": "designated_city", "start_date": "2027-04-01", "as_of": AS_OF.isoformat()}
    data.update(values)
    return plan_from_mapping(data)


def top(result, count=3):
    return [item.code for item in result.ranked[:count]]


HAI_PHONG = {"title": "Hai Phong water supply company trainees", "fields": ["上下水道"],
             "activity_types": ["研修員受入", "技術協力"], "countries": ["VN"],
             "text": "accept trainees from the Hai Phong water supply company (浄水技術)"}


def test_the_canonical_case_puts_lgotp_first(catalogue):
    result = match(plan(**HAI_PHONG))
    assert top(result, 1) == ["clair-lgotp"]
    assert "jica-grant-aid-with-local-gov" not in top(result)
    staff = ranked(result, "mofa-diplomatic-trainee")
    assert [r.code for r in staff.conflicts] == ["people_direction"]


def test_the_canonical_case_in_the_plan_form_as_a_user_submits_it(catalogue, as_water_editor):
    from tsunagu.portfolio.models import ActivityType, Field
    from tsunagu.programs.matching.forms import PlanForm

    page = as_water_editor.get("/programs/match/")
    html = page.content.decode()
    method = re.search(r'<form method="(\w+)"[^>]*plan-form', html)[1].lower()
    # Start when the next LGOTP call (each autumn, for the next 年度) is still to come.
    start = FiscalYear(FiscalYear.of(timezone.localdate()).year + 2).start
    form = PlanForm()
    data = {
        "title": "ハイフォン水道公社からの研修員受入", "text": HAI_PHONG["text"],
        "fields": [Field.objects.get(name_ja="上下水道").code],
        "activity_types": list(ActivityType.objects.filter(name_ja__in=["研修員受入", "技術協力"])
                               .values_list("code", flat=True)),
        "countries": ["VN"], "applicant_type": form.fields["applicant_type"].initial,
        "start_date": start.isoformat(),
    }
    response = getattr(as_water_editor, method)("/programs/match/", data)
    assert response.status_code == 200
    shown = re.findall(r'<li class="match" data-code="([^"]+)"', response.content.decode())
    assert shown[0] == "clair-lgotp"
    assert "jica-grant-aid-with-local-gov" not in shown[:3]
    quoted = set(re.findall(r"「([^」]+)」", response.content.decode()))
    assert "Hai Phong" in quoted or "浄水技術" in quoted or "水道" in quoted
    assert not quoted & {"ン上水道", "の研", "を行う", "ジア", "万円", "Hai", "Phong"}


def test_own_staff_training_is_not_won_by_programmes_that_host_trainees_from_abroad(catalogue):
    result = match(plan(fields=["general-administration"], people=["staff_training"],
                        text="国際政策課の職員を1年間、外務省本省と在外公館で研修させる。"))
    assert top(result, 1) == ["mofa-diplomatic-trainee"]
    for code in ("clair-lgotp", "jica-training-kadaibetsu"):
        item = ranked(result, code)
        assert "people_direction" in [r.code for r in item.conflicts]
        assert code not in top(result)


def test_dispatching_experts_is_not_won_by_hosting_trainees_on_the_word_kenshu(catalogue):
    result = match(plan(fields=["water"], activity_types=["expert-dispatch"], countries=["LA"],
                        text="職員を専門家として派遣し、現地で研修を行う。", start_date="2026-11-01",
                        end_date="2027-01-31"))
    assert top(result, 1) == ["clair-expert-dispatch"]
    assert "clair-lgotp" not in top(result)


@pytest.mark.parametrize(("experience", "fits", "does_not_fit"), [
    ("new", "jica-kusanone-shien", "jica-kusanone-partner"),
    ("experienced", "jica-kusanone-partner", "jica-kusanone-shien"),
])
def test_the_applicants_experience_abroad_decides_between_the_ngo_schemes(catalogue, experience, fits, does_not_fit):
    result = match(plan(applicant_type="ngo", fields=["environment"], activity_types=["technical-cooperation"],
                        countries=["VN"], experience=experience, text="waste education"))
    codes = [item.code for item in result.ranked]
    assert codes.index(fits) < codes.index(does_not_fit)
    assert [r.code for r in ranked(result, does_not_fit).conflicts] == ["applicant_experience"]


def test_a_joint_plan_gains_where_joint_projects_are_prioritised(catalogue):
    single = ranked(match(plan(fields=["environment"], activity_types=["technical-cooperation"], countries=["VN"],
                               text="廃棄物")), "clair-model-cooperation")
    joint = ranked(match(plan(fields=["environment"], activity_types=["technical-cooperation"], countries=["VN"],
                              text="廃棄物", joint=True)), "clair-model-cooperation")
    assert "joint_preferred" in [r.code for r in joint.gains]
    assert joint.score == pytest.approx(single.score + 1.0)


def test_a_plan_file_refuses_unknown_people_and_experience(db):
    with pytest.raises(PlanError) as error:
        plan(fields=["water"], people=["tourists"], experience="some")
    text = str(error.value)
    assert "tourists" in text and "people" in text and "experience" in text


def test_without_end_date_a_later_window_gives_no_points_and_only_breaks_ties(make_program):
    later_only = [{"kind": "dated", "fiscal_year": 2028, "opens_on": datetime.date(2027, 7, 1),
                   "closes_on": datetime.date(2027, 9, 30)},
                  {"kind": "dated", "fiscal_year": 2027, "opens_on": datetime.date(2026, 1, 1),
                   "closes_on": datetime.date(2026, 2, 1)}]
    make_program("a-no-window", windows=[])
    make_program("b-later-window", windows=later_only)
    open_ended = match(city_plan(end_date=None, text="研修"))
    item = ranked(open_ended, "b-later-window")
    assert "window" not in [r.code for r in item.gains]
    assert "window_later_year" in [r.code for r in item.notes]
    assert item.score == ranked(open_ended, "a-no-window").score
    # Same score: the later window breaks the tie (the code would have put a-no-window first).
    assert [i.code for i in open_ended.ranked if i.code in ("a-no-window", "b-later-window")][0] == "b-later-window"
    with_end = ranked(match(city_plan(end_date=datetime.date(2029, 3, 31), text="研修")), "b-later-window")
    assert [r.points for r in with_end.gains if r.code == "window"] == [0.5]


def test_ties_go_to_the_more_specific_programme_not_to_the_code(make_program):
    make_program("a-broad", fields=("trade", "culture", "industry"), windows=[])
    make_program("z-narrow", fields=("trade",), windows=[])
    result = match(city_plan(text="研修"))
    assert ranked(result, "a-broad").score == ranked(result, "z-narrow").score
    codes = [item.code for item in result.ranked]
    assert codes.index("z-narrow") < codes.index("a-broad")


def test_the_reviewed_coding_is_applied_when_the_catalogue_is_seeded(catalogue):
    lgotp = Program.objects.get(code="clair-lgotp")
    assert not lgotp.fields.exists()  # open to every field
    assert set(lgotp.activity_types.values_list("code", flat=True)) == {"trainee-acceptance", "technical-cooperation"}
    staff = Program.objects.get(code="mofa-diplomatic-trainee")
    assert not staff.activity_types.filter(code="trainee-acceptance").exists()
    jet = Program.objects.get(code="jet-programme")
    assert jet.region_scope == "domestic" and "region" not in jet.unconfirmed
    assert "確認済み:" in jet.region_note
    assert "Reviewed:" in jet.region_note_en and "http" in jet.region_note_en


def test_every_coding_entry_names_a_seeded_programme_and_gives_a_reason():
    ids = {entry["id"] for entry in read_reference()["programs"]}
    coding = read_coding()
    assert set(coding) == ids  # every seeded programme was reviewed
    assert all(entry["reason"].strip() for entry in coding.values())


def test_similar_wording_quotes_whole_words_of_the_plan_only():
    query = Query("ハイフォン上水道の研修を行う。東南アジアのHai Phong市、300万円。")
    doc = document("上水道 研修 行う アジア Hai Phong 万円 water supply training")
    words = query.matched_terms(doc, limit=20)
    assert "Hai Phong" in words
    for word in words:
        assert word in ("ハイフォン上水道", "上水道", "研修", "アジア", "東南アジア", "Hai Phong", "行う")
    assert not {"ン上水道", "の研", "を行う", "ジア", "万円", "Hai", "Phong"} & set(words)
