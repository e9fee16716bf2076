"""The models of every coordination sub-capability, gathered so that Django finds them."""
from .circulars.models import Answer, AnswerRow, Circular, InquiryColumn, Reading, Recipient  # noqa: F401
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
from .overlaps.models import OverlapReview  # noqa: E402, F401
from .policy.models import PolicyLink, PolicyNode  # noqa: E402,F401
