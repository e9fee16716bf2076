"""``python manage.py generate``: a large synthetic city (see tsunagu/demo/generate.py)."""

from django.core.management.base import BaseCommand, CommandError

from tsunagu.demo.generate import CitySize, code_prefix, generate_city

DEFAULTS = CitySize()


class Command(BaseCommand):
    help = (
        "Generate a large synthetic city for benchmarks and load tests: departments, places in many "
        "countries, organisations, agreements, networks, projects over many fiscal years with partners "
        "and budget lines. Deterministic: the same --seed gives the same titles, dates and amounts. "
        "Every partner and project is marked as sample data; generated department codes start with "
        "'gen<seed>-'. Running again with a seed already generated in this database does nothing and "
        "says so (exit status 0); use another --seed for a second city. Use a separate database "
        "(TSUNAGU_VAR_DIR or DATABASE_URL) to keep the demo clean."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        for name, help_text in (
            ("departments", "departments in all (局, 部 and 課)"),
            ("projects", "projects"),
            ("fiscal-years", "fiscal years the projects start in, ending with --last-fiscal-year"),
            ("places", "partner places"),
            ("countries", "countries the places are in"),
            ("organisations", "partner organisations"),
            ("agreements", "agreements"),
            ("networks", "city networks (5–20 members each)"),
        ):
            default = getattr(DEFAULTS, name.replace("-", "_"))
            parser.add_argument(f"--{name}", type=int, default=default, help=f"Number of {help_text} (default {default}).")
        parser.add_argument(
            "--last-fiscal-year", type=int, default=DEFAULTS.last_fiscal_year,
            help=f"The newest fiscal year with running projects (default {DEFAULTS.last_fiscal_year}).",
        )
        parser.add_argument("--batch-size", type=int, default=1000, help="Rows per bulk insert (default 1000).")

    def handle(self, *args, **options):
        size = CitySize(
            departments=options["departments"],
            projects=options["projects"],
            fiscal_years=options["fiscal_years"],
            places=options["places"],
            countries=options["countries"],
            organisations=options["organisations"],
            agreements=options["agreements"],
            networks=options["networks"],
            last_fiscal_year=options["last_fiscal_year"],
        )
        try:
            result = generate_city(options["seed"], size, batch_size=options["batch_size"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        if result.skipped:
            self.stdout.write(
                f"A city for seed {result.seed} is already in this database (departments "
                f"'{code_prefix(result.seed)}…'); nothing generated. Use another --seed for a second city."
            )
            return
        self.stdout.write(self.style.SUCCESS(
            f"Generated city for seed {result.seed} in {result.seconds:.1f} s: {result.summary()}."
        ))
