"""The window of an application: the form offers the chosen programme's open, upcoming and recent windows
(reloaded when the programme changes, with or without JavaScript); dates must agree with the window."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.formpage import form_values, select_options
from tsunagu.programs.applications import actions
from tsunagu.programs.applications.forms import RECENT_WINDOW_DAYS
from tsunagu.programs.models import Application, ApplicationWindow

Status = Application.Status
TODAY = datetime.date.today()  # noqa: DTZ011
DAY = datetime.timedelta(days=1)


@pytest.fixture
def windows(model_program, grassroots_program):
    def dated(program, opens, closes, label):
        return ApplicationWindow.objects.create(
            program=program, kind="dated", fiscal_year=2025, label=label, opens_on=opens, closes_on=closes
        )

    return {
        "open": dated(model_program, TODAY - 10 * DAY, TODAY + 10 * DAY, "募集中"),
        "upcoming": dated(model_program, TODAY + 30 * DAY, TODAY + 60 * DAY, "次回"),
        "recent": dated(model_program, None, TODAY - (RECENT_WINDOW_DAYS - 1) * DAY, "最近"),
        "old": dated(model_program, None, TODAY - (RECENT_WINDOW_DAYS + 1) * DAY, "昔"),
        "yearly": ApplicationWindow.objects.create(
            program=model_program, kind="recurring", fiscal_year=2020, open_month=9, close_month=10, close_day=31,
            lead_years=1,
        ),
        "other": dated(grassroots_program, TODAY - 10 * DAY, TODAY + 10 * DAY, "草の根"),
    }


def ids(*windows) -> list[str]:
    return sorted(str(w.pk) for w in windows)


def test_the_new_form_lists_no_window_until_a_programme_is_chosen(as_env_editor, env_project, windows):
    page = as_env_editor.get(reverse("programs:application_create", args=[env_project.pk])).content.decode()
    assert [o for o in select_options(page, "window", action="") if o] == []
    assert "先に支援メニューを選んでください" in page
    assert 'hx-get="' + reverse("programs:application_window_field", args=[env_project.pk]) in page


def test_the_form_lists_the_open_upcoming_recent_and_yearly_windows_of_the_programme(
    as_env_editor, env_project, model_program, windows
):
    url = reverse("programs:application_create", args=[env_project.pk])
    page = as_env_editor.get(url, {"program": model_program.pk}).content.decode()
    offered = sorted(o for o in select_options(page, "window", action="") if o)
    assert offered == ids(windows["open"], windows["upcoming"], windows["recent"], windows["yearly"])


def test_changing_the_programme_reloads_the_window_field(as_env_editor, env_project, grassroots_program, windows):
    # What htmx asks when the programme select changes.
    url = reverse("programs:application_window_field", args=[env_project.pk])
    fragment = as_env_editor.get(url, {"program": grassroots_program.pk}).content.decode()
    assert fragment.lstrip().startswith("<div") and 'id="window-field"' in fragment
    assert sorted(o for o in select_options(f"<form method='post'>{fragment}</form>", "window") if o) == ids(
        windows["other"]
    )


def test_without_javascript_the_button_shows_the_windows_of_the_chosen_programme(
    as_env_editor, env_project, grassroots_program, windows
):
    url = reverse("programs:application_create", args=[env_project.pk])
    page = as_env_editor.get(url).content.decode()
    assert 'name="refresh_windows"' in page
    data = form_values(page, action="")
    data.update(program=str(grassroots_program.pk), refresh_windows="1")
    response = as_env_editor.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert not Application.objects.exists()
    assert "errorlist" not in page  # shown again, not judged
    assert sorted(o for o in select_options(page, "window", action="") if o) == ids(windows["other"])
    data = form_values(page, action="")
    data["window"] = str(windows["other"].pk)
    assert as_env_editor.post(url, data).status_code == 302
    assert Application.objects.get().window == windows["other"]


def test_a_window_of_another_programme_is_refused(as_env_editor, env_project, model_program, windows):
    url = reverse("programs:application_create", args=[env_project.pk])
    data = form_values(as_env_editor.get(url, {"program": model_program.pk}).content.decode(), action="")
    data["window"] = str(windows["other"].pk)
    response = as_env_editor.post(url, data)
    assert response.status_code == 400
    assert "この募集期間は選んだ支援メニューでは選べません" in response.content.decode()
    assert not Application.objects.exists()


def test_editing_keeps_an_old_window_already_chosen(as_env_editor, env_application, windows):
    env_application.window = windows["old"]
    env_application.save()
    page = as_env_editor.get(reverse("programs:application_edit", args=[env_application.pk])).content.decode()
    assert str(windows["old"].pk) in select_options(page, "window", action="")


# -- dates against the window ----------------------------------------------------------------------


def submitted(application, day, editor):
    actions.transition_application(application, Status.DRAFTING, acting_user=editor, seen_version=application.version)
    return actions.transition_application(
        application, Status.SUBMITTED, acting_user=editor, seen_version=application.version, on=day
    )


def test_a_submission_after_the_window_closed_or_before_it_opened_is_refused(env_application, env_editor, model_program):
    window = ApplicationWindow.objects.create(
        program=model_program, kind="dated", fiscal_year=2025,
        opens_on=datetime.date(2024, 9, 1), closes_on=datetime.date(2024, 10, 31),
    )
    env_application.window = window
    env_application.save()
    with pytest.raises(ValidationError) as error:
        submitted(env_application, datetime.date(2024, 11, 5), env_editor)
    assert error.value.message_dict["submitted_on"] == [
        "申請日（2024-11-05）を募集の締切（2024-10-31）より後にすることはできません。"
    ]
    env_application.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        actions.transition_application(env_application, Status.SUBMITTED, acting_user=env_editor,
                                       seen_version=env_application.version, on=datetime.date(2024, 8, 20))
    assert error.value.message_dict["submitted_on"] == [
        "申請日（2024-08-20）を募集の開始（2024-09-01）より前にすることはできません。"
    ]
    env_application.refresh_from_db()
    actions.transition_application(env_application, Status.SUBMITTED, acting_user=env_editor,
                                   seen_version=env_application.version, on=datetime.date(2024, 10, 31))
    assert env_application.status == Status.SUBMITTED


def test_a_yearly_window_gives_the_period_of_the_applications_fiscal_year(env_application, env_editor, model_program):
    # Every year 1 September – 31 October, for the next 年度: FY2025 applications are taken in autumn 2024.
    env_application.window = ApplicationWindow.objects.create(
        program=model_program, kind="recurring", fiscal_year=2020, open_month=9, open_day=1, close_month=10,
        close_day=31, lead_years=1,
    )
    env_application.save()
    assert actions.window_period(env_application) == (datetime.date(2024, 9, 1), datetime.date(2024, 10, 31))
    with pytest.raises(ValidationError) as error:
        submitted(env_application, datetime.date(2025, 9, 15), env_editor)
    assert "2024-10-31" in error.value.message_dict["submitted_on"][0]


def test_a_decision_before_the_window_opened_is_refused_when_the_submission_was_skipped(
    env_application, env_editor, model_program
):
    env_application.window = ApplicationWindow.objects.create(
        program=model_program, kind="dated", fiscal_year=2025,
        opens_on=datetime.date(2024, 9, 1), closes_on=datetime.date(2024, 10, 31),
    )
    env_application.save()
    with pytest.raises(ValidationError) as error:
        actions.transition_application(
            env_application, Status.REJECTED, acting_user=env_editor, seen_version=env_application.version,
            on=datetime.date(2024, 8, 1), skip_confirmed=True,
        )
    assert error.value.message_dict["decided_on"] == [
        "決定日（2024-08-01）を募集の開始（2024-09-01）より前にすることはできません。"
    ]


def test_a_date_in_the_future_is_refused_for_a_step_that_has_happened(env_application, env_editor):
    with pytest.raises(ValidationError) as error:
        submitted(env_application, TODAY + DAY, env_editor)
    assert "submitted_on" in error.value.message_dict
