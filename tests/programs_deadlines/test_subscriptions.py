"""Managing subscriptions: own department for its editors, own user subscription for anyone, all for coordinators."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DepartmentFactory, UserFactory
from tsunagu.programs.models import Subscription


def test_an_editor_subscribes_their_department_to_fields(as_env_editor, env_bureau, environment, env_editor):
    url = reverse("programs:subscription_create") + f"?department={env_bureau.pk}"
    assert as_env_editor.get(url).status_code == 200
    response = as_env_editor.post(url, {"fields": [environment.pk], "digest_enabled": "on", "email": "kankyo@city.example.jp"})
    assert response.status_code == 302
    subscription = Subscription.objects.get(department=env_bureau)
    assert list(subscription.fields.all()) == [environment]
    assert subscription.history.first().history_user == env_editor
    page = as_env_editor.get(reverse("programs:subscription_edit", args=[subscription.pk])).content.decode()
    assert reverse("programs:subscription_feed", args=[subscription.feed_token]) in page


def test_an_editor_cannot_subscribe_or_change_another_department(as_water_editor, env_bureau, env_subscription):
    create = reverse("programs:subscription_create") + f"?department={env_bureau.pk}"
    assert as_water_editor.get(create).status_code == 403
    assert as_water_editor.post(create, {"digest_enabled": "on"}).status_code == 403
    edit = reverse("programs:subscription_edit", args=[env_subscription.pk])
    assert as_water_editor.get(edit).status_code == 403
    assert as_water_editor.post(edit, {"email": "x@example.jp"}).status_code == 403
    assert as_water_editor.post(reverse("programs:subscription_regenerate", args=[env_subscription.pk])).status_code == 403
    assert as_water_editor.post(reverse("programs:subscription_delete", args=[env_subscription.pk])).status_code == 403
    env_subscription.refresh_from_db()
    assert env_subscription.email == "kankyo@city.example.jp"


def test_a_viewer_manages_only_their_own_subscription(as_viewer, viewer, env_subscription, jica):
    response = as_viewer.post(reverse("programs:subscription_create"), {"providers": [], "digest_enabled": "on"})
    assert response.status_code == 302
    own = Subscription.objects.get(user=viewer)
    assert as_viewer.get(reverse("programs:subscription_edit", args=[own.pk])).status_code == 200
    assert as_viewer.get(reverse("programs:subscription_edit", args=[env_subscription.pk])).status_code == 403
    # A second "subscribe" opens the existing subscription instead of making another.
    again = as_viewer.get(reverse("programs:subscription_create"))
    assert again.status_code == 302 and again["Location"] == reverse("programs:subscription_edit", args=[own.pk])


def test_a_coordinator_manages_every_subscription(as_coordinator, env_subscription, env_editor):
    personal = Subscription.objects.create(user=env_editor)
    page = as_coordinator.get(reverse("programs:subscriptions")).content.decode()
    assert reverse("programs:subscription_edit", args=[env_subscription.pk]) in page
    assert reverse("programs:subscription_edit", args=[personal.pk]) in page
    response = as_coordinator.post(
        reverse("programs:subscription_edit", args=[env_subscription.pk]), {"email": "", "digest_enabled": ""}
    )
    assert response.status_code == 302
    env_subscription.refresh_from_db()
    assert env_subscription.digest_enabled is False


def test_unknown_subscription_is_404(as_coordinator, db):
    assert as_coordinator.get(reverse("programs:subscription_edit", args=[999999])).status_code == 404
    assert as_coordinator.get(reverse("programs:subscription_create") + "?department=999999").status_code == 404


def test_the_list_page_asks_a_fixed_number_of_queries(as_coordinator, environment):
    def add(n):
        for i in range(n):
            department = DepartmentFactory(code=f"d-{Subscription.objects.count()}-{i}")
            subscription = Subscription.objects.create(department=department)
            subscription.fields.set([environment])
            Subscription.objects.create(user=UserFactory())

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert as_coordinator.get(reverse("programs:subscriptions")).status_code == 200
    add(30)
    with CaptureQueriesContext(connection) as many:
        assert as_coordinator.get(reverse("programs:subscriptions")).status_code == 200
    assert len(many) == len(few)
