"""Two people editing the same project: the second save is refused with a clear message, nothing lost."""

import pytest

from tests.portfolio.conftest import project_post_data
from tsunagu.core.concurrency import ConcurrentEditError
from tsunagu.portfolio import actions
from tsunagu.portfolio.models import Project

pytestmark = pytest.mark.django_db


def test_second_save_from_a_stale_form_is_refused_and_keeps_both_versions(
    as_env_editor, as_coordinator, env_project
):
    # Both open the form at version 1.
    mine = project_post_data(env_project, title_ja="編集者の変更", summary="編集者が書いた概要")
    theirs = project_post_data(env_project, title_ja="調整課の変更")

    assert as_coordinator.post(f"/projects/{env_project.pk}/edit/", theirs).status_code == 302
    response = as_env_editor.post(f"/projects/{env_project.pk}/edit/", mine)

    assert response.status_code == 409
    page = response.content.decode()
    assert "あなたが編集している間に、他の人がこの事業を保存しました" in page
    # Nothing is lost: their change is stored, mine is still in the form.
    assert Project.objects.get(pk=env_project.pk).title_ja == "調整課の変更"
    assert 'value="編集者の変更"' in page
    assert "編集者が書いた概要" in page
    # Resubmitting the same stale form cannot overwrite theirs either.
    assert as_env_editor.post(f"/projects/{env_project.pk}/edit/", mine).status_code == 409


def test_rows_of_a_refused_save_are_not_saved_either(as_env_editor, env_project, env_editor):
    stale = project_post_data(env_project)
    stale["budget-0-amount_jpy"] = "9999999"
    env_project.title_ja = "他の人の変更"
    actions.update_project(env_project, acting_user=env_editor, seen_version=env_project.version)
    assert as_env_editor.post(f"/projects/{env_project.pk}/edit/", stale).status_code == 409
    assert Project.objects.get(pk=env_project.pk).budget_lines.get().amount_jpy == 3_000_000


def test_update_action_raises_on_a_stale_version(env_project, env_editor):
    actions.update_project(env_project, acting_user=env_editor, seen_version=1)
    stale = Project.objects.get(pk=env_project.pk)
    stale.title_ja = "古い版"
    with pytest.raises(ConcurrentEditError):
        actions.update_project(stale, acting_user=env_editor, seen_version=1)
    assert Project.objects.get(pk=env_project.pk).version == 2
