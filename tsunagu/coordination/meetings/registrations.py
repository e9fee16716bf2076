"""What councils and meetings plug into: the start page (action items)."""


def register() -> None:
    from tsunagu.core import dashboard

    from .widgets import CouncilActionsWidget

    dashboard.register(CouncilActionsWidget())
