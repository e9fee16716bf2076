"""A coordinator reviews a warning with a note; it stays quiet until something new overlaps."""

import pytest
from django.urls import reverse

from tests.coordination.overlaps.conftest import add_project
from tests.factories import DepartmentFactory, UserFactory
from tests.htmlforms import *  # noqa: F401,F403
from tsunagu.coordination.overlaps.models import OverlapReview
from tsunagu.org.models import User

pytestmark = pytest.mark.django_db


def review_page(client, key):
    return reverse("coordination:overlaps:warning", args=[key])


def submit_review(client, key, note, version=""):
    return client.post(reverse("coordination:overlaps:review", args=[key]), {"note": note, "version": version})


def test_the_coordinator_reviews_with_a_note_from_the_page(as_coordinator, overlap):
    page = as_coordinator.get(review_page(as_coordinator, overlap["key"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "上下水道局" in html and "環境局" in html and "ハイフォン浄水場改善" in html
    assert 'data-testid="review-form"' in html
    response = submit_review(as_coordinator, overlap["key"], "6月1日に両局で打合せ済み")
    assert response.status_code == 302
    review = OverlapReview.objects.get(key=overlap["key"])
    assert review.note == "6月1日に両局で打合せ済み"
    assert review.project_ids == sorted([overlap["water"].pk, overlap["env"].pk])
    assert review.history.count() == 1 and review.history.first().history_user.username == "coordinator"
    page = as_coordinator.get(review_page(as_coordinator, overlap["key"])).content.decode()
    assert "確認済み" in page or "Reviewed" in page


def test_an_empty_note_is_refused_in_japanese(as_coordinator, overlap):
    response = submit_review(as_coordinator, overlap["key"], "   ")
    assert response.status_code == 400
    assert "このフィールドは必須です" in response.content.decode()
    assert not OverlapReview.objects.exists()


@pytest.mark.parametrize("who", ["water_editor", "env_editor", "viewer"])
def test_only_a_coordinator_reviews(request, who, overlap):
    from tests.conftest import client_for

    client = client_for(request.getfixturevalue(who))
    page = client.get(review_page(client, overlap["key"])).content.decode()
    assert 'data-testid="review-form"' not in page
    assert submit_review(client, overlap["key"], "勝手に確認").status_code == 403
    assert not OverlapReview.objects.exists()


def test_a_new_project_brings_a_reviewed_warning_back(as_coordinator, overlap, haiphong, this_year, env_bureau):
    submit_review(as_coordinator, overlap["key"], "確認済み")
    from tsunagu.coordination.overlaps.queries import warnings_for

    [warning] = warnings_for([this_year.year])
    assert warning.status == "reviewed"
    newcomer = add_project(env_bureau, haiphong, this_year, title_ja="ハイフォン環境教育")
    [warning] = warnings_for([this_year.year])
    assert warning.status == "back"
    assert warning.new_project_ids == {newcomer.pk}


def test_a_new_department_brings_it_back(as_coordinator, overlap, haiphong, this_year):
    submit_review(as_coordinator, overlap["key"], "確認済み")
    add_project(DepartmentFactory(code="fire", name_ja="消防局"), haiphong, this_year)
    from tsunagu.coordination.overlaps.queries import warnings_for

    [warning] = warnings_for([this_year.year])
    assert warning.status == "back"


def test_a_project_leaving_does_not_bring_it_back(as_coordinator, overlap, haiphong, this_year, env_bureau):
    add_project(env_bureau, haiphong, this_year, title_ja="三つ目")
    submit_review(as_coordinator, overlap["key"], "確認済み")
    overlap["env"].mark_deleted()
    overlap["env"].save()
    from tsunagu.coordination.overlaps.queries import warnings_for

    [warning] = warnings_for([this_year.year])
    assert warning.status == "reviewed"


def test_reviewing_again_after_it_came_back_updates_the_review(as_coordinator, overlap, haiphong, this_year, env_bureau):
    submit_review(as_coordinator, overlap["key"], "一回目")
    add_project(env_bureau, haiphong, this_year)
    review = OverlapReview.objects.get()
    response = submit_review(as_coordinator, overlap["key"], "二回目", version=review.version)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.note == "二回目" and len(review.project_ids) == 3
    assert review.history.count() == 2


def test_two_coordinators_cannot_overwrite_each_other(as_coordinator, overlap, intl_division):
    submit_review(as_coordinator, overlap["key"], "一回目")
    review = OverlapReview.objects.get()
    seen = review.version
    submit_review(as_coordinator, overlap["key"], "二回目", version=seen)
    from tests.conftest import client_for

    other = client_for(UserFactory(username="coord2", role=User.Role.COORDINATOR, departments=[intl_division]))
    response = submit_review(other, overlap["key"], "古い画面から", version=seen)
    assert response.status_code == 400
    review.refresh_from_db()
    assert review.note == "二回目"


def test_withdrawing_the_review_shows_the_warning_again(as_coordinator, overlap, this_year):
    submit_review(as_coordinator, overlap["key"], "確認済み")
    review = OverlapReview.objects.get()
    response = as_coordinator.post(
        reverse("coordination:overlaps:withdraw", args=[overlap["key"]]), {"version": review.version}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_deleted
    from tsunagu.coordination.overlaps.queries import warnings_for

    [warning] = warnings_for([this_year.year])
    assert warning.status == "new"
    page = as_coordinator.get(review_page(as_coordinator, overlap["key"])).content.decode()
    assert "確認済み" in page  # the withdrawn review stays in the history shown on the page


def test_an_editor_cannot_withdraw(as_water_editor, as_coordinator, overlap):
    submit_review(as_coordinator, overlap["key"], "確認済み")
    review = OverlapReview.objects.get()
    response = as_water_editor.post(
        reverse("coordination:overlaps:withdraw", args=[overlap["key"]]), {"version": review.version}
    )
    assert response.status_code == 403
    review.refresh_from_db()
    assert not review.is_deleted


def test_an_unknown_key_is_not_found(as_coordinator, overlap):
    for key in ("nonsense", "2026-place-999999", "1-place-1"):
        assert as_coordinator.get(review_page(as_coordinator, key)).status_code == 404


def test_a_withdrawn_review_is_restored_from_the_warning_page(as_coordinator, overlap):
    """Soft delete and restore: the withdrawn review's button on the warning page puts it back in force."""
    from tests.htmlforms import forms_of

    submit_review(as_coordinator, overlap["key"], "確認済み")
    review = OverlapReview.objects.get()
    as_coordinator.post(reverse("coordination:overlaps:withdraw", args=[overlap["key"]]), {"version": review.version})
    html = as_coordinator.get(review_page(as_coordinator, overlap["key"])).content.decode()
    [restore] = [f for f in forms_of(html) if f.attrs.get("data-testid") == "restore-form"]
    response = as_coordinator.post(restore.action, restore.data())
    assert response.status_code == 302
    review.refresh_from_db()
    assert not review.is_deleted and review.note == "確認済み"
    assert review.history.first().history_user.username == "coordinator"
    page = as_coordinator.get(review_page(as_coordinator, overlap["key"])).content.decode()
    assert 'data-testid="restore-form"' not in page  # a review in force: nothing to restore
    # The same (stale) button again: that review is no longer withdrawn.
    assert as_coordinator.post(restore.action, restore.data()).status_code == 404


def test_a_withdrawn_review_is_not_restored_over_a_newer_one(as_coordinator, as_water_editor, overlap):
    submit_review(as_coordinator, overlap["key"], "一回目")
    first = OverlapReview.objects.get()
    as_coordinator.post(reverse("coordination:overlaps:withdraw", args=[overlap["key"]]), {"version": first.version})
    first.refresh_from_db()
    url = reverse("coordination:overlaps:restore", args=[overlap["key"], first.pk])
    assert as_water_editor.post(url, {"version": first.version}).status_code == 403
    submit_review(as_coordinator, overlap["key"], "二回目")
    response = as_coordinator.post(url, {"version": first.version}, follow=True)
    assert "この警告には有効な確認済みの記録が既にあります。" in response.content.decode()
    first.refresh_from_db()
    assert first.is_deleted
    assert OverlapReview.objects.get().note == "二回目"
