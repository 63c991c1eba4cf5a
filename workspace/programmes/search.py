"""Global search hook of the programmes area (registered by the lead).

Under /i/<school>/ the scope holds the institution (``g.institution``) and its networks (``g.network_ids``):
found are the programmes of those networks that are published or the institution's own, and the
institution's own pupils (the pupils table is the home school's alone; the scope guarantees it).
Case-insensitive on SQLite and PostgreSQL through the lower-cased ``search_text`` columns."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select

from tenants.models import Institution, Network
from workspace.core.labels import label
from workspace.extensions import db
from workspace.programmes.models import Programme
from workspace.pupils.models import Pupil, search_text


def _words(query: str) -> list[str]:
    return search_text(query).split()[:5]


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    words = _words(query)
    institution = g.get("institution")
    if not words or institution is None or limit <= 0:
        return []
    results: list[tuple[str, str, str]] = []
    statement = (select(Programme.id, Programme.title, Programme.direction, Network.slug, Institution.short_name)
                 .join(Network, Network.id == Programme.network_id)
                 .join(Institution, Institution.id == Programme.provider_institution_id)
                 .where(or_(Programme.is_published.is_(True), Programme.provider_institution_id == institution.id))
                 .order_by(Programme.title).limit(limit))
    for word in words:
        statement = statement.where(Programme.search_text.contains(word, autoescape=True))
    for row in db.session.execute(statement):
        results.append((row.title, _("Сетевая программа · %(provider)s · %(direction)s", provider=row.short_name,
                                     direction=label(row.direction)),
                        url_for("programmes.show_programme", network=row.slug, programme_id=row.id)))
    left = limit - len(results)
    if left > 0:
        pupils = select(Pupil.id, Pupil.surname, Pupil.name, Pupil.patronymic, Pupil.class_label) \
            .where(Pupil.institution_id == institution.id).order_by(Pupil.surname, Pupil.name).limit(left)
        for word in words:
            pupils = pupils.where(Pupil.search_text.contains(word, autoescape=True))
        for row in db.session.execute(pupils):
            results.append((f"{row.surname} {row.name} {row.patronymic}".strip(),
                            _("Обучающийся · %(class_label)s класс", class_label=row.class_label),
                            url_for("pupils.show_pupil", institution=institution.slug, pupil_id=row.id)))
    return results
