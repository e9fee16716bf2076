"""Read a form from a page as a browser would submit it: "GET the page, submit what it shows".

``form_values(html, action=…)`` returns what the form would send untouched (text inputs with
their value, checked boxes, the selected option of each select — the first one when none is
selected —, textareas); a test changes what a person would type, then posts the result.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, wanted):
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.select: str | None = None
        self.select_first: str | None = None
        self.select_chosen = False
        self.option_value: str | None = None
        self.option_text = ""
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"attrs": attrs, "values": [], "options": {}}
            return
        if self.current is None:
            return
        values = self.current["values"]
        if tag == "input" and attrs.get("name") and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            values.append((attrs["name"], attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and attrs.get("name"):
            self.select, self.select_first, self.select_chosen = attrs["name"], None, False
            self.current["options"][attrs["name"]] = []
        elif tag == "option" and self.select:
            self.option_value = attrs.get("value")
            self.option_text = ""
            if self.option_value is not None:
                self._option(self.option_value, "selected" in attrs)
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = attrs["name"]
            values.append((self.textarea, ""))

    def _option(self, value, selected):
        self.current["options"][self.select].append(value)
        if self.select_first is None:
            self.select_first = value
        if selected and not self.select_chosen:
            self.current["values"].append((self.select, value))
            self.select_chosen = True

    def handle_data(self, data):
        if self.textarea and self.current is not None:
            name, text = self.current["values"][-1]
            self.current["values"][-1] = (name, text + data)
        if self.select and self.option_value is None:
            self.option_text += data

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag == "option" and self.select and self.option_value is None:
            self._option(self.option_text.strip(), False)
        if tag == "option":
            self.option_value = None
        elif tag == "select" and self.select:
            if not self.select_chosen and self.select_first is not None:
                self.current["values"].append((self.select, self.select_first))
            self.select = None
        elif tag == "textarea":
            if self.textarea:
                name, text = self.current["values"][-1]
                self.current["values"][-1] = (name, text.removeprefix("\n"))
            self.textarea = None
        elif tag == "form":
            self.forms.append(self.current)
            self.current = None


def read_forms(html: str) -> list[dict]:
    reader = _FormReader(None)
    reader.feed(html)
    return reader.forms


def _pick(html: str, action: str | None, testid: str | None) -> dict:
    forms = read_forms(html)
    chosen = [
        f for f in forms
        if (action is None or f["attrs"].get("action", "") in (action, ""))
        and (testid is None or f["attrs"].get("data-testid") == testid)
        and (testid is not None or f["attrs"].get("method", "get").lower() == "post")
    ]
    if action is not None:
        exact = [f for f in chosen if f["attrs"].get("action") == action]
        chosen = exact or chosen
    assert chosen, f"no form (action={action!r}, data-testid={testid!r}) on the page"
    return chosen[0]


def form_values(html: str, *, action: str | None = None, testid: str | None = None) -> dict:
    """The values the form would send, as a dict (a name sent twice keeps a list)."""
    data: dict = {}
    for name, value in _pick(html, action, testid)["values"]:
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value
    return data


def select_options(html: str, name: str, *, action: str | None = None, testid: str | None = None) -> list[str]:
    """The option values of the select ``name`` in the chosen form."""
    return _pick(html, action, testid)["options"].get(name, [])
