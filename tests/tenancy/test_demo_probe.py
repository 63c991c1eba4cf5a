"""A probe of the demo as a stranger would run it: log in as every demo person, follow every link and
htmx source the pages offer (GET only), open every file, and look for every pupil's name.

A pupil may be read by the users of its home school and of the providers whose programmes it was sent to
(DESIGN.md «Who sees what»); anybody else — another school, a museum, a parent on the council, the
operator — must never meet the name, on a page, in a fragment or in a file. The canary walk
(test_content_walk.py) proves the rules on a planted world; this proves them on the demo's real data.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections import deque
from urllib.parse import urljoin, urlsplit

from sqlalchemy import select

from tenants.models import Institution
from tenants.scoping import unscoped
from tests.conftest import login
from workspace.accounts.models import User
from workspace.demo.data import DEMO_PASSWORD, PEOPLE
from workspace.demo.loader import load_demo
from workspace.extensions import db
from workspace.programmes.models import Enrollment, Programme
from workspace.pupils.models import Pupil

LINK = re.compile(r'(?:href|hx-get|action)="([^"#]+)"')
SKIPPED = ("/static/", "/logout", "/language", "/password", "/account/", "/public/")
PAGES_PER_PERSON = 400
SHAPES_PER_PATTERN = 4  # /n/x/plans/7 and /n/x/plans/8 are one shape: a few of each are enough


def _text(response) -> str:
    data = response.get_data()
    if data[:2] == b"PK":  # .xlsx, .docx: the text of every XML part
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                            if name.endswith(".xml"))
    return data.decode("utf-8", "replace")


def _readers(app) -> dict[str, set[int]]:
    """Pupil's «Фамилия Имя» → the institutions whose users may read it."""
    with app.app_context(), unscoped():
        readers: dict[str, set[int]] = {}
        for surname, name, home in db.session.execute(select(Pupil.surname, Pupil.name, Pupil.institution_id)):
            readers.setdefault(f"{surname} {name}", set()).add(home)
        for pupil_name, provider in db.session.execute(
                select(Enrollment.pupil_name, Programme.provider_institution_id)
                .join(Programme, Programme.id == Enrollment.programme_id)):
            readers.setdefault(" ".join(pupil_name.split()[:2]), set()).add(provider)
        return readers


def _shape(url: str) -> str:
    return re.sub(r"\d+", "N", url)


def _crawl(client, start: str):
    seen, queue, shapes = {start}, deque([start]), {}
    while queue and len(seen) <= PAGES_PER_PERSON:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in (301, 302, 303):
            target = urljoin(url, response.headers["Location"])
            if urlsplit(target).netloc in ("", "localhost") and target not in seen:
                seen.add(target)
                queue.append(urlsplit(target)._replace(scheme="", netloc="").geturl())
            continue
        if response.status_code != 200:
            continue
        text = _text(response)
        yield url, text
        if response.mimetype != "text/html":
            continue
        for link in LINK.findall(text):
            link = urljoin(url, link.replace("&amp;", "&"))
            if link.startswith("/") and not link.startswith(SKIPPED) and link not in seen:
                seen.add(link)
                shape = _shape(link)
                shapes[shape] = shapes.get(shape, 0) + 1
                if shapes[shape] <= SHAPES_PER_PATTERN:
                    queue.append(link)


def test_no_pupil_name_reaches_a_person_who_may_not_read_it(app):
    with app.app_context():
        load_demo()
        db.session.commit()
    readers = _readers(app)
    with app.app_context(), unscoped():
        homes = dict(db.session.execute(select(User.email, User.institution_id)).all())
        slugs = dict(db.session.execute(select(Institution.id, Institution.slug)).all())
    found, pages = [], 0
    for _slug, email, _name, _position, _role in PEOPLE:
        client = app.test_client()
        login(client, email, DEMO_PASSWORD)
        institution = homes.get(email)
        start = f"/i/{slugs[institution]}/" if institution else "/"
        for url, text in _crawl(client, start):
            pages += 1
            for name, allowed in readers.items():
                if institution not in allowed and name in text:
                    found.append(f"{email} read «{name}» at {url}")
    for line in found:
        print(line)
    print(f"demo probe: {len(PEOPLE)} people, {pages} pages and files, {len(readers)} pupils, {len(found)} leaks")
    assert pages > 100
    assert found == []
