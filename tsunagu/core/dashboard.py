"""Widgets on the home page contributed by apps above ``core``.

``core`` must not import the apps built on it, so each app registers its
widgets here from its ``AppConfig.ready()`` and the home page renders every
registered widget in ``order``. A widget whose app is not installed is simply
absent.

How to add a widget:
1. subclass ``DashboardWidget`` with ``key``, ``template`` and ``order``, and
   implement ``context(request)``; return ``None`` to leave it out for this
   request (e.g. nothing to show for this user);
2. ``register(MyWidget())`` in your app's ``ready()``;
3. test that the home page shows it.

The widget's template receives its context plus ``widget`` and ``request``;
it renders its own heading.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any


class DashboardWidget(ABC):
    key: str = ""
    template: str = ""
    order: int = 100

    @abstractmethod
    def context(self, request) -> dict[str, Any] | None:
        """Template context for this request, or None to leave the widget out."""


_widgets: dict[str, DashboardWidget] = {}


def register(widget: DashboardWidget) -> None:
    if not widget.key:
        raise ValueError("a dashboard widget needs a key")
    _widgets[widget.key] = widget


def unregister(key: str) -> None:
    _widgets.pop(key, None)


def widgets() -> list[DashboardWidget]:
    return sorted(_widgets.values(), key=lambda w: (w.order, w.key))
