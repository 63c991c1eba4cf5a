"""Readers and small helpers for the operator console tests."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy import func, select

from tenants.models import Institution, Membership, Network
from tests.conftest import csrf_token_from
from tests.fixtures.factories import PASSWORD
from workspace.accounts.models import User
from workspace.extensions import db

LINK = re.compile(r"https?://\S+")


def log_in(client, email: str, password: str = PASSWORD):
    page = client.get("/login")
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def text(response) -> str:
    return response.get_data(as_text=True)


def token_from(client, url: str = "/login") -> str:
    return csrf_token_from(client.get(url).get_data(as_text=True))


def link_path(mail: dict) -> str:
    links = LINK.findall(mail["body"])
    assert len(links) == 1, mail["body"]
    return urlsplit(links[0]).path


def count(read, model, *conditions) -> int:
    with read():
        return db.session.scalar(select(func.count()).select_from(model).where(*conditions))


def institution_by_slug(read, slug: str) -> Institution | None:
    with read():
        return db.session.scalar(select(Institution).where(Institution.slug == slug))


def network_by_slug(read, slug: str) -> Network | None:
    with read():
        return db.session.scalar(select(Network).where(Network.slug == slug))


def memberships(read, network_id: int) -> dict[int, str]:
    """institution id → member role value."""
    with read():
        return {m.institution_id: m.role.value for m in db.session.scalars(
            select(Membership).where(Membership.network_id == network_id))}


def user_by_email(read, email: str) -> User | None:
    with read():
        return db.session.scalar(select(User).where(User.email == email))


HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def hidden_fields(html: str, form_index: int = -1) -> dict[str, str]:
    """The hidden inputs (CSRF token, version) of one form of the page — by default the last one,
    the page's own form, after the header's language and log-out forms."""
    forms = html.split("<form")[1:]
    chosen = forms[form_index].split("</form>")[0]
    fields = {}
    for tag in HIDDEN.findall(chosen):
        attributes = dict(ATTRIBUTE.findall(tag))
        if "name" in attributes:
            fields[attributes["name"]] = attributes.get("value", "")
    return fields


def submit(client, url: str, data: dict):
    """Open the page, keep its form's hidden fields (as a browser does) and post the data."""
    fields = hidden_fields(text(client.get(url)))
    return client.post(url, data={**fields, **data})
