"""Small helpers for the account tests: log in like a browser, read links out of mail, cookies."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.conftest import csrf_token_from
from tests.fixtures.factories import PASSWORD

LINK = re.compile(r"https?://\S+")


def log_in(client, email: str, password: str = PASSWORD, *, remember: bool = False, next: str | None = None):
    """POST the login form (token taken from the page); the response is returned, not checked."""
    url = "/login" if next is None else f"/login?next={next}"
    page = client.get(url)
    data = {"email": email, "password": password, "csrf_token": csrf_token_from(page.get_data(as_text=True))}
    if remember:
        data["remember"] = "y"
    return client.post(url, data=data)


def link_path(mail: dict) -> str:
    """The path of the one link in a sent mail (invitation or password reset)."""
    links = LINK.findall(mail["body"])
    assert len(links) == 1, mail["body"]
    return urlsplit(links[0]).path


def cookie_value(client, name: str) -> str | None:
    cookie = client.get_cookie(name)
    return cookie.value if cookie is not None else None


def text(response) -> str:
    return response.get_data(as_text=True)
