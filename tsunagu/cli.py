"""The ``tsunagu`` command (installed by ``pip install -e .``, see pyproject.toml).

    tsunagu programs match --plan plan.yaml [--json] [--language en]

Each sub-command is a thin shell over a Django management command; ``main``
sets up Django (settings from DJANGO_SETTINGS_MODULE, default tsunagu.settings)
and hands the remaining arguments over. Exit status: 0 on success, 2 for a bad
invocation or plan file.
"""

from __future__ import annotations

import os
import sys

# (group, action) → (management command, what it does)
COMMANDS = {
    ("programs", "match"): ("match_programs", "rank the support programmes that could fund a plan file"),
}

USAGE_EXIT = 2


def usage() -> str:
    lines = ["usage: tsunagu <group> <action> [options]", "", "commands:"]
    for (group, action), (_command, text) in COMMANDS.items():
        lines.append(f"  tsunagu {group} {action:<8} {text}")
    lines += ["", "Run a command with --help for its options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0 if argv else USAGE_EXIT
    key = tuple(argv[:2])
    if key not in COMMANDS:
        print(f"tsunagu: unknown command: {' '.join(argv[:2])}\n\n{usage()}", file=sys.stderr)
        return USAGE_EXIT
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagu.settings")
    import django
    from django.core.management import load_command_class
    from django.core.management.base import CommandError

    from tsunagu.core.env import ConfigError, exit_on_config_error

    try:
        django.setup()
    except ConfigError as error:
        return exit_on_config_error(error, "tsunagu")
    command = load_command_class("tsunagu.programs", COMMANDS[key][0])
    # What BaseCommand.run_from_argv does, without closing the database connections
    # (the caller may be a test inside a transaction): parse, execute, report errors.
    command._called_from_command_line = True  # argparse errors print the usage and exit 2
    parser = command.create_parser("tsunagu", " ".join(key))
    try:
        options = vars(parser.parse_args(argv[2:]))
    except SystemExit as exit_:  # --help, or a bad option (argparse has printed why)
        return exit_.code if isinstance(exit_.code, int) else USAGE_EXIT
    arguments = options.pop("args", ())
    try:
        command.execute(*arguments, **options)
    except CommandError as error:
        command.stderr.write(f"tsunagu {' '.join(key)}: {error}")
        return error.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
