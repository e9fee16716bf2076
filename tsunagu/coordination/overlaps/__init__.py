"""Overlap warnings: two or more departments working with the same place, or in the same field in the
same country, in the same 年度 (``detection.py``), shown on the dossier, the project page and the
coordinator's start page (``registrations.py``), and reviewed by a coordinator (``OverlapReview``).
"""
