"""«Кто просматривал данные обучающихся» (/i/<school>/pupils/reads): the reads of the school's pupils by
other institutions, by pupil and period, paginated. The school's admin and coordinator only."""
from __future__ import annotations

from datetime import date

from flask import request
from flask_login import login_required

from tenants.permissions import MANAGERS, require_role
from workspace.core.pagination import paginate
from workspace.core.rendering import render
from workspace.pupils import bp
from workspace.pupils.queries import get_pupil_or_404
from workspace.pupils.reads import kind_label, reads_query

MAX_NAME = 100


def _day(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, "").strip()[:10])
    except ValueError:
        return None


@bp.get("/reads")
@login_required
def list_reads():
    require_role(*MANAGERS)
    pupil_id = request.args.get("pupil", type=int)
    pupil = get_pupil_or_404(pupil_id) if pupil_id else None
    first, last = _day("from"), _day("to")
    # a name typed, not a list of every pupil to choose from: a big school's 2 500 names weighed 200 KiB a page
    name = " ".join(request.args.get("q", "").split())[:MAX_NAME]
    page = paginate(reads_query(pupil.id if pupil else None, first, last, name), scalars=False)
    arguments = {key: value for key, value in (("pupil", pupil.id if pupil else None), ("q", name),
                                               ("from", first.isoformat() if first else None),
                                               ("to", last.isoformat() if last else None)) if value}
    return render("pupils/reads.html", partials={"read-rows": "pupils/_read_rows.html"}, page=page, pupil=pupil,
                  name=name, first=first, last=last, arguments=arguments, kind_label=kind_label)
