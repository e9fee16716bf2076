"""The ``tsunagu`` command (installed by ``pip install -e .``, see pyproject.toml).

    tsunagu programs match --plan plan.yaml [--json] [--language en]

Each sub-command is a thin shell over a Django management command; ``main``
sets up Django (settings from DJANGO_SETTINGS_MODULE, default tsunagu.settings)
and hands the remaining arguments over. Exit status: 0 on success, 2 for a bad
invocation or plan file, 1 for other errors.
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

    django.setup()
    command = load_command_class("tsunagu.programs", COMMANDS[key][0])
    try:
        # run_from_argv prints a CommandError to stderr and exits with its return code.
        command.run_from_argv(["tsunagu", " ".join(key), *argv[2:]])
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
