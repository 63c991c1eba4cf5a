"""Letters of the plan: «Отчёт о мероприятии ожидается», a reminder job the letters worker runs.

An item still «planned» whose last day has passed and that has no report is due the day after it ended and
overdue 7 days after. The letter goes to the colleagues the item names as responsible (PlanItemPerson) or, when
it names none, to the coordinators of the section's partner institution (the network's base institution for a
section without one): the people who file its report. One letter per person and run lists several items (at
most ``MAX_ITEMS``; the rest come in the next run), and each item is mentioned once per stage: the letters'
dedupe keys carry the item ids with their stage, and what was already mailed is read back from them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import get_locale
from markupsafe import escape
from sqlalchemy import func, select

from tenants.models import Network
from workspace.accounts.models import StaffRole, User
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.links import public_url
from workspace.core.words import addressed, plural
from workspace.extensions import db
from workspace.letters.kinds import NOW, register_letter_kind
from workspace.letters.models import Letter
from workspace.letters.outbox import letter_language, queue_letter
from workspace.letters.schedule import register_reminder_job
from workspace.plans.models import ItemStatus, PlanItem, PlanItemPerson, PlanSection
from workspace.plans.report_models import EventReport

REPORT_DUE = register_letter_kind("plans.report_due", _l("Отчёт о мероприятии ожидается"), default=NOW)
DUE, OVERDUE = "due", "overdue"
OVERDUE_AFTER = 7  # days after the end
LOOK_BACK = 120    # days: older unreported items are left to the plan's own lists
MAX_ITEMS = 10     # per letter (and per person and run)


@dataclass
class DueItem:
    item: PlanItem
    slug: str
    stage: str
    ended: date



def _due_items(today: date) -> list[DueItem]:
    last_day = func.coalesce(PlanItem.ends_on, PlanItem.starts_on)
    reported = select(EventReport.id).where(EventReport.item_id == PlanItem.id).exists()
    rows = db.session.execute(
        select(PlanItem, Network.slug).join(Network, Network.id == PlanItem.network_id)
        .where(PlanItem.status == ItemStatus.PLANNED, last_day < today,
               last_day >= today - timedelta(days=LOOK_BACK), ~reported)
        .order_by(last_day, PlanItem.id)).all()
    result = []
    for item, slug in rows:
        ended = item.ends_on or item.starts_on
        stage = OVERDUE if (today - ended).days >= OVERDUE_AFTER else DUE
        result.append(DueItem(item, slug, stage, ended))
    return result


def _recipients(items: list[DueItem]) -> dict[int, list[DueItem]]:
    """user id → the items whose report the user is asked for."""
    item_ids = [due.item.id for due in items]
    named: dict[int, set[int]] = defaultdict(set)
    for item_id, user_id in db.session.execute(select(PlanItemPerson.item_id, PlanItemPerson.user_id)
                                               .where(PlanItemPerson.item_id.in_(item_ids))):
        named[item_id].add(user_id)
    sections = {section.id: section for section in db.session.scalars(
        select(PlanSection).where(PlanSection.id.in_({due.item.section_id for due in items})))}
    bases = dict(db.session.execute(select(Network.id, Network.base_institution_id)).all())
    institutions = {sections[due.item.section_id].partner_institution_id or bases.get(due.item.network_id)
                    for due in items if not named[due.item.id]}
    coordinators: dict[int, set[int]] = defaultdict(set)
    for user_id, institution_id in db.session.execute(select(User.id, User.institution_id).where(
            User.institution_id.in_(institutions), User.role == StaffRole.COORDINATOR, User.is_enabled.is_(True))):
        coordinators[institution_id].add(user_id)
    by_user: dict[int, list[DueItem]] = defaultdict(list)
    for due in items:
        people = named[due.item.id] or coordinators[sections[due.item.section_id].partner_institution_id
                                                    or bases.get(due.item.network_id)]
        for user_id in people:
            by_user[user_id].append(due)
    return by_user


def _already_mailed(user_id: int) -> set[tuple[int, str]]:
    """(item id, stage) pairs this user was already mailed, read from the dedupe keys «report-due:<user>:12d,15o»
    (item 12 when due, 15 when overdue)."""
    stages = {stage[0]: stage for stage in (DUE, OVERDUE)}
    mailed = set()
    prefix = f"report-due:{user_id}:"
    for key in db.session.scalars(select(Letter.dedupe_key).where(Letter.dedupe_key.like(f"{prefix}%"))):
        marks = key[len(prefix):]
        mailed |= {(int(mark[:-1]), stages[mark[-1]]) for mark in marks.split(",") if mark}
    return mailed


def find_missing_reports(now: datetime) -> int:
    """The reminder job; returns how many letters it queued."""
    today = local_today(now)
    items = _due_items(today)
    if not items:
        return 0
    queued = 0
    by_user = _recipients(items)
    users = {user.id: user for user in db.session.scalars(select(User).where(
        User.id.in_(by_user), User.is_enabled.is_(True)))}
    for user_id, due_items in by_user.items():
        if user_id not in users:
            continue
        mailed = _already_mailed(user_id)
        fresh = [due for due in due_items if (due.item.id, due.stage) not in mailed][:MAX_ITEMS]
        if fresh:
            queued += _queue_letter(users[user_id], fresh, today) is not None
    return queued


def _line(due: DueItem, today: date) -> tuple[str, str]:
    days = (today - due.ended).days
    # «21 день назад», «1 day ago»: no verb to agree («прошло 21 день» was printed), the noun by pymorphy3
    ago = plural(days, "день" if str(get_locale()) == "ru" else "day")
    when = _("закончилось %(date)s", date=due.ended.strftime("%d.%m.%Y"))
    late = _("%(days)s назад, отчёт просрочен", days=ago) if due.stage == OVERDUE else _("отчёт ожидается")
    link = public_url("plans.edit_report", network=due.slug, plan_id=due.item.plan_id, item_id=due.item.id)
    return f"{due.item.title} ({when}; {late})", link


def _queue_letter(user: User, items: list[DueItem], today: date):
    with letter_language(user):
        subject = _("Отчёт о мероприятии ожидается") if len(items) == 1 else _("Отчёты о мероприятиях ожидаются")
        greeting = _("Здравствуйте, %(name)s!", name=addressed(user.full_name))
        lead = _("Эти мероприятия прошли, а отчёта о них ещё нет. Заполните отчёт: сколько было участников, "
                 "как прошло, фотографии.")
        lines = [_line(due, today) for due in items]
    text = "\n\n".join([greeting, lead, *(f"• {label}\n  {link}" for label, link in lines)])
    entries = "".join(f'<li><a href="{escape(link)}">{escape(label)}</a></li>' for label, link in lines)
    html = f"<p>{escape(greeting)}</p><p>{escape(lead)}</p><ul>{entries}</ul>"
    marks = ",".join(f"{due.item.id}{due.stage[0]}" for due in items)  # «12d,15o»: item 12 due, 15 overdue
    return queue_letter(REPORT_DUE.key, user=user, subject=subject, text=text, html=html,
                        dedupe_key=f"report-due:{user.id}:{marks}")


register_reminder_job(REPORT_DUE.key, find_missing_reports)
