"""Generated agreements: a few per network between its base and its partners, in every status, with each
party's obligations (the statuses spread so that lists, filters and desk reminders have work to do)."""
from __future__ import annotations

from datetime import timedelta

from workspace.accounts.models import StaffRole
from workspace.agreements.models import Agreement, AgreementParty, Obligation
from workspace.core.text import search_text

KINDS = ("cooperation", "network_programme", "joint_activity", "other")
TITLES = {
    "cooperation": "Договор о сотрудничестве",
    "network_programme": "Договор о сетевой форме реализации дополнительной общеобразовательной программы",
    "joint_activity": "Договор о совместной деятельности",
    "other": "Соглашение о взаимодействии",
}
BASE_DUTIES = ("Формирует группы обучающихся и передаёт списки партнёру", "Предоставляет помещение для занятий",
               "Назначает ответственного за сопровождение обучающихся", "Информирует родителей о мероприятиях")
PARTNER_DUTIES = ("Проводит занятия и мероприятия по согласованному графику", "Предоставляет оборудование и материалы",
                  "Сообщает школе о посещаемости", "Готовит отчёт о проведённых мероприятиях")
TERMS = ("сентябрь", "в течение года", "ежемесячно", "октябрь, март", "май", "по графику")
STATUSES = ("active", "active", "signing", "draft", "terminated", "active")
PER_NETWORK = 5


def rows_estimate(scale) -> int:
    return scale.networks * PER_NETWORK * 12


def build_agreements(city) -> None:
    rng = city.rng
    agreements, parties, obligations = [], [], []
    for group in city.networks:
        partners = [place for _membership, place, _forms, _effect in group.members if place is not group.base]
        for n in range(min(PER_NETWORK, len(partners))):
            kind = KINDS[n % len(KINDS)]
            status = STATUSES[(n + group.id) % len(STATUSES)]
            chosen = [group.base, *rng.sample(partners, k=min(len(partners), 1 + (n % 3 == 0)))]
            starts = city.today - timedelta(days=rng.randint(30, 300))
            ends = city.today + timedelta(days=rng.choice((15, 25, 120, 250, 400)))
            if n == PER_NETWORK - 1:
                ends = city.today - timedelta(days=rng.randint(1, 60))  # expired (computed on read)
            agreement_id = city.new_id(Agreement)
            number = f"{group.id}-{n + 1}/{starts.year}"
            title = f"{TITLES[kind]} ({', '.join(place.short_name for place in chosen[1:])})"
            accepted = city.past(60) if status in ("active", "terminated") else None
            subject = f"Совместная деятельность сторон в сети «{group.name}»"
            agreements.append({
                "id": agreement_id, "network_id": group.id, "number": number, "signed_on": starts - timedelta(days=7),
                "kind": kind, "title": title[:400], "subject": subject,
                "starts_on": starts, "ends_on": ends, "status": status,
                "termination_reason": "Реорганизация учреждения" if status == "terminated" else "",
                "terminated_on": city.today - timedelta(days=3) if status == "terminated" else None,
                "activated_at": accepted, "is_published": n % 2 == 0,
                "search_text": search_text(number, title[:400], subject), "author_id": None, "version": 1,
                "created_at": city.past(300)})
            for position, place in enumerate(chosen, start=1):
                admin = next((person for person in place.staff if person.role == StaffRole.ADMIN), None)
                party_id = city.new_id(AgreementParty)
                party_accepts = accepted is not None or (status == "signing" and position == 1)
                parties.append({"id": party_id, "network_id": group.id, "agreement_id": agreement_id,
                                "institution_id": place.id, "position": position,
                                "accepted_by_id": admin.id if admin and party_accepts else None,
                                "accepted_at": (accepted or city.past(10)) if party_accepts else None})
                duties = BASE_DUTIES if place is group.base else PARTNER_DUTIES
                for line, text in enumerate(rng.sample(duties, k=3), start=1):
                    obligations.append({"id": city.new_id(Obligation), "network_id": group.id,
                                        "agreement_id": agreement_id, "party_id": party_id, "position": line,
                                        "text": text, "term": rng.choice(TERMS), "version": 1,
                                        "created_at": city.past(300)})
    city.insert(Agreement, agreements)
    city.insert(AgreementParty, parties)
    city.insert(Obligation, obligations)
