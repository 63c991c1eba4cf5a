"""The public list of a network's published agreements: no login, the page a school links from its site.

It shows only what the parties chose to publish (title, number, date, parties, term, status) and nothing
of an unpublished agreement; a draft is not listed even when marked for publication. The network comes from the URL under its own argument name
(``public_network``), so the members-only resolution does not apply; the request reads under a scope of
that one network (also the row-level-security context on PostgreSQL)."""
from __future__ import annotations

from flask import abort
from sqlalchemy import select

from tenants.entry import enter_public_network
from workspace.agreements import public_bp
from workspace.agreements.models import Agreement, AgreementStatus
from workspace.agreements.queries import parties_of
from workspace.core.dates import local_today
from workspace.core.rendering import render
from workspace.extensions import db

PUBLIC_LIMIT = 200


def published_agreements() -> list[Agreement]:
    return list(db.session.scalars(select(Agreement).where(Agreement.is_published.is_(True),
                                                           Agreement.status != AgreementStatus.DRAFT)
                                   .order_by(Agreement.signed_on.desc(), Agreement.id.desc()).limit(PUBLIC_LIMIT)))


@public_bp.get("/public/n/<public_network>/agreements")
def public_agreements(public_network: str):
    network = enter_public_network(public_network)
    if network is None:
        abort(404)
    agreements = published_agreements()
    parties = parties_of([agreement.id for agreement in agreements]) if agreements else {}
    return render("agreements/public.html", public=network, agreements=agreements, parties=parties,
                  today=local_today())
