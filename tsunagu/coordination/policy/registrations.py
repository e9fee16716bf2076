"""What the policy framework plugs into (called from ``CoordinationConfig.ready``)."""


def register() -> None:
    from tsunagu.portfolio import panels
    from tsunagu.search import registry

    from . import admin
    from .panels import PolicyPanel
    from .search import PolicyNodeSearch

    panels.register(PolicyPanel())
    registry.register(PolicyNodeSearch())
    admin.register()
