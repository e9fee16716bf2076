"""Coordination: councils and meetings, circulars and inquiries (照会), overlap warnings, the policy framework.

Each sub-capability has one folder (``meetings/``, ``circulars/``, ``overlaps/``, ``policy/``) holding its
models, actions, queries, forms, views, urls and templates; ``models.py`` and ``urls.py`` of the app
only gather them.
"""
