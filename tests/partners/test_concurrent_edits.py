"""Two people editing the same record: the second save is refused with a clear message, nothing is lost."""

from django.urls import reverse

from tsunagu.partners import actions


def place_data(place, **changes):
    data = {"country": place.country_id, "kind": place.kind, "name_ja": place.name_ja, "name_en": place.name_en,
            "name_local": place.name_local, "seen_version": place.version}
    data.update(changes)
    return data


def test_a_stale_form_is_refused_and_keeps_what_the_user_typed(as_water_editor, env_editor, haiphong):
    seen = haiphong.version
    # Someone else saves first.
    actions.update_place(haiphong, {"name_local": "Hải Phòng (updated)"}, acting_user=env_editor, seen_version=seen)

    response = as_water_editor.post(
        reverse("partners:place_edit", args=[haiphong.pk]),
        place_data(haiphong, name_en="Haiphong City", name_local="Hải Phòng", seen_version=seen),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "あなたの入力内容は下に残してあります。" in html
    assert "編集中に他の人が保存した内容" in html
    assert 'value="Haiphong City"' in html  # the user's entry is still in the form
    conflicts = {row["label"]: (row["saved"], row["entered"]) for row in response.context["conflicts"]}
    assert conflicts["名称（現地表記）"] == ("Hải Phòng (updated)", "Hải Phòng")
    haiphong.refresh_from_db()
    assert (haiphong.name_en, haiphong.name_local) == ("Hai Phong", "Hải Phòng (updated)")

    # Saving again from the re-shown form is a deliberate overwrite, against the current version.
    form = response.context["form"]
    assert form["seen_version"].value() == str(haiphong.version)
    response = as_water_editor.post(
        reverse("partners:place_edit", args=[haiphong.pk]),
        place_data(haiphong, name_en="Haiphong City", name_local="Hải Phòng"),
    )
    assert response.status_code == 302
    haiphong.refresh_from_db()
    assert (haiphong.name_en, haiphong.name_local) == ("Haiphong City", "Hải Phòng")


def test_deleting_a_record_changed_meanwhile_is_refused(as_coordinator, coordinator, haiphong):
    seen = haiphong.version
    actions.update_place(haiphong, {"notes": "訪問予定あり"}, acting_user=coordinator, seen_version=seen)
    response = as_coordinator.post(reverse("partners:place_delete", args=[haiphong.pk]), {"seen_version": seen})
    assert response.status_code == 200
    haiphong.refresh_from_db()
    assert not haiphong.is_deleted


def test_the_admin_refuses_a_stale_change_and_keeps_the_form(as_coordinator, coordinator, haiphong):
    seen = haiphong.version
    actions.update_place(haiphong, {"notes": "先に保存"}, acting_user=coordinator, seen_version=seen)
    response = as_coordinator.post(
        reverse("admin:partners_place_change", args=[haiphong.pk]),
        {"country": haiphong.country_id, "kind": "city", "name_ja": "海防", "name_en": "Hai Phong",
         "notes": "後から保存", "seen_version": seen},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    haiphong.refresh_from_db()
    assert haiphong.notes == "先に保存"
