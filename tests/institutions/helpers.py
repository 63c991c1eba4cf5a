"""A school with one user of every role, and small readers for the institution tests."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import select

from tenants.models import Institution
from tests.conftest import csrf_token_from
from tests.fixtures.factories import PASSWORD
from workspace.accounts.models import User
from workspace.extensions import db

ROLES = ("admin", "coordinator", "teacher", "staff")
LINK = re.compile(r"https?://\S+")


@dataclass
class School:
    institution: Institution
    users: dict = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.institution.slug

    def url(self, rest: str = "") -> str:
        return f"/i/{self.slug}/{rest}"


def build_school(make, slug: str = "sosh31") -> School:
    institution = make.institution("Школа № 31", slug=slug, full_name="МБОУ «Средняя школа № 31»",
                                   city="Томск", phone="+7 3822 00-00-31")
    school = School(institution)
    for role in ROLES:
        school.users[role] = make.user(institution, role, full_name=f"{role.capitalize()} Школы",
                                       email=f"{role}@{slug}.test")
    return school


def log_in(client, email: str, password: str = PASSWORD):
    page = client.get("/login")
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def token_from(client, url: str) -> str:
    return csrf_token_from(client.get(url).get_data(as_text=True))


def text(response) -> str:
    return response.get_data(as_text=True)


def link_path(mail: dict) -> str:
    links = LINK.findall(mail["body"])
    assert len(links) == 1, mail["body"]
    return urlsplit(links[0]).path


def institution_row(read, institution_id: int) -> Institution:
    with read():
        return db.session.scalar(select(Institution).where(Institution.id == institution_id))


def user_row(read, *, id: int | None = None, email: str | None = None) -> User | None:
    with read():
        condition = User.id == id if id is not None else User.email == email
        return db.session.scalar(select(User).where(condition))


def flashes(client, url: str) -> str:
    """The page the redirect leads to, where the flash message is shown."""
    return text(client.get(url))
