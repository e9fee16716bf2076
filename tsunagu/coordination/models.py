"""The models of every coordination sub-capability, gathered so that Django finds them."""
from .overlaps.models import OverlapReview  # noqa: E402, F401
