"""Read the forms of a page and submit them the way a browser does.

``forms_of(html)`` parses every ``<form>`` of a page into an ``HtmlForm``; its
``data()`` is exactly what a browser would send when the first submit button is
pressed without touching anything: text inputs and hidden inputs with their
values, textareas with their text, checked checkboxes and radio buttons (``on``
when they have no value), each select's selected options (a single select
without a selected option sends its first option), the pressed button's name;
disabled controls and file inputs left empty send nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_NOT_SENT = {"submit", "button", "reset", "image", "file"}


@dataclass
class Control:
    tag: str  # input, select, textarea, button
    name: str
    type: str = ""
    value: str = ""
    checked: bool = False
    disabled: bool = False
    required: bool = False
    multiple: bool = False
    options: list[tuple[str, bool, bool]] = field(default_factory=list)  # (value, selected, disabled)


@dataclass
class HtmlForm:
    method: str
    action: str
    enctype: str
    attrs: dict[str, str]
    controls: list[Control] = field(default_factory=list)

    def names(self) -> list[str]:
        return [c.name for c in self.controls if c.name and c.tag != "button" and c.type not in _NOT_SENT]

    def data(self) -> dict[str, list[str]]:
        """What the browser sends for this form as it stands (first submit button pressed)."""
        data: dict[str, list[str]] = {}

        def add(name, value):
            data.setdefault(name, []).append(value)

        pressed = False
        for control in self.controls:
            if control.disabled or not control.name and control.tag != "button":
                continue
            if control.tag == "button" or control.type in ("submit", "image"):
                if control.type in ("submit", "") and not pressed:
                    pressed = True
                    if control.name:
                        add(control.name, control.value)
                continue
            if control.tag == "select":
                chosen = [value for value, selected, disabled in control.options if selected and not disabled]
                if not chosen and not control.multiple:
                    usable = [value for value, _selected, disabled in control.options if not disabled]
                    chosen = usable[:1]
                for value in chosen:
                    add(control.name, value)
                continue
            if control.tag == "textarea":
                add(control.name, control.value)
                continue
            if control.type in ("checkbox", "radio"):
                if control.checked:
                    add(control.name, control.value or "on")
                continue
            if control.type in _NOT_SENT:
                continue
            add(control.name, control.value)
        return data

    def empty_required(self, data: dict[str, list[str]]) -> list[str]:
        """Names of the required controls that ``data`` leaves empty."""
        missing = []
        for control in self.controls:
            if not control.required or control.disabled or not control.name:
                continue
            if not any(value.strip() if isinstance(value, str) else value for value in data.get(control.name, [])) and control.name not in missing:
                missing.append(control.name)
        return missing


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: Control | None = None
        self._option: dict | None = None
        self._textarea: Control | None = None
        self._noscript = 0

    def handle_starttag(self, tag, attrs):
        a = {key: (value if value is not None else "") for key, value in attrs}
        if tag == "noscript":  # a browser with JavaScript, as the pages expect, shows none of it
            self._noscript += 1
            return
        if self._noscript:
            return
        if tag == "form":
            self._form = HtmlForm(
                method=a.get("method", "get").lower(), action=a.get("action", ""),
                enctype=a.get("enctype", "application/x-www-form-urlencoded"), attrs=a,
            )
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        common = {"name": a.get("name", ""), "disabled": "disabled" in a, "required": "required" in a}
        if tag == "input":
            kind = a.get("type", "text").lower()
            self._form.controls.append(
                Control("input", type=kind, value=a.get("value", ""), checked="checked" in a, **common)
            )
        elif tag == "button":
            self._form.controls.append(Control("button", type=a.get("type", "submit").lower(), value=a.get("value", ""), **common))
        elif tag == "select":
            self._select = Control("select", multiple="multiple" in a, **common)
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._close_option()
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a, "disabled": "disabled" in a}
        elif tag == "textarea":
            self._textarea = Control("textarea", **common)
            self._form.controls.append(self._textarea)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._option is not None:
            self._option["text"] += data

    def _close_option(self):
        if self._option is not None and self._select is not None:
            option = self._option
            value = option["value"] if option["value"] is not None else " ".join(option["text"].split())
            self._select.options.append((value, option["selected"], option["disabled"]))
        self._option = None

    def handle_endtag(self, tag):
        if tag == "noscript":
            self._noscript = max(0, self._noscript - 1)
            return
        if tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Like a browser: one newline right after <textarea> is not part of the value.
            if self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms_of(html: str) -> list[HtmlForm]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms
