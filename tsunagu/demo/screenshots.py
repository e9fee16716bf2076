"""Screenshots of the main pages, taken in Chromium on a throw-away demo database.

``manage.py screenshots`` (``make screenshots``) loads the demo data into a new
SQLite database in a temporary folder, serves it on 127.0.0.1 with Django's
development server, signs in as the demo users through the login form and
saves one PNG per page and width in ``docs/screenshots/`` (390 px: a phone;
1366 px: a common office laptop). The temporary folder and the server are
removed afterwards.

A page is captured at most ``MAX_SCREENS`` viewport heights tall (the top of a
long page, which is what a reader sees first), so the PNGs stay small enough to commit.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .kitakyushu import DEMO_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # root (CI, containers) cannot start Chromium's sandbox
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--disable-dev-shm-usage",
]
WIDTHS = {"390": (390, 844), "1366": (1366, 768)}
MAX_SCREENS = 2  # viewport heights of a long page captured at most


@dataclass(frozen=True)
class Shot:
    """One page to capture: file name, who looks at it, and how to get there."""

    name: str
    user: str
    path: Callable[[dict], str]  # from the ids the demo database has
    prepare: Callable | None = None  # called with the page after it loaded


def _ids_script() -> str:
    # Printed as JSON by a shell on the throw-away database: the records the pages show.
    return (
        "import json\n"
        "from tsunagu.partners.models import Place\n"
        "from tsunagu.portfolio.models import Project\n"
        "from tsunagu.programs.models import Program\n"
        "from tsunagu.programs.models import Subscription\n"
        "haiphong = Place.objects.get(name_en='Hai Phong')\n"
        "project = Project.objects.filter(partners__place=haiphong, lead_department__name_ja__contains='下水道')"
        ".order_by('pk').first() or Project.objects.filter(partners__place=haiphong).order_by('pk').first()\n"
        "program = Program.objects.filter(code='clair-model-cooperation').first() or Program.objects.order_by('code').first()\n"
        "from tsunagu.org.models import Department, User\n"
        "from tsunagu.portfolio.models import Field\n"
        "from tsunagu.programs.deadlines.subscriptions import save_subscription\n"
        "bureau = Department.objects.get(name_ja='上下水道局')\n"
        "subscription = Subscription.objects.filter(department=bureau).first() or save_subscription(\n"
        "    Subscription(department=bureau), acting_user=User.objects.get(username='suido'),\n"
        "    m2m={'fields': list(Field.objects.filter(code='water'))})\n"
        "print(json.dumps({'haiphong': haiphong.pk, 'project': project.pk, 'program': program.code,"
        " 'subscription': subscription.pk}))\n"
    )


SHOTS = [
    Shot("start", "kokusai", lambda ids: "/"),
    Shot("project-list", "kokusai", lambda ids: "/projects/"),
    Shot("project-form", "suido", lambda ids: f"/projects/{ids['project']}/edit/"),
    Shot("dossier", "kokusai", lambda ids: f"/partners/places/{ids['haiphong']}/"),
    Shot("programme", "kokusai", lambda ids: f"/programs/p/{ids['program']}/"),
    Shot("matcher", "suido", lambda ids: f"/programs/match/?project={ids['project']}"),
    Shot("subscription", "suido", lambda ids: f"/programs/subscriptions/{ids['subscription']}/"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the demo server stopped (exit {server.returncode})")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.3)
    raise RuntimeError(f"the demo server did not answer on port {port} within {timeout:.0f} s")


@contextlib.contextmanager
def demo_server(log: Callable[[str], None], port: int | None = None) -> Iterator[tuple[str, dict]]:
    """A demo database in a temporary folder, served on 127.0.0.1; yields (base URL, record ids)."""
    folder = tempfile.mkdtemp(prefix="tsunagu-screenshots-")
    env = {**os.environ, "TSUNAGU_VAR_DIR": folder, "DEBUG": "true", "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)  # SQLite in the temporary folder, never the configured database
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    server = None
    try:
        for command in (["migrate", "--noinput"], ["load_demo"], ["rebuild_search_index"]):
            log(f"manage.py {' '.join(command)}")
            subprocess.run([*manage, *command], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603 (our own manage.py)
        ids_output = subprocess.run(  # noqa: S603 (our own manage.py)
            [*manage, "shell", "--no-imports", "-c", _ids_script()],
            env=env, check=True, capture_output=True, text=True,
        ).stdout
        ids = json.loads(ids_output.strip().splitlines()[-1])
        port = port or free_port()
        log(f"serving the demo database on http://127.0.0.1:{port}/")
        server = subprocess.Popen(  # noqa: S603 (our own manage.py)
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        _wait_for(port, server)
        yield f"http://127.0.0.1:{port}", ids
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(folder, ignore_errors=True)


def _login(page, user: str) -> None:
    page.goto("/login/")
    page.locator("#id_username").fill(user)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()


def capture(base_url: str, ids: dict, out_dir: Path, log: Callable[[str], None],
            shots: list[Shot] | None = None, widths: dict | None = None) -> list[Path]:
    """Save one PNG per shot and width in ``out_dir``; returns the paths."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for label, (width, height) in (widths or WIDTHS).items():
                contexts: dict[str, object] = {}
                for shot in shots or SHOTS:
                    if shot.user not in contexts:
                        context = browser.new_context(
                            base_url=base_url, locale="ja-JP", timezone_id="Asia/Tokyo",
                            viewport={"width": width, "height": height},
                        )
                        page = context.new_page()
                        _login(page, shot.user)
                        contexts[shot.user] = context
                    page = contexts[shot.user].pages[0]
                    response = page.goto(shot.path(ids))
                    if response is None or response.status >= 400:
                        raise RuntimeError(f"{shot.name}: {shot.path(ids)} answered {response and response.status}")
                    page.wait_for_load_state("networkidle")
                    if shot.prepare:
                        shot.prepare(page)
                    shown = min(page.evaluate("document.documentElement.scrollHeight"), MAX_SCREENS * height)
                    path = out_dir / f"{shot.name}-{label}.png"
                    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": shown})
                    log(f"{path} ({width}×{shown})")
                    saved.append(path)
                for context in contexts.values():
                    context.close()
        finally:
            browser.close()
    return saved
