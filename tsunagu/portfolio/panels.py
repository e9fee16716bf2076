"""Panels on the project page contributed by apps above ``portfolio``.

The project page shows what other apps know about a project (the programmes
that could fund it, its applications…). ``portfolio`` must not import those
apps, so each registers a panel here from its ``AppConfig.ready()`` and the
project page renders every registered panel.

How to add a panel:
1. subclass ``ProjectPanel`` with ``key``, ``title`` (lazy translation),
   ``template`` and ``order``, and implement ``context(project, user)``;
   return ``None`` to leave the panel out for this user or project;
2. ``register(MyPanel())`` in your app's ``ready()``;
3. test that the project page shows it, for each role that may see it.

The panel's template receives its context plus ``panel`` and ``project``; the
project page prints ``panel.title`` as the heading.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any


class ProjectPanel(ABC):
    key: str = ""
    title: Any = ""
    template: str = ""
    order: int = 100

    @abstractmethod
    def context(self, project, user) -> dict[str, Any] | None:
        """Template context for this project and user, or None to leave the panel out."""


_panels: dict[str, ProjectPanel] = {}


def register(panel: ProjectPanel) -> None:
    if not panel.key:
        raise ValueError("a project panel needs a key")
    _panels[panel.key] = panel


def unregister(key: str) -> None:
    _panels.pop(key, None)


def panels() -> list[ProjectPanel]:
    return sorted(_panels.values(), key=lambda p: (p.order, p.key))
