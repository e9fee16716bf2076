"""What councils and meetings plug into: the start page (action items) and search (kinds 23 and 24)."""


def register() -> None:
    from tsunagu.core import dashboard

    from .widgets import CouncilActionsWidget

    dashboard.register(CouncilActionsWidget())

    from tsunagu.search import registry

    from .search import DecisionSearch, MeetingSearch

    registry.register(MeetingSearch())
    registry.register(DecisionSearch())
