"""The search index: one ``SearchEntry`` per live record of every registered kind (``registry.py``).

The entry keeps what the result list shows (titles, a detail line) and the
record's text as space-separated tokens made in Python (see ``tsunagu.text``):

- ``title_tokens``: the record's names, with their kanji sub-words (水道 in
  上下水道交流事業), weighted highest;
- ``body_tokens``: its other searchable text (purpose, fields, partners…);
- ``extra_tokens``: the kanji sub-words of that text, weighted lowest.

The full-text index over those columns is made by a migration for the
database in use (``migrations/0002_fulltext.py``): an FTS5 table kept in step
by triggers on SQLite, a generated ``tsvector`` column with a GIN index on
PostgreSQL. ``SearchFacet`` rows hold the facet values of the kinds that have
facets (a programme's provider, fields, window status…), to filter by them in
SQL and to count them as bitsets (``facet_bits.py``). An entry's id tells its
kind: ``kind.number * 10**12 + record id`` (``registry.SearchKind.entry_id``).

Nothing here is edited by hand: signals (``signals.py``) keep it up to date
and ``manage.py rebuild_search_index`` rebuilds it. Which records a user may
find is each kind's ``visible(user)``, applied by every query (``queries.py``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tsunagu.core.i18n import pick


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=16)
    object_id = models.PositiveBigIntegerField(_("record id"))
    slug = models.CharField(_("record code"), max_length=100, blank=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    detail_ja = models.CharField(_("detail (Japanese)"), max_length=300, blank=True)
    detail_en = models.CharField(_("detail (English)"), max_length=300, blank=True)
    title_tokens = models.TextField(_("title tokens"), blank=True)
    body_tokens = models.TextField(_("body tokens"), blank=True)
    extra_tokens = models.TextField(_("sub-word tokens"), blank=True)
    facets = models.JSONField(_("facets"), default=dict, blank=True)
    facets_valid_until = models.DateField(
        _("facets valid until"),
        null=True,
        blank=True,
        help_text=_("The day a window opens or closes and the window-status facet must be recomputed."),
    )
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry"),
        ]
        indexes = [
            models.Index(fields=["kind", "title_ja"], name="search_entry_kind_title_idx"),
            models.Index(fields=["facets_valid_until"], name="search_entry_valid_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title_ja}"

    @property
    def title(self) -> str:
        return pick(self.title_ja, self.title_en)

    @property
    def detail(self) -> str:
        return pick(self.detail_ja, self.detail_en)


class SearchFacet(models.Model):
    """One facet value of an entry (a programme with two fields has two ``field`` rows)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_rows")
    name = models.CharField(_("facet"), max_length=20)
    value = models.CharField(_("value"), max_length=80)

    class Meta:
        verbose_name = _("search facet value")
        verbose_name_plural = _("search facet values")
        indexes = [
            # Filtering: the entries with this value.
            models.Index(fields=["name", "value", "entry"], name="search_facet_value_idx"),
        ]
        constraints = [
            # Its index serves counting: the values of these entries.
            models.UniqueConstraint(fields=["entry", "name", "value"], name="unique_search_facet_value"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class IndexGeneration(models.Model):
    """A counter raised by every write to the index (one row), so that a process can tell in one
    cheap query whether what it keeps from the index (``facet_bits``) is still current."""

    generation = models.PositiveBigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("search index generation")
        verbose_name_plural = _("search index generation")

    def __str__(self) -> str:
        return str(self.generation)

    @classmethod
    def advance(cls) -> None:
        """Raise the counter (in the caller's transaction)."""
        if not cls.objects.filter(pk=1).update(generation=models.F("generation") + 1):
            cls.objects.get_or_create(pk=1, defaults={"generation": 1})

    @classmethod
    def current(cls) -> int | None:
        return cls.objects.filter(pk=1).values_list("generation", flat=True).first()
