"""What places and organisations put in the search index (registered in ``PartnersConfig.ready``).

Names, country, kind and the place above; never notes or contacts (they may
name people). Every signed-in member of staff may find every live record.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from tsunagu.search.registry import (
    Document,
    SearchKind,
    both,
    join,
    names,
    reverse_or_blank,
    signed_in_staff,
)

from .models import Organisation, Place


class PlaceSearch(SearchKind):
    name = "place"
    number = 3  # part of every entry id: never change it
    label = _("Partner places")
    model = Place

    def queryset(self):
        return Place.all_objects.select_related("country", "parent")

    def document(self, place: Place, today: datetime.date) -> Document:
        kind_ja, kind_en = both(Place.Kind(place.kind).label)
        parent = place.parent
        return Document(
            kind=self.name,
            object_id=place.pk,
            title_ja=place.name_ja,
            title_en=place.name_en,
            detail_ja=place.country.name_ja,
            detail_en=place.country.name_en,
            title_text=join(place.name_ja, place.name_en, place.name_local, place.other_names),
            body_text=join(
                names([place.country]),
                [kind_ja, kind_en],
                [parent.name_ja, parent.name_en] if parent else [],
            ),
        )

    def url(self, object_id, slug):
        return reverse_or_blank("partners:place", object_id)

    def visible(self, user):
        return signed_in_staff(user)


class OrganisationSearch(SearchKind):
    name = "organisation"
    number = 4  # part of every entry id: never change it
    label = _("Organisations")
    model = Organisation

    def queryset(self):
        return Organisation.all_objects.select_related("country", "place")

    def document(self, organisation: Organisation, today: datetime.date) -> Document:
        kind_ja, kind_en = both(Organisation.Kind(organisation.kind).label)
        country = organisation.country
        place = organisation.place
        return Document(
            kind=self.name,
            object_id=organisation.pk,
            title_ja=organisation.name_ja,
            title_en=organisation.name_en,
            detail_ja=join(kind_ja, country.name_ja if country else "").replace("\n", "・"),
            detail_en=join(kind_en, country.name_en if country else "").replace("\n", ", "),
            title_text=join(organisation.name_ja, organisation.name_en, organisation.abbreviation),
            body_text=join(
                [kind_ja, kind_en],
                names([country]) if country else [],
                names([place]) if place else [],
            ),
        )

    def url(self, object_id, slug):
        return reverse_or_blank("partners:organisation", object_id)

    def visible(self, user):
        return signed_in_staff(user)
