"""Apps above portfolio add panels to the project page through portfolio.panels."""

import pytest

from tsunagu.portfolio import panels

pytestmark = pytest.mark.django_db


class EchoPanel(panels.ProjectPanel):
    key = "echo"
    title = "Echo panel"
    template = "portfolio/_test_echo_panel.html"

    def context(self, project, user):
        if user.username == "viewer":
            return None  # left out for this user
        return {"greeting": f"hello {project.title_ja}"}


@pytest.fixture
def echo_panel(settings, tmp_path):
    folder = tmp_path / "portfolio"
    folder.mkdir()
    (folder / "_test_echo_panel.html").write_text("<p>{{ greeting }} ({{ panel.key }}, {{ project.pk }})</p>")
    # Changing TEMPLATES resets Django's template engines (a test signal does it).
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    panels.register(EchoPanel())
    yield
    panels.unregister("echo")


def test_registered_panels_are_rendered_on_the_project_page(echo_panel, as_env_editor, env_project):
    page = as_env_editor.get(f"/projects/{env_project.pk}/").content.decode()
    assert 'id="panel-echo"' in page
    assert "Echo panel" in page
    assert f"hello 海防市環境協力 (echo, {env_project.pk})" in page


def test_a_panel_can_leave_itself_out(echo_panel, as_viewer, env_project):
    page = as_viewer.get(f"/projects/{env_project.pk}/").content.decode()
    assert 'id="panel-echo"' not in page
