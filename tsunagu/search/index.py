"""Writing the index: (re)index records by kind and id, rebuild everything, refresh facets.

Every function here runs a constant number of queries per call, whatever
the number of records (they are loaded with the kind's ``queryset()`` and
written with bulk inserts), so a signal that reindexes the 200 programmes of one
provider costs the same few queries as one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from tsunagu.text import index_tokens

from . import registry
from .models import IndexGeneration, SearchEntry, SearchFacet
from .registry import Document

BATCH_SIZE = 500


def _entry(document: Document) -> SearchEntry:
    title = index_tokens(document.title_text)
    body = index_tokens(document.body_text)
    return SearchEntry(
        id=registry.get(document.kind).entry_id(document.object_id),
        kind=document.kind,
        object_id=document.object_id,
        slug=document.slug,
        title_ja=document.title_ja[:300],
        title_en=document.title_en[:300],
        detail_ja=document.detail_ja[:300],
        detail_en=document.detail_en[:300],
        # A name's kanji sub-words count as the name: 水道 is a word of 上下水道交流事業.
        title_tokens=" ".join(title.words + title.extra),
        body_tokens=body.words_text(),
        extra_tokens=body.extra_text(),
        facets=document.facets,
        facets_valid_until=document.facets_valid_until,
    )


def _write(kind: str, object_ids: set[int], documents: list[Document]) -> None:
    """Replace the entries of ``object_ids`` by ``documents`` (ids without a document are removed)."""
    with transaction.atomic():
        if object_ids:
            SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).delete()
        entries = SearchEntry.objects.bulk_create([_entry(d) for d in documents], batch_size=BATCH_SIZE)
        facets = [
            SearchFacet(entry=entry, name=name, value=str(value)[:80])
            for entry, document in zip(entries, documents, strict=True)
            for name, values in document.facets.items()
            for value in dict.fromkeys(values)
        ]
        SearchFacet.objects.bulk_create(facets, batch_size=BATCH_SIZE)
        IndexGeneration.advance()


def index_records(kind: str, object_ids: Iterable[int], today: datetime.date | None = None) -> int:
    """Bring the entries of these records up to date; deleted or missing ones leave the index.

    Returns the number of records now indexed.
    """
    ids = {int(pk) for pk in object_ids if pk is not None}
    if not ids:
        return 0
    source = registry.get(kind)
    today = today or timezone.localdate()
    documents = []
    for start in range(0, len(ids), BATCH_SIZE):
        batch = sorted(ids)[start : start + BATCH_SIZE]
        documents += [
            source.document(obj, today)
            for obj in source.queryset().filter(pk__in=batch)
            if source.live(obj)
        ]
    _write(kind, ids, documents)
    return len(documents)


def index_object(obj) -> None:
    """Reindex one record (or drop it from the index when it is deleted)."""
    for kind in registry.for_model(type(obj)):
        index_records(kind.name, [obj.pk])


def remove_records(kind: str, object_ids: Iterable[int]) -> None:
    ids = {int(pk) for pk in object_ids if pk is not None}
    if ids:
        _write(kind, ids, [])


def rebuild_index(kinds: Iterable[str] | None = None, today: datetime.date | None = None) -> dict[str, int]:
    """Empty the index and index every live record again. Returns the count per kind.

    Without ``kinds``, entries of kinds no longer registered leave the index too.
    """
    everything = not kinds
    kinds = list(kinds or registry.kind_names())
    today = today or timezone.localdate()
    counts: dict[str, int] = {}
    with transaction.atomic():
        (SearchEntry.objects.all() if everything else SearchEntry.objects.filter(kind__in=kinds)).delete()
        for kind in kinds:
            source = registry.get(kind)
            ids = list(
                source.model._default_manager.order_by("pk").values_list("pk", flat=True)
            )
            total = 0
            for start in range(0, len(ids), BATCH_SIZE):
                batch = ids[start : start + BATCH_SIZE]
                documents = [
                    source.document(obj, today) for obj in source.queryset().filter(pk__in=batch) if source.live(obj)
                ]
                _write(kind, set(), documents)
                total += len(documents)
            counts[kind] = total
    return counts


def refresh_expired_facets(today: datetime.date | None = None) -> int:
    """Recompute the facets that expired (a programme's window opened or closed since).

    One query when nothing is due (the usual case); called before facets are counted.
    """
    today = today or timezone.localdate()
    due = list(
        SearchEntry.objects.filter(facets_valid_until__lte=today).values_list("kind", "object_id")
    )
    by_kind: dict[str, list[int]] = {}
    for kind, object_id in due:
        by_kind.setdefault(kind, []).append(object_id)
    for kind, ids in by_kind.items():
        if kind in registry.kind_names():
            index_records(kind, ids, today=today)
    return len(due)
