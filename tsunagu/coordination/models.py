"""The models of every coordination sub-capability, gathered so that Django finds them."""
from .policy.models import PolicyLink, PolicyNode  # noqa: E402,F401
