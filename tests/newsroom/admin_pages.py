"""Read an admin form back the way a browser would submit it, unchanged."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
                return
            self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name and "__prefix__" not in name:
            self.textarea = name
            self.data[name] = ""
        elif tag == "select" and name and "__prefix__" not in name:
            self.select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def form_data(response, form_id="article_form"):
    """The fields of the form ``form_id`` on an admin page, as the browser would
    post them (textareas lose the leading newline Django adds, as in a browser)."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return {
        key: value[1:] if value.startswith("\n") else value
        for key, value in reader.data.items()
    }
