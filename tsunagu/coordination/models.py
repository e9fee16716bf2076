"""The models of every coordination sub-capability, gathered so that Django finds them."""

from .meetings.models import (  # noqa: F401  (councils and meetings)
    ActionItem,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    CouncilGroup,
    Decision,
    Meeting,
    MeetingSeries,
    Membership,
)
