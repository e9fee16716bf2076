"""Base models shared by every domain app.

- ``SoftDeleteModel``: deleting hides a record instead of erasing it, so a
  coordinator can restore it with everything that hangs off it. The default
  manager shows live records; ``all_objects`` shows deleted ones too.
- ``VersionedModel``: an integer bumped on every save through the actions
  layer, so that two people editing the same record cannot silently
  overwrite each other (see ``tsunagu.core.concurrency``).
- ``TextColumnsModel``: the reading sort key and the folded search text of a
  record, kept on save, for sorting lists in 五十音 order and filtering them.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tsunagu.text import SORT_KEY_MAX_LENGTH, name_sort_key, search_text


class LiveManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeleteModel(models.Model):
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    # The live-only manager comes first so that it is the default manager.
    objects = LiveManager()
    all_objects = models.Manager()  # noqa: DJ012 (a manager, not a field)

    class Meta:
        abstract = True
        # Related lookups (project.lead_department, place.country …) must still
        # reach a deleted record, so the unfiltered manager is the base manager.
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def mark_deleted(self) -> None:
        self.deleted_at = timezone.now()

    def mark_restored(self) -> None:
        self.deleted_at = None


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class TextColumnsModel(models.Model):
    """Columns derived from a record's texts on every save, for lists (``tsunagu.text``).

    - ``name_sort``: the key that sorts the record's Japanese name in 五十音 order
      of its reading (``tsunagu.text.readings`` documents the order, Latin names
      included); order Japanese lists by it, then by the name;
    - ``search_text``: the record's names and texts as a list filter compares
      them (folded widths and kana, with readings): filter with
      ``search_text__contains`` for each of ``tsunagu.text.filter_words(query)``.

    A model says which texts count with ``SORT_FIELDS`` (the first non-empty one is the
    name it sorts by) and ``SEARCH_FIELDS`` (what a list's keyword filter finds it by),
    or overrides ``sort_name()`` / ``search_texts()`` when a field needs more than reading.
    Bulk inserts (``bulk_create``) bypass ``save()``: call ``refresh_text_columns()``
    first (``tsunagu.demo.records.create_with_history`` does).
    """

    TEXT_COLUMNS = ("name_sort", "search_text")
    SORT_FIELDS: tuple[str, ...] = ("name_ja", "name_en")
    SEARCH_FIELDS: tuple[str, ...] = ("name_ja", "name_en")

    name_sort = models.CharField(
        _("sort key (reading)"), max_length=SORT_KEY_MAX_LENGTH, blank=True, default="", editable=False
    )
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_text_columns()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.TEXT_COLUMNS}
        super().save(*args, **kwargs)

    def sort_name(self) -> str:
        """The name the record sorts by: the first non-empty of ``SORT_FIELDS``."""
        return next((value for value in (getattr(self, name) for name in self.SORT_FIELDS) if value), "")

    def search_texts(self) -> list[str]:
        """The texts a list's keyword filter finds the record by (``SEARCH_FIELDS``)."""
        return [getattr(self, name) for name in self.SEARCH_FIELDS]

    def refresh_text_columns(self) -> None:
        self.name_sort = name_sort_key(self.sort_name())
        self.search_text = search_text(*self.search_texts())


def fill_text_columns(model, sort_fields: list[str], search_fields: list[str], batch_size: int = 500) -> int:
    """Fill ``name_sort`` and ``search_text`` of every row of ``model`` (deleted ones too), in bulk.

    For data migrations, whose historical models have no ``save()`` of their own: the
    first non-empty of ``sort_fields`` is the name to sort by, ``search_fields`` are
    the texts to filter by (as ``TextColumnsModel.sort_name`` / ``search_texts``).
    Returns the number of rows written.
    """
    rows = []
    for obj in model._base_manager.only("pk", *sort_fields, *search_fields).iterator(chunk_size=batch_size):
        name = next((getattr(obj, field) for field in sort_fields if getattr(obj, field)), "")
        obj.name_sort = name_sort_key(name)
        obj.search_text = search_text(*(getattr(obj, field) for field in search_fields))
        rows.append(obj)
    model._base_manager.bulk_update(rows, ["name_sort", "search_text"], batch_size=batch_size)
    return len(rows)
