"""Japanese names for what third-party apps show in the admin.

- ``TasksDatabaseConfig`` replaces django-tasks-db's app config in
  ``INSTALLED_APPS`` only to give the app a translatable name (its own is the
  plain string "Tasks Database Backend"); label and models are unchanged, so
  no migration is involved.
- ``THIRD_PARTY_STRINGS`` lists the lazily translated names those apps use
  (model and field names, status choices), so that ``make messages`` keeps
  them in the root catalogue, where they are translated.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = _("Background tasks")


THIRD_PARTY_STRINGS = (
    # django_tasks_db.models.DBTaskResult
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    # django_tasks.base.TaskResultStatus
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)
