#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagu.settings")
    from django.core.management import execute_from_command_line

    from tsunagu.core.env import ConfigError, exit_on_config_error

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as error:  # a setting from the environment cannot be used: say which, no traceback
        sys.exit(exit_on_config_error(error, "manage.py"))
