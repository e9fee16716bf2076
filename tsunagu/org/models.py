"""Departments of the city (局 → 部 → 課) and the people who use tsunagu."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tsunagu.core.i18n import BilingualName


class Department(BilingualName, models.Model):
    class Kind(models.TextChoices):
        BUREAU = "bureau", _("Bureau (局)")
        DEPARTMENT = "department", _("Department (部)")
        SECTION = "section", _("Section (課)")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    kind = models.CharField(_("level"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_international_division = models.BooleanField(
        _("international policy division"),
        default=False,
        help_text=_("The coordinating division (国際政策課)."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def subtree_ids(root_ids: set[int]) -> set[int]:
        """The given departments and every department below them (one query)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in Department.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        result: set[int] = set()
        stack = list(root_ids)
        while stack:
            pk = stack.pop()
            if pk in result:
                continue
            result.add(pk)
            stack.extend(children.get(pk, []))
        return result


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", _("Administrator")
        COORDINATOR = "coordinator", _("Coordinator (International Policy Division)")
        EDITOR = "editor", _("Department editor")
        VIEWER = "viewer", _("Viewer")

    # A context keeps this "role" (権限) apart from the roles partners play elsewhere.
    role = models.CharField(pgettext_lazy("user", "role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments"),
        blank=True,
        related_name="members",
        help_text=_("A department editor edits records of these departments and those below them."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        # The Django admin is for data stewards: administrators and coordinators.
        self.is_staff = self.role in (self.Role.ADMINISTRATOR, self.Role.COORDINATOR)
        if self.role == self.Role.ADMINISTRATOR:
            self.is_superuser = True
        elif self.is_superuser:
            self.role = self.Role.ADMINISTRATOR
            self.is_staff = True
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        # The admin greets by short name ("ようこそ …"): the person's name, as the header shows it.
        return str(self)

    @property
    def is_coordinator(self) -> bool:
        """Coordinators and administrators see and edit everything."""
        return self.is_active and self.role in (self.Role.COORDINATOR, self.Role.ADMINISTRATOR)

    @property
    def is_editor(self) -> bool:
        return self.is_active and self.role == self.Role.EDITOR

    @cached_property
    def editable_department_ids(self) -> frozenset[int]:
        """Departments whose records this user may change (empty for viewers)."""
        if not self.is_editor:
            return frozenset()
        own = set(self.departments.values_list("pk", flat=True))
        return frozenset(Department.subtree_ids(own))
