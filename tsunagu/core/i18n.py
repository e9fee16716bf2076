"""Helpers for records that carry their names in Japanese and English."""

from django.utils.translation import get_language


def ui_is_japanese() -> bool:
    return (get_language() or "ja").startswith("ja")


def pick(ja: str, en: str) -> str:
    """The Japanese or English form for the active UI language, falling back to the other."""
    if ui_is_japanese():
        return ja or en
    return en or ja


class BilingualName:
    """Mixin for models with ``name_ja`` and ``name_en``: ``obj.name`` follows the UI language."""

    name_ja: str
    name_en: str

    @property
    def name(self) -> str:
        return pick(self.name_ja, self.name_en)

    def __str__(self) -> str:
        return self.name
