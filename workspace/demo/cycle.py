"""The demo's yearly analysis: the main network's («Культурно-образовательная среда школы №31») analysis of the
previous academic year (its plan is loaded by demo/monitoring.py with its reports), a conclusion and a decision per
partner — the library continues, the drama theatre changes the form, the theatre that held nothing ends — and the
overall conclusion; approved by the council at its August meeting (№ 1 of the year), like the passport."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tenants.models import Institution, Membership, Network
from workspace.core.dates import AcademicYear
from workspace.cycle.approval import analysis_title
from workspace.cycle.models import AnalysisPartner, AnalysisStatus, PartnerDecision, YearlyAnalysis
from workspace.demo.approvals import approve_at_first_meeting
from workspace.extensions import db
from workspace.networks.models import PARTNER_KIND_LABELS, InteractionRow

NETWORK = "sosh31-kultura"
# partner slug → (decision, conclusion); a member not named continues with a short conclusion
DECISIONS = {
    "mibs": (PartnerDecision.CONTINUE,
             "Оба мероприятия проведены, охват — три параллели. Библиотека остаётся основным партнёром: в новом году "
             "добавить конкурс чтецов и литературную гостиную для 7–8 классов."),
    "dramteatr": (PartnerDecision.CHANGE_FORM,
                  "Спектакль с обсуждением прошёл успешно, театральная гостиная отменена из-за гастролей театра. "
                  "Вместо гостиной в театре — выездные театральные уроки в школе."),
    "teatr-metallurgov": (PartnerDecision.END,
                          "За год не проведено ни одного совместного мероприятия: семейные спектакли театра остаются "
                          "в афише для родителей, но из сетевого плана исключаются."),
}
DEFAULT = (PartnerDecision.CONTINUE, "Мероприятия с партнёром в плане года не стояли; сотрудничество сохраняется, "
                                     "совместные мероприятия включить в план следующего года.")
DEFAULT_ROW = (PartnerDecision.CONTINUE, "Партнёр без учётной записи в системе: совместные мероприятия сохраняются, "
                                         "в плане следующего года указать их форму и ответственных.")
CONCLUSION = ("План сетевого взаимодействия выполнен на три четверти: из четырёх мероприятий проведено три, в них "
              "приняли участие обучающиеся 2, 3, 5 и 8 классов. Наибольший вклад — МБУ «МИБС». На следующий учебный "
              "год: сохранить библиотечные уроки, перевести театральные встречи в формат выездных уроков, включить "
              "в план музеи-партнёры, не участвовавшие в мероприятиях этого года.")


def load_analysis(today: date) -> None:
    """Call inside ``unscoped()`` at the end of ``load_demo`` (last year's plan and the council's meetings are there)."""
    network = db.session.scalar(select(Network).where(Network.slug == NETWORK))
    year = AcademicYear(AcademicYear.containing(today).start_year - 1)
    analysis = YearlyAnalysis(network_id=network.id, start_year=year.start_year, conclusion=CONCLUSION,
                              status=AnalysisStatus.APPROVED)
    db.session.add(analysis)
    db.session.flush()
    for position, (institution_id, row_id, name, slug) in enumerate(_partners(network), start=1):
        decision, conclusion = DECISIONS.get(slug, DEFAULT if institution_id is not None else DEFAULT_ROW)
        db.session.add(AnalysisPartner(network_id=network.id, analysis_id=analysis.id, institution_id=institution_id,
                                       interaction_row_id=row_id, name=name, position=position,
                                       conclusion=conclusion, decision=decision))
    db.session.flush()
    _approve(network, analysis)


def _partners(network: Network) -> list[tuple[int | None, int | None, str, str]]:
    """(institution id, row id, name, slug) of the analysis's lines, as workspace/cycle/views.py sync_lines makes
    them: the interaction model's rows in order (a member's, or a partner's without an account), then the partner
    members without a row."""
    members = {row.id: row for row in db.session.execute(
        select(Institution.id, Institution.slug, Institution.short_name)
        .join(Membership, Membership.institution_id == Institution.id)
        .where(Membership.network_id == network.id, Institution.id != network.base_institution_id))}
    partners, covered = [], set()
    for row in db.session.scalars(select(InteractionRow).where(InteractionRow.network_id == network.id)
                                  .order_by(InteractionRow.position, InteractionRow.id)):
        if row.institution_id is None:
            partners.append((None, row.id, row.partner_name or str(PARTNER_KIND_LABELS[row.kind]), ""))
        elif row.institution_id in members and row.institution_id not in covered:
            member = members[row.institution_id]
            partners.append((member.id, row.id, member.short_name, member.slug))
            covered.add(member.id)
    others = sorted((member for key, member in members.items() if key not in covered),
                    key=lambda member: (member.short_name, member.id))
    return partners + [(member.id, None, member.short_name, member.slug) for member in others]


def _approve(network: Network, analysis: YearlyAnalysis) -> None:
    """The council's first meeting of the year approves the analysis (no meeting held before the load day: it waits
    as a draft)."""
    if not approve_at_first_meeting(
            network, "analysis", analysis.id, analysis_title(analysis), days_before=6,
            comment="Итоги учебного года по каждому партнёру и решения на следующий год.",
            discussion="Заместитель директора по ВР представила аналитическую справку; решения по партнёрам обсуждены, "
                       "замечаний нет."):
        analysis.status = AnalysisStatus.DRAFT
