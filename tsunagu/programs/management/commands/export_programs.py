"""``python manage.py export_programs out.yaml|out.xlsx``: the whole catalogue (docs/catalogue-format.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tsunagu.programs.transfer.export import export_excel, export_yaml


class Command(BaseCommand):
    help = "Export the support-programme catalogue as YAML (.yaml/.yml) or as an Excel workbook (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Output file; its extension chooses the format. '-' writes YAML to stdout.")

    def handle(self, *args, path: Path, **options):
        if str(path) == "-":
            self.stdout.write(export_yaml().decode("utf-8"), ending="")
            return
        suffix = path.suffix.lower()
        if suffix in (".yaml", ".yml"):
            data = export_yaml()
        elif suffix == ".xlsx":
            data = export_excel()
        else:
            raise CommandError("Give a file name ending in .yaml, .yml or .xlsx.")
        path.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Catalogue written to {path} ({len(data):,} bytes)."))
