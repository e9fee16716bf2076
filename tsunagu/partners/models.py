"""Countries, partner places and organisations, agreements and networks."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tsunagu.core.i18n import BilingualName
from tsunagu.core.models import SoftDeleteModel, TextColumnsModel, VersionedModel


def duplicate_message(message, clash) -> str:
    """The clash message, saying so when the other record is deleted (and can be restored)."""
    if getattr(clash, "is_deleted", False):
        return _("%(message)s It was deleted; a coordinator can restore it.") % {"message": message}
    return str(message)


class Country(BilingualName, TextColumnsModel):
    """ISO 3166-1 countries, loaded from pycountry with the Ministry of Foreign Affairs' Japanese
    short names where pycountry's differ (see partners/countries.py); listed in 五十音 order."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["name_sort", "name_ja"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self):
        return reverse("partners:country", args=[self.code])

    SEARCH_FIELDS = ("name_ja", "name_en", "code", "alpha3")


class Place(BilingualName, SoftDeleteModel, VersionedModel, TextColumnsModel):
    """A partner place abroad: a city, a province or a state."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        PROVINCE = "province", _("Province / prefecture")
        STATE = "state", _("State")
        REGION = "region", _("Region")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="places"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CITY)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_local = models.CharField(
        _("name (local script)"), max_length=100, blank=True, help_text=_("e.g. Hải Phòng, 大连市")
    )
    other_names = models.CharField(
        _("other names"),
        max_length=200,
        blank=True,
        help_text=_("Other names the place is known by in Japan, e.g. its kanji name (海防 for Hai Phong), separated by 、"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    notes = models.TextField(_("notes"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Invented for the demonstration.")
    )
    # The city itself is a Place too (a member of networks, the seat of local companies),
    # but never one of its own partner places: see ``partner_places``.
    is_home = models.BooleanField(
        _("our own city"),
        default=False,
        help_text=_("The city that uses tsunagu: kept out of the lists and pickers of partner places."),
    )

    history = HistoricalRecords(excluded_fields=["version", "name_sort", "search_text"])

    class Meta:
        ordering = ["country__name_sort", "name_sort", "name_ja"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"],
                condition=models.Q(is_home=True),
                name="one_home_place",
                violation_error_message=_("Only one place can be our own city."),
            ),
            models.UniqueConstraint(
                Lower("name_en"),
                "country",
                name="unique_place_name_en_per_country",
                violation_error_message=_("A place with this English name already exists in this country."),
            ),
            models.UniqueConstraint(
                "name_ja",
                "country",
                name="unique_place_name_ja_per_country",
                violation_error_message=_("A place with this Japanese name already exists in this country."),
            ),
        ]

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Give both latitude and longitude, or neither.")})
        if self.parent_id and self.country_id and self.parent.country_id != self.country_id:
            raise ValidationError({"parent": _("The parent place must be in the same country.")})
        if self.parent_id and self.pk and self.pk in self.ancestor_ids():
            raise ValidationError({"parent": _("A place cannot be part of itself.")})

    def ancestor_ids(self) -> set[int]:
        """The ids of the parent chain, starting with the chosen parent (one query per level)."""
        seen: set[int] = set()
        parent_id = self.parent_id
        while parent_id is not None and parent_id not in seen:
            seen.add(parent_id)
            if parent_id == self.pk:
                break
            parent_id = Place._base_manager.filter(pk=parent_id).values_list("parent_id", flat=True).first()
        return seen

    def validate_constraints(self, exclude=None):
        # The database constraints cover deleted places too, but Django checks
        # them through the default manager, which hides deleted rows: check
        # every row here so that a clash is a form error, never a 500.
        errors = {}
        others = Place.all_objects.exclude(pk=self.pk).filter(country_id=self.country_id)
        exclude = set(exclude or ())
        if self.country_id and "country" not in exclude:
            if self.name_en and "name_en" not in exclude:
                clash = others.filter(name_en__iexact=self.name_en).first()
                if clash is not None:
                    errors["name_en"] = duplicate_message(
                        _("A place with this English name already exists in this country."), clash
                    )
            if self.name_ja and "name_ja" not in exclude:
                clash = others.filter(name_ja=self.name_ja).first()
                if clash is not None:
                    errors["name_ja"] = duplicate_message(
                        _("A place with this Japanese name already exists in this country."), clash
                    )
        if self.is_home and "is_home" not in exclude:
            home = Place.all_objects.exclude(pk=self.pk).filter(is_home=True).first()
            if home is not None:
                errors["is_home"] = duplicate_message(_("Only one place can be our own city."), home)
        if errors:
            raise ValidationError(errors)
        super().validate_constraints(exclude=exclude)

    def get_absolute_url(self):
        return reverse("partners:place", args=[self.pk])

    def search_texts(self) -> list[str]:
        return [self.name_ja, self.name_en, self.name_local, *re.split(r"[、,]", self.other_names)]


def partner_places(queryset=None):
    """Places that can be partners (相手都市): every place but the city itself (``is_home``)."""
    return (Place.objects.all() if queryset is None else queryset).filter(is_home=False)


class Organisation(BilingualName, SoftDeleteModel, VersionedModel, TextColumnsModel):
    """A partner organisation abroad or in Japan (UNIDO, JICA, CLAIR, a university, a company…)."""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organisation")
        GOVERNMENT = "government", _("Government / ministry")
        AGENCY = "agency", _("Public agency")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        UNIVERSITY = "university", _("University / research institute")
        COMPANY = "company", _("Company")
        NGO = "ngo", _("NGO / NPO")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    history = HistoricalRecords(excluded_fields=["version", "name_sort", "search_text"])

    class Meta:
        ordering = ["name_sort", "name_ja"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                "name_ja",
                name="unique_organisation_name_ja",
                violation_error_message=_("An organisation with this Japanese name already exists."),
            )
        ]

    @property
    def name(self) -> str:
        name = super().name
        return f"{name}（{self.abbreviation}）" if self.abbreviation and self.abbreviation not in name else name

    def clean(self):
        super().clean()
        if self.place_id and self.country_id and self.place.country_id != self.country_id:
            raise ValidationError({"place": _("The place must be in the organisation's country.")})

    def validate_constraints(self, exclude=None):
        # See Place.validate_constraints: deleted organisations keep their name.
        exclude = set(exclude or ())
        if self.name_ja and "name_ja" not in exclude:
            clash = Organisation.all_objects.exclude(pk=self.pk).filter(name_ja=self.name_ja).first()
            if clash is not None:
                raise ValidationError(
                    {
                        "name_ja": duplicate_message(
                            _("An organisation with this Japanese name already exists."), clash
                        )
                    }
                )
        super().validate_constraints(exclude=exclude)

    def get_absolute_url(self):
        return reverse("partners:organisation", args=[self.pk])

    SEARCH_FIELDS = ("name_ja", "name_en", "abbreviation")


class Agreement(SoftDeleteModel, VersionedModel, TextColumnsModel):
    """An agreement between the city and a partner place or organisation."""

    class Kind(models.TextChoices):
        SISTER_CITY = "sister_city", _("Sister city")
        FRIENDSHIP_CITY = "friendship_city", _("Friendship city")
        FRIENDSHIP_COOPERATION = "friendship_cooperation", _("Friendship and cooperation agreement")
        ECONOMIC_EXCHANGE = "economic_exchange", _("Economic exchange agreement")
        MOU = "mou", _("Memorandum of understanding")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        ENDED = "ended", _("Ended")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("partner place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    signed_on = models.DateField(_("signed on"))
    renewed_on = models.DateField(_("last renewed on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"), null=True, blank=True, help_text=_("Leave empty for an open-ended agreement.")
    )
    signatory_city = models.CharField(_("signatory (our city)"), max_length=200, blank=True)
    signatory_partner = models.CharField(_("signatory (partner)"), max_length=200, blank=True)
    assembly_approval_required = models.BooleanField(_("assembly approval required"), default=False)
    assembly_approved_on = models.DateField(_("assembly approved on (議会議決)"), null=True, blank=True)
    letter_references = models.CharField(
        _("reference numbers of official letters"), max_length=300, blank=True
    )
    document_url = models.URLField(_("document link"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    history = HistoricalRecords(excluded_fields=["version", "name_sort", "search_text"])

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(place__isnull=False) | models.Q(organisation__isnull=False),
                name="agreement_has_partner",
                violation_error_message=_("Choose the partner place or organisation."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("signed_on")),
                name="agreement_ends_after_signing",
                violation_error_message=_("An agreement cannot end before it was signed."),
            ),
        ]

    def __str__(self) -> str:
        from tsunagu.core.i18n import pick

        return pick(self.title_ja, self.title_en)

    @property
    def status(self) -> str:
        return self.Status.ENDED if self.ended_on else self.Status.ACTIVE

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    def clean(self):
        super().clean()
        errors = {}
        if not self.place_id and not self.organisation_id:
            errors["place"] = _("Choose the partner place or organisation.")
        if self.signed_on:
            if self.ended_on and self.ended_on < self.signed_on:
                errors["ended_on"] = _("An agreement cannot end before it was signed.")
            if self.renewed_on and self.renewed_on < self.signed_on:
                errors["renewed_on"] = _("An agreement cannot be renewed before it was signed.")
        if self.assembly_approved_on and not self.assembly_approval_required:
            errors["assembly_approval_required"] = _(
                "Tick “assembly approval required” when giving the approval date."
            )
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("partners:agreement", args=[self.pk])

    SORT_FIELDS = ("title_ja", "title_en")
    SEARCH_FIELDS = ("title_ja", "title_en", "signatory_city", "signatory_partner", "letter_references")


class Network(BilingualName, SoftDeleteModel, VersionedModel, TextColumnsModel):
    """A multi-city network, e.g. the Organization for East Asia Economic Development."""

    name_ja = models.CharField(_("name (Japanese)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    history = HistoricalRecords(excluded_fields=["version", "name_sort", "search_text"])

    class Meta:
        ordering = ["name_sort", "name_ja"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def validate_unique(self, exclude=None):
        # See Place.validate_constraints: deleted networks keep their name.
        exclude = set(exclude or ())
        if self.name_ja and "name_ja" not in exclude:
            clash = Network.all_objects.exclude(pk=self.pk).filter(name_ja=self.name_ja).first()
            if clash is not None:
                raise ValidationError(
                    {"name_ja": duplicate_message(_("A network with this Japanese name already exists."), clash)}
                )
        super().validate_unique(exclude=exclude)

    def get_absolute_url(self):
        return reverse("partners:network", args=[self.pk])

    SEARCH_FIELDS = ("name_ja", "name_en", "purpose")


class NetworkMembership(models.Model):
    class Role(models.TextChoices):
        FOUNDER = "founder", _("Founding member")
        SECRETARIAT = "secretariat", _("Secretariat")
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    place = models.ForeignKey(
        Place, verbose_name=_("member place"), on_delete=models.PROTECT, related_name="network_memberships"
    )
    role = models.CharField(
        pgettext_lazy("network membership", "role"), max_length=12, choices=Role.choices, default=Role.MEMBER
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "place__name_sort"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(
                "network",
                "place",
                name="unique_network_member",
                violation_error_message=_("This place is already a member of the network."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.network} – {self.place}"

    def clean(self):
        super().clean()
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A member cannot leave before it joined.")})
