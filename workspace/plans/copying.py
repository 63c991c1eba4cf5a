"""A new year's plan made as a copy of an earlier one: shown first (what will be created, every moved date and
every timing that could not be moved by reading), then created whole in one transaction.

What is copied: the sections (title, partner, order), the items (number, title, audience, timing text,
responsible, report form, the interaction model's row and form it realises) and the institutions and colleagues
linked to them (those still in the network). What is not: statuses (every item
is planned again, the plan and its sections are drafts), reports, approvals. When the council approved the analysis of
the source plan's year (workspace/cycle), the copy starts from it: the partners it decided to end the cooperation with
are dropped — their sections, the items linked to them alone or realising their row of the interaction model (a
partner without an account has only that), and their links on the other items. Dates: the timing text is read
again in the new academic year (so «октябрь» is October of the new year); a timing that names a year of its
own («22.11.2019», «2019-2020 учебный год») or is not read keeps its old dates moved on by the difference of
the years, and is flagged for the user to look at.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from flask import g
from sqlalchemy import select

from tenants.models import Membership
from workspace.accounts.models import User
from workspace.core.dates import AcademicYear
from workspace.core.i18n import gettext as _
from workspace.core.words import plural
from workspace.cycle.models import AnalysisPartner, PartnerDecision
from workspace.extensions import db
from workspace.plans.forms import plan_years
from workspace.plans.models import ItemStatus, Plan, PlanItem, PlanItemInstitution, PlanItemPerson, PlanSection
from workspace.plans.periods import decode_periods, encode_periods
from workspace.reading.timing import read_timing


@dataclass
class CopiedItem:
    """One item of the source plan and the dates it gets in the new year; ``flag`` says what to check."""

    source: PlanItem
    starts_on: date | None
    ends_on: date | None
    timing_is_read: bool
    flag: str | None = None
    periods: str = ""   # each period when there are several (workspace/plans/periods.py)


@dataclass
class CopyPreview:
    source: Plan
    year: AcademicYear
    title: str
    sections: list[tuple[PlanSection, list[CopiedItem]]] = field(default_factory=list)
    analysis: object = None                                   # the approved analysis the copy starts from
    ended: dict[int, str] = field(default_factory=dict)       # member partners it ended the cooperation with: id → name
    ended_rows: set[int] = field(default_factory=set)         # rows of the interaction model it ended
    ended_names: list[str] = field(default_factory=list)      # every partner it ended, members or not
    dropped_sections: int = 0
    dropped_items: int = 0

    @property
    def items(self) -> int:
        return sum(len(items) for _section, items in self.sections)

    @property
    def flagged(self) -> int:
        return sum(1 for _section, items in self.sections for item in items if item.flag)


def copy_offer(plans: list[tuple[Plan, int, int]]) -> tuple[Plan, int] | None:
    """What «Скопировать план прошлого года» suggests: (the newest plan before the year, the year), the year being
    the one after the newest plan, or the newest free year after the oldest plan; None when nothing can be copied
    (no plan yet, or every later year has its plan)."""
    if not plans:
        return None
    taken = {plan.start_year for plan, _total, _held in plans}
    oldest = min(taken)
    newest = max(taken)
    candidates = [newest + 1] + [year for year in plan_years() if year > oldest]
    year = next((year for year in candidates if year not in taken and year in plan_years()), None)
    if year is None:
        return None
    return source_before(plans, year), year


def source_before(plans: list[tuple[Plan, int, int]], year: int) -> Plan | None:
    """The newest of ``plans`` before the academic year ``year``."""
    earlier = [plan for plan, _total, _held in plans if plan.start_year < year]
    return max(earlier, key=lambda plan: plan.start_year) if earlier else None


def shifted(day: date | None, years: int) -> date | None:
    """The same day ``years`` later; the last day of a month stays the last (28 February → 29 February)."""
    if day is None:
        return None
    target = day.year + years
    last = calendar.monthrange(day.year, day.month)[1]
    target_last = calendar.monthrange(target, day.month)[1]
    return day.replace(year=target, day=target_last if day.day == last else min(day.day, target_last))


def moved_dates(item: PlanItem, old: AcademicYear, new: AcademicYear) -> CopiedItem:
    """The item's dates in the new year: its timing read again there, or its old dates moved on."""
    years = new.start_year - old.start_year
    year_noun = _("год")
    moved = plural(years, year_noun)
    text = (item.timing or "").strip()
    if not text:
        flag = _("Сроки не указаны.")
        return CopiedItem(item, None, None, item.timing_is_read, flag)
    timing = read_timing(item.timing, new)
    if timing.is_read and timing.warning is None:
        return CopiedItem(item, timing.starts_on, timing.ends_on, True, periods=encode_periods(timing.dates))
    if item.starts_on is None:
        flag = _("Сроки не прочитаны — останутся текстом, даты укажите в плане.")
        return CopiedItem(item, None, None, False, flag)
    starts_on, ends_on = shifted(item.starts_on, years), shifted(item.ends_on, years)
    periods = encode_periods((shifted(start, years), shifted(end, years))
                             for start, end in decode_periods(item.periods, item.starts_on, item.ends_on))
    if timing.is_read:
        flag = _("В сроках указан год: даты сдвинуты на %(years)s, поправьте текст сроков.", years=moved)
    else:
        flag = _("Сроки не прочитаны: даты сдвинуты на %(years)s.", years=moved)
    return CopiedItem(item, starts_on, ends_on, item.timing_is_read, flag, periods)


YEAR_LABEL = r"(?<!\d){first}(\s*[/\-–—]\s*)(?:{second}|{second_short})(?!\d)"


def copied_title(source: Plan, year: AcademicYear) -> str:
    """The source's title with its years changed («… на 2025/2026 учебный год» → «… на 2026/2027 учебный год»);
    a title without the years stays as it was."""
    old = source.start_year
    pattern = re.compile(YEAR_LABEL.format(first=old, second=old + 1, second_short=f"{(old + 1) % 100:02d}"))
    title, found = pattern.subn(lambda match: f"{year.start_year}{match.group(1)}{year.start_year + 1}", source.title)
    return title if found else source.title


def _ended_partners(analysis) -> tuple[dict[int, str], set[int], list[str]]:
    """The partners an approved analysis decided to end the cooperation with: member institution id → name, the
    rows of the interaction model (a member's or a partner's without an account), and every name."""
    if analysis is None:
        return {}, set(), []
    rows = db.session.execute(
        select(AnalysisPartner.institution_id, AnalysisPartner.interaction_row_id, AnalysisPartner.name)
        .where(AnalysisPartner.analysis_id == analysis.id, AnalysisPartner.decision == PartnerDecision.END)
        .order_by(AnalysisPartner.position, AnalysisPartner.id)).all()
    return ({institution_id: name for institution_id, _row, name in rows if institution_id is not None},
            {row_id for _institution, row_id, _name in rows if row_id is not None}, [name for *_ids, name in rows])


def _only_ended(source: Plan, ended: set[int]) -> set[int]:
    """The items of ``source`` linked to ended partners alone (none of their linked institutions continues)."""
    if not ended:
        return set()
    links: dict[int, set[int]] = {}
    for item_id, institution_id in db.session.execute(
            select(PlanItemInstitution.item_id, PlanItemInstitution.institution_id)
            .join(PlanItem, PlanItem.id == PlanItemInstitution.item_id).where(PlanItem.plan_id == source.id)):
        links.setdefault(item_id, set()).add(institution_id)
    return {item_id for item_id, linked in links.items() if linked <= ended}


def copy_preview(source: Plan, year: AcademicYear, analysis=None) -> CopyPreview:
    """What the copy will be (two statements: the sections, the items; with an approved analysis two more: its
    ended partners, the items' links)."""
    old = AcademicYear(source.start_year)
    ended, ended_rows, ended_names = _ended_partners(analysis)
    sections = db.session.scalars(select(PlanSection).where(PlanSection.plan_id == source.id)
                                  .order_by(PlanSection.position, PlanSection.id)).all()
    kept = [section for section in sections if section.partner_institution_id not in ended]
    dropped_items = _only_ended(source, set(ended))
    items: dict[int, list[CopiedItem]] = {section.id: [] for section in kept}
    dropped = 0
    for item in db.session.scalars(select(PlanItem).where(PlanItem.plan_id == source.id)
                                   .order_by(PlanItem.position, PlanItem.id)):
        if item.section_id not in items or item.id in dropped_items or item.interaction_row_id in ended_rows:
            dropped += 1
            continue
        items[item.section_id].append(moved_dates(item, old, year))
    return CopyPreview(source, year, copied_title(source, year),
                       [(section, items[section.id]) for section in kept], analysis=analysis, ended=ended,
                       ended_rows=ended_rows, ended_names=ended_names, dropped_sections=len(sections) - len(kept),
                       dropped_items=dropped)


def create_copy(preview: CopyPreview) -> Plan:
    """Write the new plan whole (the request's transaction): a draft, every item planned, the links kept."""
    network_id = g.network.id
    plan = Plan(network_id=network_id, start_year=preview.year.start_year, title=preview.title)
    db.session.add(plan)
    db.session.flush()
    new_items: dict[int, PlanItem] = {}
    for section, items in preview.sections:
        copy = PlanSection(network_id=network_id, plan_id=plan.id, title=section.title, position=section.position,
                           partner_institution_id=section.partner_institution_id)
        db.session.add(copy)
        db.session.flush()
        for moved in items:
            item = moved.source
            new_items[item.id] = PlanItem(
                network_id=network_id, plan_id=plan.id, section_id=copy.id, position=item.position,
                number=item.number, title=item.title, audience=item.audience, grade_from=item.grade_from,
                grade_to=item.grade_to, timing=item.timing, starts_on=moved.starts_on, ends_on=moved.ends_on,
                periods=moved.periods,
                timing_is_read=moved.timing_is_read, responsible=item.responsible, report_form=item.report_form,
                interaction_row_id=item.interaction_row_id, interaction_form=item.interaction_form,
                status=ItemStatus.PLANNED)
    db.session.add_all(new_items.values())
    db.session.flush()
    source_id = preview.source.id
    for item_id, institution_id in db.session.execute(
            select(PlanItemInstitution.item_id, PlanItemInstitution.institution_id)
            .join(PlanItem, PlanItem.id == PlanItemInstitution.item_id)
            .join(Membership, (Membership.institution_id == PlanItemInstitution.institution_id)
                  & (Membership.network_id == network_id))
            .where(PlanItem.plan_id == source_id)):
        if item_id not in new_items or institution_id in preview.ended:
            continue
        db.session.add(PlanItemInstitution(network_id=network_id, item_id=new_items[item_id].id,
                                           institution_id=institution_id))
    for item_id, user_id in db.session.execute(
            select(PlanItemPerson.item_id, PlanItemPerson.user_id)
            .join(PlanItem, PlanItem.id == PlanItemPerson.item_id)
            .join(User, User.id == PlanItemPerson.user_id)
            .join(Membership, (Membership.institution_id == User.institution_id) & (Membership.network_id == network_id))
            .where(PlanItem.plan_id == source_id, User.is_enabled.is_(True))):
        if item_id not in new_items:
            continue
        db.session.add(PlanItemPerson(network_id=network_id, item_id=new_items[item_id].id, user_id=user_id))
    db.session.flush()
    return plan
