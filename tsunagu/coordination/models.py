"""The models of every coordination sub-capability, gathered so that Django finds them."""
from .circulars.models import Answer, AnswerRow, Circular, InquiryColumn, Reading, Recipient  # noqa: F401
