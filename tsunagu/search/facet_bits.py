"""Facet counts from bitsets kept in the process, one set per kind with facets.

Counting facet values with SQL means reading and grouping every facet row of
every matching record (about ten per programme): with thousands of matches
that is the slowest part of a programme search. Here each facet value is a
set of a kind's entries held as a bitset (a Python ``int``, one bit per
entry), so a count is an AND and a ``bit_count()``:

    matches = bits of the records matching the query that the user may find (one query for their ids)
    count(value) = (matches & selected facets & bits(value)).bit_count()

The bitsets are read from ``SearchFacet`` and kept while the index does not
change: every call reads its *stamp* in one query, the ``IndexGeneration``
counter that every write to the index raises (``index._write``) and the
highest facet id (which also tells a table emptied and filled again). Inside a transaction the
bitsets are built for the call and never kept, since they may see rows that
are not committed (or will be rolled back).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection

from .models import IndexGeneration, SearchEntry, SearchFacet


@dataclass
class FacetBits:
    stamp: tuple | None
    position: dict[int, int] = field(default_factory=dict)  # entry id → bit
    values: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))  # name → value → bits
    everything: int = 0  # every entry of the kind

    def mask(self, entry_ids: Iterable[int]) -> int:
        """The bitset of these entry ids (ids of other kinds are left out)."""
        position = self.position
        flags = bytearray((len(position) + 7) // 8)
        for entry_id in entry_ids:
            bit = position.get(entry_id)
            if bit is not None:
                flags[bit >> 3] |= 1 << (bit & 7)
        return int.from_bytes(flags, "little")

    def having(self, name: str, values: Iterable[str]) -> int:
        """Entries with any of ``values`` of facet ``name`` (values of one facet are alternatives)."""
        found = 0
        by_value = self.values.get(name, {})
        for value in values:
            found |= by_value.get(value, 0)
        return found

    def narrowed(self, matches: int, selected: dict[str, list[str]], skip: str | None = None) -> int:
        """``matches`` with the chosen values of every facet but ``skip`` (values of one facet
        are alternatives, facets combine)."""
        for name, values in selected.items():
            if name != skip:
                matches &= self.having(name, values)
        return matches

    def counts(self, within: int, name: str) -> dict[str, int]:
        """How many entries of ``within`` have each value of facet ``name`` (values with none left out)."""
        result = {}
        for value, bits in self.values.get(name, {}).items():
            n = (within & bits).bit_count()
            if n:
                result[value] = n
        return result


def build(kind: str, stamp: tuple | None) -> FacetBits:
    facets = FacetBits(stamp=stamp)
    position = facets.position
    entries = SearchEntry.objects.filter(kind=kind).order_by("id").values_list("id", flat=True)
    for entry_id in entries:
        position[entry_id] = len(position)
    rows = SearchFacet.objects.filter(entry__kind=kind).values_list("entry_id", "name", "value")
    flags: dict[tuple[str, str], bytearray] = {}
    for entry_id, name, value in rows:
        bit = position.get(entry_id)
        if bit is None:
            continue  # indexed after the entries were read: the next call rebuilds (the generation moved)
        key = (name, value)
        if key not in flags:
            flags[key] = bytearray()
        row = flags[key]
        byte = bit >> 3
        if len(row) <= byte:
            row.extend(bytes(byte + 1 - len(row)))
        row[byte] |= 1 << (bit & 7)
    for (name, value), row in flags.items():
        facets.values[name][value] = int.from_bytes(row, "little")
    facets.everything = (1 << len(position)) - 1
    return facets


def read_stamp() -> tuple:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Names of our own tables, quoted by the backend: no value is interpolated.
        cursor.execute(
            f"SELECT (SELECT {quote('generation')} FROM {quote(IndexGeneration._meta.db_table)} WHERE id = 1), "  # noqa: S608
            f"(SELECT MAX(id) FROM {quote(SearchFacet._meta.db_table)})"
        )
        return tuple(cursor.fetchone())


_lock = threading.Lock()
_cached: dict[str, FacetBits] = {}  # kind → its bitsets (one process-wide cache)


def facet_bits(kind: str) -> FacetBits:
    """The bitsets of ``kind`` for this call: cached while the index does not change."""
    if connection.in_atomic_block:
        return build(kind, None)
    stamp = read_stamp()
    current = _cached.get(kind)
    if current is not None and current.stamp == stamp:
        return current
    with _lock:
        current = build(kind, stamp)
        _cached[kind] = current
    return current
