"""The table of demo logins that ``make run`` prints before starting the server.

Printed in Japanese and in English at once (a terminal has no UI language),
so the column headings live here rather than in a gettext catalogue. Role
names are the role choices of ``org.User`` (the names the header and the
admin show), rendered in each language. Roles and departments are read from
the database, so the table shows what a login really gives; the documented
password is the one ``load_demo`` sets.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.utils import DatabaseError
from django.utils import translation

from . import kitakyushu as story


@dataclass(frozen=True)
class LoginRow:
    username: str
    full_name_ja: str
    full_name_en: str
    role: str
    departments_ja: str
    departments_en: str
    present: bool


def width(text: str) -> int:
    """Columns a string takes in a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(width(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    rule = "  ".join("-" * w for w in widths)
    lines = ["  ".join(pad(cell, w) for cell, w in zip(header, widths, strict=True)).rstrip(), rule]
    lines += ["  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)


def role_label(role: str, language: str) -> str:
    """The name of a role as the UI shows it in ``language`` (the choices of ``User.Role``)."""
    from tsunagu.org.models import User

    with translation.override(language):
        return str(User.Role(role).label)


def login_rows() -> list[LoginRow]:
    """The demo logins as they are in the database (documented values when a user is missing)."""
    from tsunagu.org.models import Department, User

    usernames = [spec.username for spec in story.USERS]
    users = {u.username: u for u in User.objects.filter(username__in=usernames).prefetch_related("departments")}
    documented = {spec.code: spec for spec in story.DEPARTMENTS}
    rows = []
    for spec in story.USERS:
        user = users.get(spec.username)
        if user is not None:
            departments: list[Department] = list(user.departments.all())
            names_ja = "、".join(d.name_ja for d in departments)
            names_en = ", ".join(d.name_en or d.name_ja for d in departments)
            role = user.role
        else:
            names_ja = "、".join(documented[c].name_ja for c in spec.departments)
            names_en = ", ".join(documented[c].name_en for c in spec.departments)
            role = spec.role
        rows.append(
            LoginRow(
                username=spec.username,
                full_name_ja=spec.full_name,
                full_name_en=spec.full_name_en,
                role=role,
                departments_ja=names_ja or "（全庁・所属なし）",
                departments_en=names_en or "(whole city, no department)",
                present=user is not None,
            )
        )
    return rows


def render_logins(rows: list[LoginRow] | None = None) -> str:
    try:
        rows = login_rows() if rows is None else rows
    except DatabaseError:
        return (
            "デモ用ログインを表示できません: データベースが未作成です。`make run` を実行してください。\n"
            "Cannot list the demo logins: the database is not set up. Run `make run`."
        )
    ja = table(
        ["ユーザー名", "パスワード", "役割", "所属", "できること", "氏名"],
        [
            [r.username, story.DEMO_PASSWORD, role_label(r.role, "ja"), r.departments_ja,
             story.ROLE_ABILITIES[r.role][0], r.full_name_ja]
            for r in rows
        ],
    )
    en = table(
        ["Username", "Password", "Role", "Department", "Can", "Name"],
        [
            [r.username, story.DEMO_PASSWORD, role_label(r.role, "en"), r.departments_en,
             story.ROLE_ABILITIES[r.role][1], r.full_name_en]
            for r in rows
        ],
    )
    parts = [
        "デモ用ログイン（パスワードは全員共通）",
        ja,
        "",
        "Demo logins (same password for everyone)",
        en,
    ]
    missing = [r.username for r in rows if not r.present]
    if missing:
        parts += [
            "",
            "未作成のユーザー / Not in the database yet: " + ", ".join(missing)
            + " — `python manage.py load_demo` を実行 / run it.",
        ]
    return "\n".join(parts)
