"""The builtin template filters fy, wareki and yen, and the query_replace tag."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from tsunagu.core.fiscal import FiscalYear


def render(source: str, language: str = "ja", **context) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "ja", "en"),
    [
        (2026, "2026年度（令和8年度）", "FY2026"),
        ("2019", "2019年度（令和元年度）", "FY2019"),
        (FiscalYear(1988), "1988年度（昭和63年度）", "FY1988"),
        (datetime.date(2019, 3, 31), "2018年度（平成30年度）", "FY2018"),
        (datetime.date(2019, 4, 1), "2019年度（令和元年度）", "FY2019"),
        (None, "", ""),
        ("", "", ""),
    ],
)
def test_fy(value, ja, en):
    # Plain text (e-mails are rendered with autoescape off) gets the bare label.
    assert render("{% autoescape off %}{{ v|fy }}{% endautoescape %}", "ja", v=value) == ja
    assert render("{% autoescape off %}{{ v|fy }}{% endautoescape %}", "en", v=value) == en


def test_fy_in_html_is_one_unbreakable_label():
    """A 年度 never wraps inside a narrow table cell: the label is one no-wrap span."""
    assert render("<td>{{ v|fy }}</td>", "ja", v=2026) == '<td><span class="fy">2026年度（令和8年度）</span></td>'
    assert render("{{ v|fy }}", "en", v=2026) == '<span class="fy">FY2026</span>'
    assert render("{{ v|fy }}", "ja", v=None) == ""
    css = (settings.BASE_DIR / "static" / "css" / "tsunagu.css").read_text()
    assert re.search(r"\.fy\b[^{]*\{[^}]*white-space:\s*nowrap", css)


@pytest.mark.parametrize(
    ("value", "ja", "en"),
    [
        (datetime.date(2019, 4, 30), "2019-04-30（平成31年4月30日）", "2019-04-30"),
        (datetime.date(2019, 5, 1), "2019-05-01（令和元年5月1日）", "2019-05-01"),
        (datetime.date(1989, 1, 7), "1989-01-07（昭和64年1月7日）", "1989-01-07"),
        (datetime.date(1989, 1, 8), "1989-01-08（平成元年1月8日）", "1989-01-08"),
        # An aware datetime shows its date in Japan: 15:30 UTC on 30 April is 1 May in Tokyo.
        (
            datetime.datetime(2019, 4, 30, 15, 30, tzinfo=datetime.UTC),
            "2019-05-01（令和元年5月1日）",
            "2019-05-01",
        ),
        # No era before Shōwa: the ISO date alone rather than an error page.
        (datetime.date(1900, 1, 1), "1900-01-01", "1900-01-01"),
        (None, "", ""),
    ],
)
def test_wareki(value, ja, en):
    assert render("{{ v|wareki }}", "ja", v=value) == ja
    assert render("{{ v|wareki }}", "en", v=value) == en


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "¥0"),
        (999, "¥999"),
        (1000, "¥1,000"),
        (12_345_678, "¥12,345,678"),
        (Decimal("1234.5"), "¥1,235"),  # rounded half up, not truncated
        (Decimal("1234.49"), "¥1,234"),
        (1234.5, "¥1,235"),
        ("5000000", "¥5,000,000"),
        (-1500, "-¥1,500"),
        (None, ""),
        ("", ""),
    ],
)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_yen(value, text, language):
    assert render("{{ v|yen }}", language, v=value) == text


def test_query_replace_keeps_other_parameters_and_drops_empty_ones():
    request = RequestFactory().get("/projects/", {"q": "水道", "page": "3", "sort": "title"})
    out = render("{% query_replace page=2 sort='' %}", request=request)
    assert out == "q=%E6%B0%B4%E9%81%93&amp;page=2"
