"""Global search hook of the programmes area.

Under /i/<school>/ the scope holds the institution (``g.institution``) and its networks (``g.network_ids``):
found are the programmes of those networks that are published or the institution's own, and the
institution's own pupils (the pupils table is the home school's alone; the scope guarantees it).
Every word of the query is found in any form (``matches_search_text`` on the stored ``search_text`` columns);
one statement."""
from __future__ import annotations

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, cast, literal_column, or_, select, union_all

from tenants.models import Institution, Network
from workspace.core.labels import label
from workspace.core.text import matches_search_text, search_forms
from workspace.extensions import db
from workspace.programmes.models import Direction, Programme
from workspace.pupils.models import Pupil
from workspace.search.registry import register_search_kind


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """Programmes first, then the institution's own pupils: one statement (a UNION ALL limited as a whole)."""
    institution = g.get("institution")
    if not search_forms(query) or institution is None or limit <= 0:
        return []
    programmes = (select(literal_column("0").label("part"), Programme.id, Programme.title.label("sort"),
                         Programme.title.label("first"), Institution.short_name.label("second"),
                         cast(Programme.direction, String).label("third"), Network.slug.label("fourth"))
                  .join(Network, Network.id == Programme.network_id)
                  .join(Institution, Institution.id == Programme.provider_institution_id)
                  .where(Programme.network_id.in_(g.get("network_ids") or []),
                         or_(Programme.is_published.is_(True), Programme.provider_institution_id == institution.id),
                         matches_search_text(Programme, query)))
    pupils = (select(literal_column("1"), Pupil.id, Pupil.search_text, Pupil.surname, Pupil.name,
                     Pupil.patronymic, Pupil.class_label)
              .where(Pupil.institution_id == institution.id, matches_search_text(Pupil, query)))
    both = union_all(programmes, pupils).subquery()
    results: list[tuple[str, str, str]] = []
    for row in db.session.execute(select(both).order_by(both.c.part, both.c.sort, both.c.id).limit(limit)):
        if row.part == 0:
            results.append((row.first, _("Сетевая программа · %(provider)s · %(direction)s", provider=row.second,
                                         direction=label(Direction(row.third))),
                            url_for("programmes.show_programme", network=row.fourth, programme_id=row.id)))
        else:
            results.append((f"{row.first} {row.second} {row.third}".strip(),
                            _("Обучающийся · %(class_label)s класс", class_label=row.fourth),
                            url_for("pupils.show_pupil", institution=institution.slug, pupil_id=row.id)))
    return results


register_search_kind("programmes", _l("Программы и обучающиеся"), search, position=80)
