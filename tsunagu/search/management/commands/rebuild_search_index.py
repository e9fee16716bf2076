"""``manage.py rebuild_search_index``: index every live record again (after bulk loads)."""

import time

from django.core.management.base import BaseCommand

from tsunagu.search import registry
from tsunagu.search.index import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index of every registered kind (programmes, projects, places, organisations…). "
        "Saves keep it up to date; run this after bulk inserts (load_demo, generate, imports)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", action="append", choices=registry.kind_names(), help="only this kind (may be repeated)"
        )

    def handle(self, *args, kind=None, **options):
        started = time.perf_counter()
        counts = rebuild_index(kind)
        summary = ", ".join(f"{kind}: {count:,}" for kind, count in counts.items())
        self.stdout.write(f"Search index rebuilt in {time.perf_counter() - started:.1f} s ({summary}).")
