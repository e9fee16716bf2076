"""The subscription page as a person uses it: labelled digest checkbox, a copyable feed address,
a preview of what the ticked boxes follow now (and a plain warning when they follow nothing),
and summaries that separate names with 「、」."""

import re

from django.urls import reverse

from tsunagu.portfolio.models import Field
from tsunagu.programs.models import Subscription


def test_the_digest_checkbox_has_its_own_label(as_env_editor, env_subscription):
    page = as_env_editor.get(reverse("programs:subscription_edit", args=[env_subscription.pk])).content.decode()
    assert re.search(r'<input type="checkbox" name="digest_enabled"[^>]*id="id_digest_enabled"[^>]*>\s*'
                     r'<label for="id_digest_enabled">週報メールを送る</label>', page)


def test_the_feed_address_has_a_copy_button_and_stays_a_selectable_field(as_env_editor, env_subscription):
    page = as_env_editor.get(reverse("programs:subscription_edit", args=[env_subscription.pk])).content.decode()
    feed = reverse("programs:subscription_feed", args=[env_subscription.feed_token])
    assert re.search(rf'<input type="text" readonly id="feed-url" value="http://testserver{re.escape(feed)}"', page)
    # A real <button> (keyboard: Tab + Enter), hidden until the script that copies runs.
    assert '<button type="button" class="button" data-copy="feed-url" hidden>コピー</button>' in page


def test_the_preview_lists_what_the_saved_subscription_follows(as_env_editor, env_subscription, env_program, water_program):
    page = as_env_editor.get(reverse("programs:subscription_edit", args=[env_subscription.pk])).content.decode()
    preview = page[page.index('data-testid="subscription-preview"'):]
    assert "環境協力モデル事業" in preview  # the environment programme it follows
    assert "水道技術協力事業" not in preview  # the water programme it does not
    assert "1件の現行の支援メニューが対象です" in preview


def test_the_preview_follows_the_ticked_boxes_before_saving(as_env_editor, env_program, water_program, water):
    url = reverse("programs:subscription_preview")
    preview = as_env_editor.get(url, {"fields": [water.pk]}).content.decode()
    assert "水道技術協力事業" in preview and "環境協力モデル事業" not in preview
    everything = as_env_editor.get(url).content.decode()
    assert "何も選んでいないため、現行のすべての支援メニュー（2件）が対象です" in everything


def test_the_preview_says_plainly_when_nothing_matches(as_env_editor, env_program, water_program, clair, water):
    # CLAIR offers nothing in water: the combination follows no programme.
    preview = as_env_editor.get(
        reverse("programs:subscription_preview"), {"fields": [water.pk], "providers": [clair.pk]}
    ).content.decode()
    assert "選んだ条件に合う現行の支援メニューはありません" in preview
    assert "<li>" not in preview


def test_the_summary_separates_providers_with_the_japanese_list_separator(as_coordinator, env_bureau, clair, jica, env_program, water_program):
    subscription = Subscription.objects.create(department=env_bureau)
    subscription.providers.set([clair, jica])
    subscription.fields.set(Field.objects.filter(code__in=["environment", "water"]))
    page = as_coordinator.get(reverse("programs:subscriptions")).content.decode()
    providers = sorted([clair.name, jica.name])
    assert any(f"{a}、{b}" in page for a, b in (providers, providers[::-1]))
    assert re.search(r"(環境、上下水道|上下水道、環境)", page)
