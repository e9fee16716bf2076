"""Optimistic locking: a save over someone else's newer change is refused."""

import pytest
from django.db import transaction
from django.utils import translation

from tests.factories import ProjectFactory
from tsunagu.core.concurrency import ConcurrentEditError, claim_version
from tsunagu.portfolio.models import Project

pytestmark = pytest.mark.django_db


def test_claiming_the_version_seen_bumps_it():
    project = ProjectFactory()
    assert project.version == 1
    with transaction.atomic():
        claim_version(project, 1)
        project.save()
    assert project.version == 2
    assert Project.objects.get(pk=project.pk).version == 2


def test_without_a_seen_version_the_instances_own_is_used():
    project = ProjectFactory()
    claim_version(project, None)
    assert project.version == 2
    assert Project.objects.get(pk=project.pk).version == 2


def test_the_second_of_two_editors_is_refused_and_nothing_is_saved():
    project = ProjectFactory(title_ja="元の題名")
    first = Project.objects.get(pk=project.pk)
    second = Project.objects.get(pk=project.pk)

    with transaction.atomic():
        claim_version(first, first.version)
        first.title_ja = "一人目の変更"
        first.save()

    with pytest.raises(ConcurrentEditError), transaction.atomic():
        claim_version(second, 1)
        second.title_ja = "二人目の変更"
        second.save()

    stored = Project.objects.get(pk=project.pk)
    assert stored.title_ja == "一人目の変更"
    assert stored.version == 2
    assert second.version == 1  # the stale copy is not pretended to be current


def test_a_deleted_record_can_still_be_claimed():
    # Restoring goes through the same lock; the default manager hides deleted records.
    project = ProjectFactory()
    project.mark_deleted()
    project.save()
    claim_version(project, 1)
    assert Project.all_objects.get(pk=project.pk).version == 2


def test_a_record_that_no_longer_exists_is_refused():
    project = ProjectFactory()
    Project.all_objects.filter(pk=project.pk).delete()
    with pytest.raises(ConcurrentEditError):
        claim_version(project, 1)


def test_the_message_tells_the_user_what_to_do_in_japanese():
    with translation.override("ja"):
        message = str(ConcurrentEditError())
    assert "保存" in message
    assert "Someone else" not in message


def test_the_message_in_english():
    with translation.override("en"):
        message = str(ConcurrentEditError())
    assert message.startswith("Someone else saved this record while you were editing it.")
