"""The 次第 and 議事録 as PDF, made with WeasyPrint from the same template as the print page.

Fonts: Debian's Noto CJK (fonts-noto-cjk), found by fontconfig and embedded by WeasyPrint.
"""

from __future__ import annotations

from django.template.loader import render_to_string


def render_pdf(request, template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: it loads pango, which only the PDF needs

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
