"""What circulars plug into: the start page (inbox widget) and search (kind 21)."""


def register() -> None:
    from tsunagu.core import dashboard
    from tsunagu.search import registry

    from .search import CircularSearch
    from .widgets import CircularInboxWidget

    dashboard.register(CircularInboxWidget())
    registry.register(CircularSearch())
