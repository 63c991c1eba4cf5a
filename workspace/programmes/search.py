"""Global search kind of the programmes area (one part of the search statement, see
``workspace.search.registry``).

Under /i/<school>/ the scope holds the institution (``g.institution``) and its networks (``g.network_ids``):
found are the programmes of those networks that are published or the institution's own, and the
institution's own pupils (the pupils table is the home school's alone; the scope guarantees it).
Every word of the query is found in any form (on the stored ``search_text`` columns)."""
from __future__ import annotations

from flask import g
from sqlalchemy import Integer, String, cast, literal_column, or_, select, union_all

from tenants.models import Institution, Network
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.labels import label
from workspace.core.templating import id_url
from workspace.core.text import SearchShape
from workspace.programmes.models import Direction, Programme
from workspace.pupils.models import Pupil
from workspace.search.registry import Part, institution_id, network_ids, register_search_kind, relevance, search_kind


def programmes_statement(shape: SearchShape) -> Part:
    """Programmes and the institution's own pupils, best first (their relevance), then programmes before pupils:
    a UNION ALL limited as a whole."""
    programmes = (select(literal_column("0", Integer).label("part"), Programme.id, Programme.title.label("sort"),
                         Programme.title.label("first"), Institution.short_name.label("second"),
                         cast(Programme.direction, String).label("third"), Network.slug.label("fourth"),
                         relevance(shape, Programme.search_text, Programme.title).label("relevance"))
                  .join(Network, Network.id == Programme.network_id)
                  .join(Institution, Institution.id == Programme.provider_institution_id)
                  .where(Programme.network_id.in_(network_ids),
                         or_(Programme.is_published.is_(True), Programme.provider_institution_id == institution_id),
                         shape.matches(Programme.search_text)))
    pupils = (select(literal_column("1", Integer), Pupil.id, Pupil.search_text, Pupil.surname, Pupil.name,
                     Pupil.patronymic, Pupil.class_label, relevance(shape, Pupil.search_text, Pupil.surname))
              .where(Pupil.institution_id == institution_id, shape.matches(Pupil.search_text)))
    both = union_all(programmes, pupils).subquery()
    return Part(select(both), (both.c.part, both.c.sort, both.c.id), relevance=both.c.relevance)


def present_programmes(rows, _query: str, _limit: int) -> list[tuple[str, str, str]]:
    results: list[tuple[str, str, str]] = []
    for row in rows:
        if row.part == 0:
            results.append((row.first, _("Сетевая программа · %(provider)s · %(direction)s", provider=row.second,
                                         direction=label(Direction(row.third))),
                            id_url("programmes.show_programme", "programme_id", row.id, network=row.fourth)))
        else:
            results.append((f"{row.first} {row.second} {row.third}".strip(),
                            _("Обучающийся · %(class_label)s класс", class_label=row.fourth),
                            id_url("pupils.show_pupil", "pupil_id", row.id, institution=g.institution.slug)))
    return results


def search(query: str, limit: int) -> list[tuple[str, str, str]]:
    """(title, subtitle, url) of the programmes and pupils found, best first: at most ``limit``."""
    return search_kind("programmes", query, limit)


register_search_kind("programmes", _l("Программы и обучающиеся"), programmes_statement, present_programmes,
                     position=80)
