"""Read an admin page's form as a browser would submit it, so tests can change a value and post it back."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self._select = None
        self._option = None
        self._textarea = None

    def _add(self, name, value):
        if name in self.data:
            current = self.data[name]
            self.data[name] = [*current, value] if isinstance(current, list) else [current, value]
        else:
            self.data[name] = value

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.inside = True
            return
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "chosen": []}
        elif tag == "option" and self._select is not None:
            self._option = attrs
            if "selected" in attrs:
                self._select["chosen"].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if self._select["multiple"]:
                if chosen:
                    self.data[self._select["name"]] = chosen
            else:
                self.data[self._select["name"]] = chosen[0] if chosen else ""
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            self.data[name] = value.removeprefix("\n")
            self._textarea = None


def form_data(response, form_id=None):
    """The fields of the page's form (the first one, or the one with this id) with their current values."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    return parser.data
