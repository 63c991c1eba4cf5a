"""Letters of agreements: «Документ ждёт вашей подписи» to the heads (admins) of the parties when an agreement
is sent for signing, and «Соглашение истекает» 30 and 7 days before an active agreement ends (a reminder job the
letters worker runs; one letter per agreement, threshold and recipient, whatever the number of runs).

Only the parties' own people receive them (they read the agreement in full); a terminated agreement, a draft
or one on signing gets no reminder. There is no «renewed» state: a renewal is a new agreement, and the old one
is reminded of until it ends or is terminated.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from markupsafe import escape
from sqlalchemy import select

from tenants.models import Network
from workspace.accounts.models import StaffRole, User
from workspace.agreements.models import Agreement, AgreementParty, AgreementStatus
from workspace.core.dates import local_today
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.links import public_url
from workspace.core.words import addressed, plural
from workspace.extensions import db
from workspace.letters.kinds import NOW, register_letter_kind
from workspace.letters.outbox import language_of, letter_language, queue_letter
from workspace.letters.schedule import register_reminder_job

SIGNATURE = register_letter_kind("agreements.signature", _l("Договор ждёт подписи"), default=NOW)
EXPIRING = register_letter_kind("agreements.expiring", _l("Соглашение скоро истекает"), default=NOW)
THRESHOLDS = (30, 7)  # days before the end; each sends once


def party_people(agreement_id: int, roles: tuple[StaffRole, ...]) -> list[User]:
    """The enabled users of the parties' institutions who hold one of ``roles``."""
    parties = select(AgreementParty.institution_id).where(AgreementParty.agreement_id == agreement_id)
    return list(db.session.scalars(select(User).where(
        User.institution_id.in_(parties), User.role.in_(roles), User.is_enabled.is_(True)).order_by(User.id)))


def _link(agreement: Agreement, network_slug: str) -> str:
    return public_url("agreements.show_agreement", network=network_slug, agreement_id=agreement.id)


def _html(paragraphs: list[str], link: str, link_label: str) -> str:
    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    return f'{body}<p><a href="{escape(link)}">{escape(link_label)}</a></p>'


def _queue(kind: str, user: User, subject: str, paragraphs: list[str], link: str, link_label: str,
           dedupe_key: str | None = None):
    text = "\n\n".join([*paragraphs, f"{link_label}: {link}"])
    return queue_letter(kind, user=user, subject=subject, text=text, html=_html(paragraphs, link, link_label),
                        dedupe_key=dedupe_key)


def queue_signature_letters(agreement: Agreement, network_slug: str) -> None:
    """To the head (admin) of every party that has not accepted yet: the agreement awaits the signature."""
    link = _link(agreement, network_slug)
    for user in party_people(agreement.id, (StaffRole.ADMIN,)):
        with letter_language(user):
            subject = _("Документ ждёт вашей подписи: договор № %(number)s", number=agreement.number)
            greeting = _("Здравствуйте, %(name)s!", name=addressed(user.full_name))
            lead = _("Договор № %(number)s «%(title)s» отправлен на подписание. Прочитайте его и примите от имени "
                     "вашего учреждения на странице договора.", number=agreement.number, title=agreement.title)
            link_label = _("Открыть договор")
        _queue(SIGNATURE.key, user, subject, [greeting, lead], link, link_label)



def threshold_for(days_left: int) -> int | None:
    """30 for 8…30 days left, 7 for 1…7 (an agreement made with 5 days left gets only the 7-day letter)."""
    due = [threshold for threshold in THRESHOLDS if days_left <= threshold]
    return min(due) if due and days_left > 0 else None


def find_expiring(now: datetime) -> int:
    """The reminder job: active agreements ending within 30 (then 7) days; returns how many letters it queued."""
    today = local_today(now)
    rows = db.session.execute(
        select(Agreement, Network.slug).join(Network, Network.id == Agreement.network_id)
        .where(Agreement.status == AgreementStatus.ACTIVE, Agreement.ends_on > today,
               Agreement.ends_on <= today + timedelta(days=max(THRESHOLDS)))
        .order_by(Agreement.id)).all()
    queued = 0
    for agreement, slug in rows:
        days_left = (agreement.ends_on - today).days
        threshold = threshold_for(days_left)
        if threshold is None:
            continue
        for user in party_people(agreement.id, (StaffRole.ADMIN, StaffRole.COORDINATOR)):
            queued += _queue_expiring(agreement, slug, user, days_left, threshold) is not None
    return queued


def _queue_expiring(agreement: Agreement, slug: str, user: User, days_left: int, threshold: int):
    with letter_language(user):
        days = plural(days_left, "день" if language_of(user) == "ru" else "day")  # «1 day», not «1 days»
        subject = _("Соглашение истекает через %(days)s: договор № %(number)s", days=days, number=agreement.number)
        ends = agreement.ends_on.strftime("%d.%m.%Y")
        lead = _("Срок действия договора № %(number)s «%(title)s» заканчивается %(ends)s. Если сотрудничество "
                 "продолжается, подготовьте новый договор заранее.", number=agreement.number,
                 title=agreement.title, ends=ends)
        link_label = _("Открыть договор")
    return _queue(EXPIRING.key, user, subject, [lead], _link(agreement, slug), link_label,
                  dedupe_key=f"agreement-expiring:{agreement.id}:{threshold}:{user.id}")


register_reminder_job(EXPIRING.key, find_expiring)
