"""The demo network's interaction model: its member rows, a parents' row and a non-member agency's row, and plan
events that realise rows with one of their forms."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tenants.models import Network
from tenants.scoping import unscoped
from workspace.demo.loader import load_demo
from workspace.extensions import db
from workspace.networks.models import InteractionRow, PartnerKind
from workspace.plans.models import PlanItem


def test_the_demo_model_has_parents_an_agency_and_linked_events(app):
    with app.app_context():
        assert load_demo(today=date(2026, 12, 1)) is True
        with unscoped():
            network = db.session.scalar(select(Network).where(Network.slug == "sosh31-kultura"))
            rows = db.session.scalars(select(InteractionRow).where(InteractionRow.network_id == network.id)
                                      .order_by(InteractionRow.position)).all()
            kinds = [row.kind for row in rows]
            assert kinds.count(PartnerKind.MEMBER) == 7 and kinds[-2:] == [PartnerKind.PARENTS, PartnerKind.AGENCY]
            assert rows[-1].partner_name.startswith("ОГИБДД")
            linked = db.session.execute(select(PlanItem.interaction_row_id, PlanItem.interaction_form)
                                        .where(PlanItem.network_id == network.id,
                                               PlanItem.interaction_row_id.is_not(None))).all()
            forms = {row.id: row.form_list for row in rows}
            assert len(linked) >= 5 and all(form in forms[row_id] for row_id, form in linked)
            # the parents' and the traffic police's rows are realised too: the theatre visit the parents went to
            # (9 of them, workspace/demo/plans.py) and the road-safety lesson of the Day of Knowledge, both held
            realised = {row_id: (title, status.value) for row_id, title, status in db.session.execute(
                select(PlanItem.interaction_row_id, PlanItem.title, PlanItem.status)
                .where(PlanItem.network_id == network.id,
                       PlanItem.interaction_row_id.in_([rows[-2].id, rows[-1].id])))}
            assert realised == {rows[-2].id: ("Посещение спектакля «Гроза» с обсуждением", "held"),
                                rows[-1].id: ("Праздничные мероприятия, посвящённые Дню знаний", "held")}
