"""End-to-end tests in real headless Chromium (Debian's /usr/bin/chromium), driven by Playwright.

Playwright never downloads a browser here: it launches the system Chromium.
Without it the tests are skipped with a message saying how to enable them;
under CI (CI=true) a missing Chromium is a failure, so CI can never pass by
skipping them.

Fixtures for writing a browser test:

- ``browser_page``: a fresh page (own cookies) whose relative URLs go to
  pytest-django's ``live_server``; ``page.goto("/login/")`` works. A screenshot
  is saved automatically when the test fails, and any 5xx answer from the
  server fails the test.
- ``login(page, user)``: logs in through the real login form.
- ``screenshot(page, name)``: saves ``<name>.png`` under $SCREENSHOT_DIR
  (default: var/screenshots) and returns the path.

Every test in this folder is marked ``browser`` (``pytest -m "not browser"``
leaves them out).
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API keeps an asyncio event loop running in this thread, and
# Django refuses database access from a thread with a running loop unless told
# that it is safe. It is: the test and Playwright take turns, never in parallel.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-background-networking",  # this machine's network is closed: no update/safe-browsing calls
    "--disable-component-update",
    "--disable-gpu",
    "--disable-dev-shm-usage",
]
PASSWORD = "pass-word-123"  # the password tests.factories.UserFactory gives everyone
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test so browser_page can tell a failure.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or Path(settings.VAR_DIR) / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot_path(name: str) -> Path:
    safe = re.sub(r"[^\w.-]+", "_", name).strip("_") or "screenshot"
    return screenshot_dir() / f"{safe}.png"


def _chromium_or_skip() -> str:
    if os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = (
        f"Chromium not found at {CHROMIUM}: browser tests need Debian's chromium. "
        "Enable them with `sudo apt-get install chromium` (or set CHROMIUM_PATH)."
    )
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{message} CI=true, so this is a failure, not a skip.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="package")
def chromium_browser():
    """One headless Chromium for the tests in this folder (each test gets its own context).

    Package scope, not session: Playwright's event loop stops with it, so tests
    collected after this folder run without a loop in their thread.
    """
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(request, chromium_browser, live_server):
    """A page in a fresh browser context, Japanese-speaking like the city's staff."""
    context = chromium_browser.new_context(
        base_url=live_server.url,
        locale="ja-JP",
        timezone_id="Asia/Tokyo",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    # A 5xx answer from our server fails the test even if the page looked fine
    # (an htmx fragment or an image, say); its traceback is in the captured log.
    server_errors: list[str] = []
    page.on(
        "response",
        lambda response: server_errors.append(f"{response.status} {response.request.method} {response.url}")
        if response.status >= 500 and response.url.startswith(live_server.url)
        else None,
    )
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            path = screenshot_path(f"FAILED-{request.node.name}")
            try:
                page.screenshot(path=str(path), full_page=True)
                print(f"\nScreenshot of the failure: {path}")
            except Exception as error:  # a broken page must not hide the test's own failure
                print(f"\nCould not save a screenshot of the failure: {error}")
        context.close()
    if server_errors:
        pytest.fail("the server answered with an error: " + "; ".join(server_errors), pytrace=False)


@pytest.fixture
def screenshot():
    """``screenshot(page, "dossier-haiphong")`` saves a full-page PNG and returns its path."""

    def save(page, name: str, *, full_page: bool = True) -> Path:
        path = screenshot_path(name)
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save


@pytest.fixture
def login():
    """``login(page, user)``: log in through the login form and wait for the next page."""

    def do_login(page, user, password: str = PASSWORD, next_url: str = "") -> None:
        page.goto(f"/login/?next={next_url}" if next_url else "/login/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(password)
        with page.expect_navigation():
            page.locator("form.form button[type=submit]").click()

    return do_login

