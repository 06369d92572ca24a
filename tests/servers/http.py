"""HTTP clients for the servers the tests start: an editor's browser on the admin
of one app server, and a reader."""

from urllib.parse import urlsplit

import requests

from tests.newsroom.admin_pages import form_data


def get(url, **headers):
    """A reader's GET: no cookies, redirects not followed."""
    return requests.get(url, headers=headers, allow_redirects=False, timeout=30)


class Desk:
    """An editor's browser on one app server. In production the load balancer ends
    TLS and says so (X-Forwarded-Proto), and the session and CSRF cookies are
    Secure; here the server listens on plain HTTP, so the browser sends the header
    itself and keeps its cookies whatever their Secure flag."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = {}
        self.origin = "https://" + urlsplit(base_url).netloc

    def request(self, method, path, **kwargs):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": self.origin,
            "Referer": self.origin + path,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        response = requests.request(
            method,
            self.base_url + path,
            headers=headers,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data, files=None):
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self.request("POST", path, data=data, files=files)

    def login(self, username, password):
        page = self.get("/admin/login/")
        data = form_data(page, "login-form")
        data.update(username=username, password=password)
        response = self.post("/admin/login/?next=/admin/", data)
        assert response.status_code == 302, response.text[-2000:]
        return self

    def change(self, path, form_id, changes, files=None):
        """Open the admin form at ``path``, change some fields, save it."""
        data = form_data(self.get(path), form_id)
        data.update(changes)
        response = self.post(path, data, files=files)
        assert response.status_code == 302, _errors(response)
        return response

    def action(self, changelist, name, pks):
        response = self.post(
            changelist, {"action": name, "_selected_action": [str(pk) for pk in pks]}
        )
        assert response.status_code == 302, _errors(response)
        return response


def _errors(response):
    text = response.text
    start = text.find("errornote")
    return text[start - 200 : start + 3000] if start >= 0 else text[-2000:]
